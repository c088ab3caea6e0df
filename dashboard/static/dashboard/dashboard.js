/* Charts of the dashboard, drawn with the vendored Chart.js from the JSON the page embeds. */
(function () {
  "use strict";
  // The print button is handled by static/js/app.js (data-action="print"), loaded by base.html.

  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var t = data.text;
  var BLUE = "#1565c0", LIGHT = "#b8cbe6", RED = "#c0392b", GOLD = "#d4a017", GREEN = "#2e8b57";

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.animation = false; // printing and screenshots show the final state
  Chart.defaults.maintainAspectRatio = false;

  function fmt(v, suffix) { return v === null || v === undefined ? "—" : v.toFixed(2) + (suffix || ""); }

  var tiers = document.getElementById("chart-tiers");
  if (tiers) {
    new Chart(tiers, {
      type: "bar",
      data: {
        labels: data.tiers.labels,
        datasets: [
          { label: t.plan, data: data.tiers.plan, backgroundColor: LIGHT, borderColor: "#8fadd6", borderWidth: 1 },
          { label: t.completed, data: data.tiers.completed, backgroundColor: BLUE }
        ]
      },
      options: {
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 14 } },
          tooltip: { callbacks: {
            label: function (ctx) { return ctx.dataset.label + "：" + fmt(ctx.parsed.y) + " " + t.yi; },
            afterBody: function (items) { var r = data.tiers.rate[items[0].dataIndex]; return t.completion_rate + "：" + fmt(r, "%"); }
          } }
        },
        scales: { y: { beginAtZero: true, title: { display: true, text: t.yi } } }
      }
    });
  }

  var months = document.getElementById("chart-months");
  if (months) {
    new Chart(months, {
      data: {
        labels: data.months.labels,
        datasets: [
          { type: "line", label: t.completion_rate, data: data.months.rate, borderColor: BLUE, backgroundColor: BLUE,
            tension: 0.2, pointRadius: 3, pointStyle: "circle", yAxisID: "y" },
          { type: "line", label: t.time_progress, data: data.months.time, borderColor: RED, backgroundColor: RED,
            borderDash: [6, 4], pointRadius: 0, pointStyle: "line", yAxisID: "y" },
          { type: "bar", label: t.monthly + "（" + t.yi + "）", data: data.months.completed, backgroundColor: "rgba(212,160,23,.35)",
            borderColor: GOLD, borderWidth: 1, pointStyle: "rect", yAxisID: "y2" }
        ]
      },
      options: {
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } }, tooltip: { callbacks: {
          label: function (ctx) { return ctx.dataset.label + "：" + fmt(ctx.parsed.y, ctx.dataset.yAxisID === "y" ? "%" : ""); }
        } } },
        scales: {
          y: { beginAtZero: true, ticks: { callback: function (v) { return v + "%"; } } },
          y2: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: t.yi } }
        }
      }
    });
  }

  var towns = document.getElementById("chart-townships");
  if (towns) {
    // One bar per township, however many there are: size the box to the list.
    towns.parentNode.style.height = Math.max(260, 26 * data.townships.labels.length + 60) + "px";
    var colours = data.townships.rate.map(function (r) {
      return r === null ? "#ccc" : r >= data.townships.time ? GREEN : r >= data.townships.time - 10 ? GOLD : RED;
    });
    new Chart(towns, {
      type: "bar",
      data: {
        labels: data.townships.labels,
        datasets: [{ label: t.completion_rate, data: data.townships.rate, backgroundColor: colours }]
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) { return t.completion_rate + "：" + fmt(ctx.parsed.x, "%"); } } }
        },
        scales: {
          x: { beginAtZero: true, ticks: { callback: function (v) { return v + "%"; } } },
          y: { ticks: { autoSkip: false } }
        }
      },
      plugins: [{
        id: "timeProgressLine",
        afterDatasetsDraw: function (chart) {
          var x = chart.scales.x.getPixelForValue(data.townships.time);
          var ctx = chart.ctx, area = chart.chartArea;
          ctx.save();
          ctx.strokeStyle = RED; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.5;
          ctx.beginPath(); ctx.moveTo(x, area.top); ctx.lineTo(x, area.bottom); ctx.stroke();
          ctx.restore();
        }
      }]
    });
  }
})();
