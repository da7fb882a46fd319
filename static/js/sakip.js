/* Behaviour every page shares, kept out of the templates: the Content-Security-Policy allows
 * scripts only from our static files (no inline handlers).
 *
 * <select data-kirim-otomatis>  submits its form when the choice changes (the form keeps a
 *                               <noscript> button for browsers without JavaScript);
 * <form data-arah="/x/__nilai__/">  navigates to that address with the chosen value of the
 *                               form's <select> in place of __nilai__, instead of submitting.
 * data-konfirmasi="…"           on a <form>, a submit <button> or an htmx element: an action
 *                               that cannot be undone asks first, in a <dialog> (sakip.css
 *                               .konfirmasi) saying what becomes irreversible; "Batal" leaves
 *                               everything as it was. data-konfirmasi-ya="Ya, hapus" names the
 *                               confirming button (default "Ya, lanjutkan"). Works for plain
 *                               posts (the clicked button's name/value is kept) and htmx
 *                               requests (htmx:confirm). Without JavaScript the form posts as is.
 */
(function () {
  "use strict";
  var PENANDA = "__nilai__";

  document.addEventListener("change", function (e) {
    var pilih = e.target;
    if (!pilih.matches || !pilih.matches("select[data-kirim-otomatis]") || !pilih.form) {
      return;
    }
    if (pilih.form.requestSubmit) {
      pilih.form.requestSubmit();
    } else {
      pilih.form.submit();
    }
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var arah = form.getAttribute && form.getAttribute("data-arah");
    if (!arah) { return; }
    var pilih = form.querySelector("select");
    if (!pilih) { return; }
    e.preventDefault();
    window.location.href = arah.replace(PENANDA, encodeURIComponent(pilih.value));
  });
})();

/* Confirmation before an irreversible action (data-konfirmasi, see the header above). */
(function () {
  "use strict";
  var dialog = null;

  function buatDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "konfirmasi";
    dialog.setAttribute("aria-labelledby", "konfirmasi-judul");
    dialog.innerHTML =
      '<form method="dialog">' +
      '<h2 id="konfirmasi-judul">Konfirmasi</h2>' +
      '<p class="konfirmasi-teks"></p>' +
      '<div class="konfirmasi-tombol">' +
      '<button type="submit" value="batal" class="konfirmasi-batal" autofocus>Batal</button>' +
      '<button type="submit" value="ya" class="primary konfirmasi-ya">Ya, lanjutkan</button>' +
      "</div></form>";
    document.body.appendChild(dialog);
    return dialog;
  }

  // Shows the question; calls lanjut() only on "Ya". Escape or "Batal" cancel.
  function tanya(teks, labelYa, lanjut) {
    if (typeof HTMLDialogElement !== "function") {
      if (window.confirm(teks)) { lanjut(); }
      return;
    }
    var d = dialog || buatDialog();
    d.querySelector(".konfirmasi-teks").textContent = teks;
    d.querySelector(".konfirmasi-ya").textContent = labelYa || "Ya, lanjutkan";
    d.returnValue = "";
    d.addEventListener("close", function selesai() {
      d.removeEventListener("close", selesai);
      if (d.returnValue === "ya") { lanjut(); }
    });
    d.showModal();
  }

  function pemilik(form, tombol) {
    if (tombol && tombol.hasAttribute("data-konfirmasi")) { return tombol; }
    if (form && form.hasAttribute("data-konfirmasi")) { return form; }
    return null;
  }

  function pakaiHtmx(el) {
    return el && ["hx-post", "hx-put", "hx-patch", "hx-delete"].some(function (a) {
      return el.hasAttribute(a);
    });
  }

  // Capture phase: runs before htmx's and any other submit handler of the page.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || form.method === "dialog") { return; }
    var tombol = e.submitter || null;
    var el = pemilik(form, tombol);
    if (!el || pakaiHtmx(form) || pakaiHtmx(tombol)) { return; }
    if (form.dataset.terkonfirmasi === "1") {
      delete form.dataset.terkonfirmasi;
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    tanya(el.getAttribute("data-konfirmasi"), el.getAttribute("data-konfirmasi-ya"), function () {
      form.dataset.terkonfirmasi = "1";
      if (form.requestSubmit) {
        form.requestSubmit(tombol && tombol.form === form ? tombol : undefined);
      } else {
        if (tombol && tombol.name) {
          var isi = document.createElement("input");
          isi.type = "hidden"; isi.name = tombol.name; isi.value = tombol.value;
          form.appendChild(isi);
        }
        form.submit();
      }
    });
  }, true);

  // htmx requests: htmx asks through its htmx:confirm event before sending.
  document.addEventListener("htmx:confirm", function (e) {
    var elt = e.detail && e.detail.elt;
    var pemicu = e.detail && e.detail.triggeringEvent;
    var tombol = pemicu && pemicu.submitter;
    var el = pemilik(elt && elt.closest ? elt.closest("[data-konfirmasi]") || elt : elt, tombol);
    if (!el) { return; }
    e.preventDefault();
    tanya(el.getAttribute("data-konfirmasi"), el.getAttribute("data-konfirmasi-ya"), function () {
      e.detail.issueRequest(true);
    });
  });
})();
