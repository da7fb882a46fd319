/* Behaviour every page shares, kept out of the templates: the Content-Security-Policy allows
 * scripts only from our static files (no inline handlers).
 *
 * <select data-kirim-otomatis>  submits its form when the choice changes (the form keeps a
 *                               <noscript> button for browsers without JavaScript);
 * <form data-arah="/x/__nilai__/">  navigates to that address with the chosen value of the
 *                               form's <select> in place of __nilai__, instead of submitting.
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
