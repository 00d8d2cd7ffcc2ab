/* Draws the plan dashboard from its JSON; ECharts is served from our own static files. */
(function () {
  "use strict";
  var root = document.getElementById("charts");
  if (!root || !window.echarts) { return; }
  var dark = root.dataset.dark === "1" ? "dark" : null;
  var colours = { exceeded: "#1a7f37", completed: "#2da44e", completed_after_adjustment: "#0a8a9a",
    not_met_after_adjustment: "#cf222e", partial: "#bf8700", not_completed: "#a40e26",
    delayed: "#d4a72c", ongoing: "#8c959f" };
  function chart(id, option) {
    var el = document.getElementById(id);
    var c = window.echarts.init(el, dark, { renderer: "svg" });
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    el.dataset.ready = "1";
  }
  fetch(root.dataset.source, { credentials: "same-origin" }).then(function (r) { return r.json(); })
    .then(function (d) {
      chart("chart-category", {
        tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 150, right: 20, top: 40 },
        xAxis: { type: "value" }, yAxis: { type: "category", data: d.by_category.categories, inverse: true },
        series: d.by_category.series.map(function (s) {
          return { name: s.label, type: "bar", stack: "all", data: s.data, itemStyle: { color: colours[s.status] } };
        })
      });
      chart("chart-indicators", {
        tooltip: { trigger: "axis" }, grid: { left: 200, right: 30 },
        xAxis: { type: "value", name: "%" },
        yAxis: { type: "category", data: d.indicators.map(function (i) { return i.name; }) },
        series: [{ type: "bar", data: d.indicators.map(function (i) {
          return { value: i.ratio, itemStyle: { color: i.ratio >= 100 ? "#2da44e" : "#cf222e" } };
        }), markLine: { data: [{ xAxis: 100 }], symbol: "none" } }]
      });
      if (!d.through_the_year.months.length) {
        var empty = document.getElementById("chart-year");
        empty.textContent = root.dataset.empty;
        empty.className = "chart empty";
      } else chart("chart-year", {
        tooltip: { trigger: "axis" }, xAxis: { type: "category", data: d.through_the_year.months },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "line", data: d.through_the_year.accepted, areaStyle: {} }]
      });
      chart("chart-years", {
        tooltip: { trigger: "axis" }, legend: { top: 0 }, xAxis: { type: "category", data: d.years.years },
        yAxis: { type: "value" },
        series: [
          { name: root.dataset.kept, type: "bar", stack: "y", data: d.years.kept, itemStyle: { color: colours.completed } },
          { name: root.dataset.notKept, type: "bar", stack: "y", data: d.years.not_kept, itemStyle: { color: colours.not_completed } },
          { name: root.dataset.ongoing, type: "bar", stack: "y", data: d.years.ongoing, itemStyle: { color: colours.ongoing } }
        ]
      });
      root.dataset.ready = "1";
    });
}());
