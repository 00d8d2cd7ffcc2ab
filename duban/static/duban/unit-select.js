// The office's unit choosers: Tom Select over the plain <select multiple>, which is what the
// form is without JavaScript. A name typed that is not in the list can be added: it is sent
// as "+name" and the unit is created (through the service) when the task is saved. Every
// word shown comes from the page's data- attributes, in the page's language.
(function () {
  "use strict";
  function text(s) {
    var d = document.createElement("div");
    d.textContent = s || "";
    return d.innerHTML;
  }
  function enhance(el) {
    var words = el.dataset;
    var field = el.closest(".field");
    new TomSelect(el, {
      plugins: { remove_button: { title: words.remove } },
      placeholder: words.placeholder,
      hidePlaceholder: true,
      maxOptions: null,
      persist: false,
      create: function (input) {
        var name = input.trim();
        return { value: "+" + name, text: name };
      },
      createFilter: function (input) {
        var name = input.trim();
        return name.length > 0 && name.length <= 100;
      },
      render: {
        no_results: function () {
          return '<div class="no-results">' + text(words.noResults) + "</div>";
        },
        option_create: function (data, escape) {
          return '<div class="create">' + text(words.add) + "：<strong>" +
            escape(data.input) + "</strong></div>";
        },
      },
    });
    if (field) field.classList.add("enhanced");
  }
  function init() {
    if (typeof TomSelect === "undefined") return; // the plain select still works
    document.querySelectorAll("select[data-unit-select]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
