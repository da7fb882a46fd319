/* Dashboard charts (Chart.js, vendored in static/vendor/chartjs).
 *
 * Data comes from <script type="application/json"> blocks written by dasbor/grafik.py: numbers
 * place the bars, the "teks" arrays (formatted by sakip/lib/angka.py) are what the reader sees.
 * Bar colours are the category colours of the office's scale, read from the CSS classes
 * .kat-<KODE> so that charts and tables never disagree. Every chart has its table beside it.
 */
(function () {
  "use strict";
  if (!window.Chart) { return; }

  var angkaID = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  var gaya = getComputedStyle(document.body);
  Chart.defaults.locale = "id-ID";
  Chart.defaults.font.family = gaya.fontFamily;
  Chart.defaults.color = "#3e4c59";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  var ABU = "#9aa5b1";
  var warnaCache = {};
  function warna(kode) {
    if (!kode) { return ABU; }
    if (!warnaCache[kode]) {
      var el = document.createElement("span");
      el.className = "kat-" + kode;
      el.style.display = "none";
      document.body.appendChild(el);
      warnaCache[kode] = getComputedStyle(el).color || ABU;
      el.remove();
    }
    return warnaCache[kode];
  }
  function bacaData(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function angka(xs) {
    return xs.map(function (x) { return x === null ? null : parseFloat(x); });
  }
  function pendek(teks, n) {
    return teks.length > n ? teks.slice(0, n - 1) + "\u2026" : teks;
  }
  function persen(v) { return angkaID.format(v) + " %"; }
  function muat(canvas) {
    // Category labels of horizontal bars get the room the canvas has (phone vs laptop).
    var lebar = canvas.parentElement.clientWidth || 300;
    return Math.max(12, Math.min(30, Math.round(lebar / 16)));
  }
  function tinggi(canvas, baris, perBaris) {
    // Horizontal bars need height per row; the figure grows with the data.
    canvas.parentElement.style.height = Math.max(150, 50 + baris * perBaris) + "px";
  }

  function grafikCapaian(canvas, d) {
    tinggi(canvas, d.labels.length, 30);
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels.map(function (l) { return pendek(l, muat(canvas)); }),
        datasets: [{
          label: "Capaian (%)", data: angka(d.nilai),
          backgroundColor: d.kategori.map(warna), borderRadius: 3, maxBarThickness: 26,
        }],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: {
            title: function (items) { return d.labels[items[0].dataIndex]; },
            label: function (item) { return "Capaian " + d.teks[item.dataIndex]; },
          } },
        },
        scales: { x: { beginAtZero: true, ticks: { callback: persen } } },
      },
    });
  }

  function grafikTriwulan(canvas, d) {
    return new Chart(canvas, {
      data: {
        labels: d.labels,
        datasets: [
          { type: "bar", label: "Realisasi", data: angka(d.realisasi),
            backgroundColor: d.kategori.map(warna), borderRadius: 3, order: 2 },
          { type: "line", label: "Target TW", data: angka(d.target), borderColor: "#1f2933",
            backgroundColor: "#1f2933", borderDash: [5, 4], pointRadius: 4, spanGaps: false,
            order: 1 },
        ],
      },
      options: {
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, usePointStyle: true } },
          tooltip: { callbacks: { label: function (item) {
            var teks = item.datasetIndex === 0 ? d.teks_realisasi : d.teks_target;
            return item.dataset.label + ": " + teks[item.dataIndex] + (d.satuan ? " " + d.satuan : "");
          } } },
        },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return angkaID.format(v); } } } },
      },
    });
  }

  function grafikProgram(canvas, d) {
    tinggi(canvas, d.labels.length, 46);
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels.map(function (l) { return pendek(l, muat(canvas)); }),
        datasets: [
          { label: "Serapan anggaran (%)", data: angka(d.serapan), backgroundColor: "#bcccdc",
            borderColor: "#627d98", borderWidth: 1,
            borderRadius: 3, maxBarThickness: 18 },
          { label: "Capaian kinerja (%)", data: angka(d.capaian),
            backgroundColor: d.kategori.map(warna), borderRadius: 3, maxBarThickness: 18 },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, generateLabels: function (chart) {
            // The capaian bars take their category colour; the legend says so instead of
            // showing whichever colour the first bar happens to have.
            return Chart.defaults.plugins.legend.labels.generateLabels(chart).map(function (l) {
              if (l.datasetIndex === 1) {
                l.fillStyle = l.strokeStyle = "#52606d";
                l.text = "Capaian kinerja (%), warna = kategori";
              }
              return l;
            });
          } } },
          tooltip: { callbacks: {
            title: function (items) { return d.labels[items[0].dataIndex]; },
            label: function (item) {
              var teks = item.datasetIndex === 0 ? d.teks_serapan : d.teks_capaian;
              return item.dataset.label.replace(" (%)", "") + ": " + teks[item.dataIndex];
            },
          } },
        },
        scales: { x: { beginAtZero: true, ticks: { callback: persen } } },
      },
    });
  }

  var PEMBUAT = { capaian: grafikCapaian, triwulan: grafikTriwulan, program: grafikProgram };
  document.querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
    var data = bacaData(canvas.dataset.sumber);
    if (!data) { return; }
    if (canvas.dataset.indeks !== undefined) { data = data[parseInt(canvas.dataset.indeks, 10)]; }
    var buat = PEMBUAT[canvas.dataset.grafik];
    if (buat && data && data.labels.length) {
      canvas.chart = buat(canvas, data);
      canvas.closest("figure").classList.add("siap");
    }
  });
}());
