/* LKE pages (CSP: no inline scripts).
 *
 * <button data-tambah-formset="P">  appends a copy of <template id="P-kosong"> (a Django
 *                                   formset's empty form) to [data-formset="P"], numbering it
 *                                   and raising P-TOTAL_FORMS: the dynamic recommendation list.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("[data-tambah-formset]");
    if (!tombol) { return; }
    var awalan = tombol.getAttribute("data-tambah-formset");
    var wadah = document.querySelector('[data-formset="' + awalan + '"]');
    var cetakan = document.getElementById(awalan + "-kosong");
    var total = document.getElementById("id_" + awalan + "-TOTAL_FORMS");
    if (!wadah || !cetakan || !total) { return; }
    var n = parseInt(total.value, 10) || 0;
    var html = cetakan.innerHTML.replace(/__prefix__/g, String(n));
    wadah.insertAdjacentHTML("beforeend", html);
    total.value = String(n + 1);
    var baru = wadah.lastElementChild && wadah.lastElementChild.querySelector("textarea, input");
    if (baru) { baru.focus(); }
  });
})();
