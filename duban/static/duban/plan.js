// The plan page: on a wide screen the completion texts are open (a table to read across);
// on a phone they stay folded under each card's number, task, units and status.
(function () {
  var wide = window.matchMedia("(min-width: 721px)");
  function unfold(root) {
    if (!wide.matches) return;
    root.querySelectorAll("details.fold").forEach(function (d) { d.open = true; });
  }
  unfold(document);
  document.body.addEventListener("htmx:afterSettle", function () { unfold(document); });
})();
