/* Draws the statistics charts from the JSON block #stats-charts (no inline script). */
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("stats-charts");
    if (!el || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(el.textContent);
    var colors = ["#0a6e6a", "#b35900", "#5b4bb7", "#a3195b", "#2f6f2f", "#555"];
    data.charts.forEach(function (c) {
      var canvas = document.getElementById("chart-" + c.id);
      if (!canvas) { return; }
      var datasets = c.datasets.map(function (d, i) {
        return { label: d.label, data: d.data, backgroundColor: colors[i % colors.length], borderColor: colors[i % colors.length], fill: false };
      });
      var chart = new window.Chart(canvas, {
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
      canvas._simpulChart = chart;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
