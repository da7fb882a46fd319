/* Public pages: the trend of each IKU's capaian over the published years (Chart.js, vendored).
 *
 * Data come from the <script type="application/json" id="data-tren"> block written by
 * publik/views.py (no inline script: the CSP refuses it). Numbers place the bars; the "teks"
 * arrays, formatted on the server by sakip/lib/angka.py, are what the reader sees. The same
 * figures are in the table under the chart.
 */
(function () {
  "use strict";
  var el = document.getElementById("data-tren");
  var canvas = document.getElementById("grafik-tren");
  if (!window.Chart || !el || !canvas) { return; }
  var d = JSON.parse(el.textContent);
  if (!d.tahun || !d.tahun.length) { return; }

  var angkaID = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  var WARNA = ["#0b5394", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#5d4037"];
  Chart.defaults.locale = "id-ID";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#3e4c59";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function pendek(teks, n) { return teks.length > n ? teks.slice(0, n - 1) + "\u2026" : teks; }
  // Legend labels get the room the canvas has (phone vs laptop).
  var muat = Math.max(20, Math.round((canvas.parentElement.clientWidth || 300) / 8));
  var sementara = {};
  d.sementara.forEach(function (t) { sementara[t] = true; });

  new Chart(canvas, {
    type: "bar",
    data: {
      labels: d.tahun.map(function (t) { return sementara[t] ? t + "*" : String(t); }),
      datasets: d.seri.map(function (s, i) {
        var w = WARNA[i % WARNA.length];
        return {
          label: pendek(s.label, muat),
          data: s.nilai.map(function (x) { return x === null ? null : parseFloat(x); }),
          backgroundColor: w, borderColor: w, borderRadius: 3, maxBarThickness: 40,
        };
      }),
    },
    options: {
      plugins: {
        // One IKU: the title and the table name it; several: the legend tells them apart.
        legend: { display: d.seri.length > 1, position: "bottom", labels: { boxWidth: 12 } },
        tooltip: { callbacks: {
          title: function (items) { return d.seri[items[0].datasetIndex].label; },
          label: function (item) {
            return d.tahun[item.dataIndex] + ": " + d.seri[item.datasetIndex].teks[item.dataIndex];
          },
        } },
      },
      scales: { y: { beginAtZero: true,
                     ticks: { callback: function (v) { return angkaID.format(v) + " %"; } } } },
    },
  });
}());
