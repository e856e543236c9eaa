/* OCOP monitoring charts: every <canvas data-chart="ID"> is drawn from the JSON of <script id="ID">
   (written by Django's json_script). Bars are coloured by status; the target is a dashed line. */
(function () {
  "use strict";
  var COLOURS = {
    achieved: "#1b6e3a", on_track: "#4c9a63", at_risk: "#d08a00", missed: "#b42318",
    not_started: "#9aa3b2", no_data: "#c7ccd5", forecast: "#8fb3e8"
  };
  var STACK = ["#8fc79f", "#3f8f5a", "#12502a", "#d08a00"];
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

  function draw(canvas) {
    if (canvas.dataset.drawn || typeof Chart === "undefined") { return; }
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var datasets = [];
    if (spec.stacks && spec.stacks.length) {
      spec.stacks.forEach(function (stack, i) {
        datasets.push({ type: "bar", label: stack.label, data: stack.values, backgroundColor: STACK[i % STACK.length], stack: "s" });
      });
    } else {
      datasets.push({
        type: "bar", label: spec.series_label, data: spec.values,
        backgroundColor: spec.values.map(function (_v, i) { return COLOURS[spec.statuses[i]] || "#4c9a63"; })
      });
    }
    [["target", spec.target_label], ["target_max", spec.target_label + " (tối đa)"]].forEach(function (pair) {
      if (spec[pair[0]] !== null && spec[pair[0]] !== undefined) {
        datasets.push({
          type: "line", label: pair[1], data: spec.labels.map(function () { return spec[pair[0]]; }),
          borderColor: "#b42318", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false
        });
      }
    });
    var horizontal = spec.labels.length > 12;
    if (horizontal) { canvas.parentNode.style.height = Math.max(220, 22 * spec.labels.length) + "px"; }
    new Chart(canvas, {
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom" },
          tooltip: { callbacks: { label: function (ctx) {
            var v = horizontal ? ctx.parsed.x : ctx.parsed.y;
            return ctx.dataset.label + ": " + (v === null ? "—" : number.format(v)) + (spec.unit ? " " + spec.unit : "");
          } } }
        },
        scales: horizontal ? {
          x: { stacked: !!spec.stacks, beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } },
          y: { stacked: !!spec.stacks }
        } : {
          x: { stacked: !!spec.stacks },
          y: { stacked: !!spec.stacks, beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } }
        }
      }
    });
    canvas.dataset.drawn = "1";
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
