/* Draws the plan dashboard from its data (in the page, else from its JSON); ECharts is a
   build of the modules used here only (tools/echarts/), served from our own static files. */
(function () {
  "use strict";
  var root = document.getElementById("charts");
  if (!root || !window.echarts) { return; }
  var dark = root.dataset.dark === "1" ? "dark" : null;
  var colours = { exceeded: "#1a7f37", completed: "#2da44e", completed_after_adjustment: "#0a8a9a",
    not_met_after_adjustment: "#cf222e", partial: "#bf8700", not_completed: "#a40e26",
    delayed: "#d4a72c", ongoing: "#8c959f" };
  var narrow = window.matchMedia("(max-width: 720px)").matches;
  // Targets against actuals; the legend under the chart (dashboard.html) names the same.
  var judged = { met: "#1a7f37", not_met: "#cf222e", unknown: "#6e7781" };
  function echartsText(t) {
    return String(t).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  // Labels get the room they need (containLabel) and wrap rather than being cut; the legend
  // has a row of its own above the grid and scrolls when it is longer than the screen.
  var label = { width: narrow ? 96 : 180, overflow: "break", lineHeight: 14 };
  var legend = { top: 0, type: "scroll", textStyle: { fontSize: narrow ? 11 : 12 } };
  var transparent = dark ? { backgroundColor: "transparent" } : {};
  function chart(id, option) {
    var el = document.getElementById(id);
    var c = window.echarts.getInstanceByDom(el);
    if (c) { c.setOption(option); el.dataset.ready = "1"; return; }  // a refresh: new figures
    c = window.echarts.init(el, dark, { renderer: "svg" });
    c.setOption(Object.assign({}, transparent, option));
    // Follows its box: the wall's grid settles its heights after the first draw.
    if (window.ResizeObserver) { new ResizeObserver(function () { c.resize(); }).observe(el); }
    else { window.addEventListener("resize", function () { c.resize(); }); }
    el.dataset.ready = "1";
  }
  function hide(id) { document.getElementById(id).closest(".panel").hidden = true; }
  // The first chart is drawn alone and painted, the others in a task of their own after the
  // frame that shows it: a phone shows the chart it opens on without waiting for the three
  // below the fold.
  function draw(d) {
    drawCategories(d);
    window.requestAnimationFrame(function () { window.setTimeout(function () { drawRest(d); }, 0); });
  }
  function drawCategories(d) {
    var cats = d.by_category.categories;
    if (!root.classList.contains("fill")) {  // a bar per category, tall enough for two lines
      document.getElementById("chart-category").style.height = Math.max(260, 60 + cats.length * 38) + "px";
    }
    chart("chart-category", {
      tooltip: { trigger: "axis", confine: true }, legend: legend,
      grid: { containLabel: true, left: 4, right: 16, top: narrow ? 56 : 36, bottom: 4 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: cats, inverse: true, axisLabel: label },
      series: d.by_category.series.map(function (s) {
        return { name: s.label, type: "bar", stack: "all", data: s.data, itemStyle: { color: colours[s.status] } };
      })
    });
  }
  function drawRest(d) {
    var fill = root.classList.contains("fill");
    var box = document.getElementById("chart-indicators");
    // One line a bar: on the wall as many as its panel holds, elsewhere the panel grows.
    var inds = fill ? d.indicators.slice(0, Math.max(5, Math.floor((box.clientHeight - 40) / 18)))
      : d.indicators;
    if (!fill) { box.style.height = Math.max(260, 60 + inds.length * 22) + "px"; }
    // A bar's colour is what the server judged (i.judged: met, not_met, unknown), which
    // reads the comparator: a ceiling ("≤1.5%") is met below 100 %, "约6%" not by 6.5 %.
    // Its label says what the actual is held against ("0.94%（上限1.5%）").
    if (!inds.length) { hide("chart-indicators"); } else chart("chart-indicators", {
      tooltip: { trigger: "axis", confine: true, formatter: function (ps) {
        var i = inds[ps[0].dataIndex];
        return echartsText(i.name) + "<br>" + echartsText(i.label) + " · " + i.ratio + "%";
      } },
      // The right margin holds the label of the longest bar.
      grid: { containLabel: true, left: 4, right: narrow ? 112 : 176, top: 24, bottom: 4 },
      xAxis: { type: "value", name: "%" },
      yAxis: { type: "category", data: inds.map(function (i) { return i.name; }),
               axisLabel: { width: label.width, overflow: "truncate" } },
      series: [{ type: "bar", data: inds.map(function (i) {
        return { value: i.ratio, itemStyle: { color: judged[i.judged] || judged.unknown },
                 label: { show: true, position: "right", formatter: function () { return i.label; },
                          fontSize: narrow ? 10 : 11 } };
      }), markLine: { data: [{ xAxis: 100 }], symbol: "none" } }]
    });
    // A panel with nothing to draw is left out, not shown empty.
    if (!d.through_the_year.months.length) { hide("chart-year"); } else chart("chart-year", {
      tooltip: { trigger: "axis", confine: true }, grid: { containLabel: true, left: 4, right: 16, top: 24, bottom: 4 },
      xAxis: { type: "category", data: d.through_the_year.months },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "line", data: d.through_the_year.accepted, areaStyle: {} }]
    });
    if (d.years.years.length < 2) { hide("chart-years"); } else chart("chart-years", {
      tooltip: { trigger: "axis", confine: true }, legend: legend,
      grid: { containLabel: true, left: 4, right: 16, top: 36, bottom: 4 },
      xAxis: { type: "category", data: d.years.years }, yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: root.dataset.kept, type: "bar", stack: "y", data: d.years.kept, itemStyle: { color: colours.completed } },
        { name: root.dataset.notKept, type: "bar", stack: "y", data: d.years.not_kept, itemStyle: { color: colours.not_completed } },
        { name: root.dataset.ongoing, type: "bar", stack: "y", data: d.years.ongoing, itemStyle: { color: colours.ongoing } }
      ]
    });
    root.dataset.ready = "1";
  }
  function load() {
    return fetch(root.dataset.source, { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(draw);
  }
  var inline = document.getElementById("chart-data");
  if (inline) { draw(JSON.parse(inline.textContent)); } else { load(); }
  // The wall display draws itself again from the latest data every few minutes.
  if (root.dataset.refresh) {
    window.dubanRefresh = load;
    window.setInterval(load, Number(root.dataset.refresh) * 1000);
  }
}());
