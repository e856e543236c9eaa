/* Public statistics charts: every <canvas data-stats-chart="ID"> is drawn with Chart.js from the JSON of
   <script id="ID"> (Django's json_script): {labels, series: [{label, values}], horizontal}. Several series
   are stacked (one per star). The table under each chart holds the same numbers. */
(function () {
  "use strict";
  var COLOURS = ["#8fc79f", "#3f8f5a", "#12502a"];
  var number = new Intl.NumberFormat("vi-VN");

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.statsChart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var stacked = spec.series.length > 1;
    var datasets = spec.series.map(function (s, i) {
      return {
        label: s.label, data: s.values, stack: "stars",
        backgroundColor: stacked ? COLOURS[i % COLOURS.length] : COLOURS.slice(0, s.values.length)
      };
    });
    var valueAxis = { stacked: stacked, beginAtZero: true, ticks: { precision: 0, callback: function (v) { return number.format(v); } } };
    var labelAxis = { stacked: stacked, ticks: { autoSkip: false } };
    new Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: stacked, position: "bottom" } },
        scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-stats-chart]").forEach(draw);
  });
})();
