// A live count under every textarea with a limit (duban/text_fields.py): the browser never
// cuts what is typed or pasted; the count says how far over the limit the text is, and the
// server refuses it with the text kept.
(function () {
  "use strict";
  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  function attach(box) {
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    var words = box.getAttribute("data-count-text") || "{count} / {limit}";
    if (!limit || box.hasAttribute("data-counted")) return;
    box.setAttribute("data-counted", "");
    var out = document.createElement("small");
    out.className = "meta count";
    out.id = (box.id || "box") + "_count";
    out.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", out);
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", described ? described + " " + out.id : out.id);
    function update() {
      // Characters as the server counts them (code points; a line break is one).
      var n = Array.from(box.value).length;
      out.textContent = words.replace("{limit}", fmt(limit)).replace("{count}", fmt(n));
      out.classList.toggle("over", n > limit);
    }
    box.addEventListener("input", update);
    update();
  }
  function all() {
    document.querySelectorAll("textarea[data-limit]").forEach(attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
