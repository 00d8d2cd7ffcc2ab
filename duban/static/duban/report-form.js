// The report form's period (task.html): choosing another period opens that period's form,
// its draft loaded (?period=…), when nothing was typed; with something typed, what was
// typed stays and the form says which period it will be saved under (the server refuses
// to save it over a draft of that period the form did not show: services.save_draft).
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var period = form.querySelector("select[name=period]");
  var note = document.getElementById("report-period-note");
  var loaded = form.querySelector("input[name=loaded]");
  if (!period || !note) return;

  function typed() {
    if (form.dataset.unsaved) return true; // a refused form: what it holds was never saved
    var fields = form.querySelectorAll("textarea, input:not([type=hidden]):not([type=file])");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== fields[i].defaultValue) return true;
    }
    var files = form.querySelectorAll("input[type=file]");
    for (var j = 0; j < files.length; j++) {
      if (files[j].files && files[j].files.length) return true;
    }
    return false;
  }

  period.addEventListener("change", function () {
    if (!typed()) {
      var url = new URL(window.location.href);
      url.searchParams.set("period", period.value);
      url.hash = "write-h";
      window.location.assign(url.toString());
      return;
    }
    if (loaded && period.value === loaded.value) {
      note.hidden = true;
      note.textContent = "";
      return;
    }
    var label = period.options[period.selectedIndex].text;
    note.textContent = note.dataset.text.replace("{period}", label);
    note.hidden = false;
  });
})();
