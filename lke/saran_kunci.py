"""The suggestions the system can make from its own data (issue contract with lke.saran).

A criterion of an LKE template names one of these keys in its ``saran`` column; ``lke.saran``
computes the suggestion (with the data and dates it is based on) for the keys listed here, and
the template loader refuses an unknown key so a typo never silently disables a suggestion.
"""

SARAN: dict[str, str] = {
    "renstra_ada": "Renstra perangkat daerah tersedia dan ditetapkan",
    "pk_ditetapkan_tepat_waktu": "Perjanjian Kinerja ditetapkan tepat waktu",
    "lkjip_ditetapkan_tepat_waktu": "LKjIP ditetapkan tepat waktu",
    "realisasi_triwulanan": "Realisasi kinerja diukur setiap triwulan",
    "iku_definisi_operasional": "IKU memiliki definisi operasional dan cara pengukuran",
    "efisiensi_dihitung": "Efisiensi penggunaan sumber daya dihitung dalam LKjIP",
}
