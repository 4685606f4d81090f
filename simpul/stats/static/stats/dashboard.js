/* Statistics dashboard: tabs over the sections, the custom date range shown only when chosen, and
   charts drawn from the JSON block #stats-charts. Chart.js (the heaviest file) is fetched only when
   a section with charts is opened, after the numbers are on screen. Without JavaScript every
   section is shown one after another and the tables carry all the numbers. No inline script. */
(function () {
  "use strict";
  var colors = ["#0a6e6a", "#b35900", "#5b4bb7", "#a3195b", "#2f6f2f", "#555"];
  var data = null;
  var chartjsRequested = false;
  var waiting = [];

  function chartData() {
    if (data === null) {
      var el = document.getElementById("stats-charts");
      data = el ? JSON.parse(el.textContent) : { charts: [] };
    }
    return data;
  }

  function drawIn(panel) {
    chartData().charts.forEach(function (c) {
      var canvas = document.getElementById("chart-" + c.id);
      if (!canvas || !panel.contains(canvas) || canvas.getAttribute("data-drawn")) { return; }
      var datasets = c.datasets.map(function (d, i) {
        return { label: d.label, data: d.data, backgroundColor: colors[i % colors.length], borderColor: colors[i % colors.length], fill: false };
      });
      canvas._simpulChart = new window.Chart(canvas, {
        type: c.type,
        data: { labels: c.labels, datasets: datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: true,
          indexAxis: c.type === "bar" && c.labels.length > 6 ? "y" : "x",
          plugins: { legend: { display: datasets.length > 1 } },
          scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
        }
      });
      canvas.setAttribute("data-drawn", "1");
    });
  }

  function charts(panel) {
    if (!panel.querySelector("canvas")) { return; }
    if (typeof window.Chart !== "undefined") { drawIn(panel); return; }
    waiting.push(panel);
    if (chartjsRequested) { return; }
    var src = document.getElementById("stats-chartjs");
    if (!src) { return; }
    chartjsRequested = true;
    var s = document.createElement("script");
    s.src = src.getAttribute("data-src");
    s.onload = function () { waiting.splice(0).forEach(function (p) { if (!p.hidden) { drawIn(p); } }); };
    document.head.appendChild(s);
  }

  function tabs() {
    var nav = document.querySelector("[data-tabs]");
    if (!nav) { return; }
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
    var panels = links.map(function (a) { return document.getElementById(a.getAttribute("href").slice(1)); });
    function show(id, focus) {
      var found = panels.some(function (p) { return p && p.id === id; });
      if (!found) { id = panels[0].id; }
      panels.forEach(function (p, i) {
        var on = p.id === id;
        p.hidden = !on;
        if (on) { links[i].setAttribute("aria-current", "page"); } else { links[i].removeAttribute("aria-current"); }
        if (on) { charts(p); if (focus) { p.querySelector("h2").focus(); } }
      });
    }
    panels.forEach(function (p) { p.querySelector("h2").setAttribute("tabindex", "-1"); });
    links.forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var id = a.getAttribute("href").slice(1);
        history.replaceState(null, "", "#" + id);
        show(id, true);
      });
    });
    // A link to one table (#t-kasus-bentuk) opens the section that holds it.
    function fromHash() {
      var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
      var panel = target && target.closest ? target.closest(".tab-panel") : null;
      show(panel ? panel.id : "", false);
      if (target && panel && target !== panel) { target.scrollIntoView(); }
    }
    window.addEventListener("hashchange", fromHash);
    document.documentElement.classList.add("stats-tabbed");
    fromHash();
  }

  function customRange() {
    var select = document.querySelector("select[data-custom-range]");
    if (!select) { return; }
    var box = document.getElementById(select.getAttribute("data-custom-range"));
    function sync() {
      var on = select.value === "custom";
      box.hidden = !on;
      box.querySelectorAll("input").forEach(function (i) { i.disabled = !on; });
    }
    select.addEventListener("change", sync);
    sync();
  }

  function start() { customRange(); tabs(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
