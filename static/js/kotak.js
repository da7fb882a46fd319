/* The count of waiting work beside "Beranda" in the header (templates/base.html).
 *
 * <span id="kotak-lencana" data-kotak-url="/kotak/jumlah/" hidden>  is filled after the page
 * loads with the number of items of the user's work inbox (dasbor/kotak.py), so no page pays
 * the inbox's queries inside its own request. The inbox page renders the count itself
 * (data-kotak-siap) and fetches nothing. Without JavaScript the badge stays hidden.
 */
(function () {
  "use strict";
  var lencana = document.getElementById("kotak-lencana");
  if (!lencana || lencana.hasAttribute("data-kotak-siap") || !window.fetch) { return; }
  var url = lencana.getAttribute("data-kotak-url");
  if (!url) { return; }
  window.fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.jumlah) { return; }
      lencana.textContent = String(data.jumlah);
      lencana.setAttribute("title", data.jumlah + " pekerjaan menunggu Anda");
      lencana.hidden = false;
    })
    .catch(function () { /* the count is a hint; the inbox page itself is the truth */ });
}());
