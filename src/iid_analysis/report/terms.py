"""The term list of the reports: one term per concept, in formal Indonesian (EYD), and a scanner
that finds the forbidden forms and sentences opening with a numeral in a generated HTML page.

:data:`FORBIDDEN` maps a regular expression (matched case-insensitively, on word boundaries where
the pattern says so) to the preferred form and the reason. Domain terms stay as they are: OPD,
predikat, tahapan, kematangan, telaah meja, bukti dukung, bimtek (defined in the glossary), IGA
(the award's own name), Monte Carlo and Sobol (names of methods).

Chosen terms, used on every page:

* the period in which OPD enter innovations: *periode pengisian*; its end: *batas akhir pengisian*;
  the verb: *memasukkan* / *dimasukkan*;
* the period in which an innovation must have been applied: *periode penilaian*;
* the evidence documents: *bukti dukung*; a level of an answer: *tingkat*;
* the desk decisions: *lanjut*, *lengkapi*, *tidak dilanjutkan*;
* the step in which OPD enter innovations: *Dimasukkan OPD* (label), *inovasi yang dimasukkan*
  (prose); an OPD's part of the IID: *sumbangan*; a difference of two percentages: *poin
  persentase*; a group of indicators: *variabel*; a number the project assumes: *diasumsikan*;
* the random start of the simulations (for auditors, in the assumptions only): *bilangan acak awal*.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import NamedTuple

__all__ = ["FORBIDDEN", "Hit", "find_forbidden", "numeral_openings", "page_blocks", "page_text",
           "scan_html", "sentences"]

#: pattern (case-insensitive regular expression) → "preferred form — why".
FORBIDDEN: dict[str, str] = {
    r"\bnon[\s\-‐]+digital": "nondigital — bentuk terikat *non* ditulis serangkai (EYD)",
    r"\bmenginput\w*|\bdiinput\w*|\bpenginputan\b|\binputan\b":
        "memasukkan / dimasukkan / pengisian — *input* bukan kata kerja baku",
    r"\binput\b": "pengisian (periode pengisian, batas akhir pengisian) atau masukan — satu istilah "
                  "untuk periode OPD memasukkan inovasi",
    r"\bjendela\b": "periode — *jendela* (window) adalah terjemahan harfiah",
    r"\bgalat\b": "kesalahan atau selisih — *galat* istilah teknis yang tidak dikenal pembaca",
    r"\bgreedy\b|\brakus\b": "urutan langkah dengan kenaikan terbesar lebih dahulu — uraikan, jangan "
                             "pakai istilah algoritme",
    r"\bsamples?\b": "contoh (data contoh) — ada padanan Indonesia",
    r"\bmandatory spending\b": "belanja wajib — ada padanan Indonesia",
    r"\bbenih acak\b": "hapus — jangan disebut dalam teks bagi pembaca; auditor membacanya di daftar asumsi "
                       "sebagai *bilangan acak awal*",
    r"\bseed\b": "bilangan acak awal — hanya di daftar asumsi",
    r"\bpuncak\b": "predikat tertinggi — untuk 'tidak ada predikat berikutnya'",
    r"\btidak lanjut\b": "tidak dilanjutkan — satu istilah untuk keputusan telaah meja",
    r"\bdokumen pendukung\b|\bdata dukung\b|\bdata pendukung\b|\bbukti pendukung\b":
        "bukti dukung — satu istilah",
    r"\bdesk review\b": "telaah meja — ada padanan Indonesia",
    r"\blevel\b": "tingkat — ada padanan Indonesia (tingkat 0–3 sebuah jawaban)",
    r"\bmaturity\b|\bmaturitas\b": "kematangan — skor kematangan, istilah yang dipakai di semua halaman",
    r"\bscores?\b": "skor atau nilai — ada padanan Indonesia",
    r"\bupdate\w*|\bupdating\b": "pembaruan / memperbarui — ada padanan Indonesia",
    r"\bupload\w*|\bdiupload\b": "unggah / diunggah — ada padanan Indonesia",
    r"\bdownload\w*|\bdidownload\b": "unduh / unduhan — ada padanan Indonesia",
    r"\branking\b|\brank\b": "peringkat — ada padanan Indonesia",
    r"\brange\b": "rentang — ada padanan Indonesia",
    r"\bdeadline\b": "batas akhir — ada padanan Indonesia",
    r"\bthreshold\b": "ambang — ada padanan Indonesia",
    r"\bbaseline\b": "acuan atau titik awal — ada padanan Indonesia",
    r"\bdefault\b": "bawaan — ada padanan Indonesia",
    r"\bdashboard\b": "dasbor — bentuk serapan baku",
    r"\bwhat-?if\b": "simulasi atau skenario — ada padanan Indonesia",
    r"\bgaps?\b": "celah — ada padanan Indonesia",
    r"\bverified\b": "terverifikasi — ada padanan Indonesia",
    r"\bfile\b": "berkas — ada padanan Indonesia",
    r"\blink\b": "tautan — ada padanan Indonesia",
    r"\bworkbook\b": "buku kerja — ada padanan Indonesia",
    r"\breview\b(?!\.\w)": "telaah (telaah meja) — nama berkas review.xlsx boleh",
    r"\boutput\b": "keluaran — ada padanan Indonesia",
    r"\bbatas awal\b": "batas semula — batas yang kemudian diperpanjang",
    r"\bnan\b|\bNone\b": "nilai kosong tidak boleh tampil — tulis kalimat yang menyebut kekosongannya",
    # the language editor's review (EYD, one term per concept)
    r"\bnon[\-‐ ](?!digital)(?-i:[a-z])": "nonpelayanan, nonfisik, … — bentuk terikat *non* ditulis serangkai "
                                           "(EYD); nama diri berhuruf kapital (Parkir Non Tunai) dibiarkan",
    r"\bpoin persen\b": "poin persentase — selisih dua persentase",
    r"\bpemasukan\b": "pengisian (lini masa pengisian) — *pemasukan* berarti pendapatan",
    r"\bperiode penerapan\b": "periode penilaian — satu istilah untuk rentang tanggal penerapan yang "
                               "memenuhi syarat",
    r"\(perkiraan\)|, perkiraan\)": "diasumsikan — satu kata untuk tanggal atau angka yang diasumsikan",
    r"\b(?:ber)?kontribusi\b": "sumbangan / menyumbang — satu istilah",
    r"\binovasi (?:yang )?masuk\b|\bdari yang masuk\b": "Dimasukkan OPD (label tahap) atau inovasi yang "
                                                      "dimasukkan (dalam kalimat) — satu istilah",
    r"\bbidang indikator\b": "variabel (kelompok indikator) atau indikator — satu istilah",
}

_COMPILED = [(re.compile(p, re.IGNORECASE), p) for p in FORBIDDEN]


class Hit(NamedTuple):
    """One finding of the scanner: what (a FORBIDDEN pattern or ``"numeral"``), the matched text
    and a snippet around it."""

    rule: str
    match: str
    snippet: str


_SKIP = {"style", "script", "head", "title", "svg", "template"}
_BLOCKS = {"p", "li", "dd"}
_INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup"}


class _Text(HTMLParser):
    """Visible text of a page (everything outside <style>, <script>, <head>) and, separately, the
    own text of every <p>/<li>/<dd> block (nested blocks and lists excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.blocks: list[str] = []
        self._skip = 0
        self._stack: list[list[str] | None] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCKS:
            self._stack.append([])
        elif tag in ("ul", "ol", "table", "pre"):
            self._stack.append(None)  # a nested list or table is not part of the enclosing sentence
        elif tag == "br":
            self._add(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS or tag in ("ul", "ol", "table", "pre"):
            while self._stack:
                top = self._stack.pop()
                if top is not None:
                    self.blocks.append(" ".join("".join(top).split()))
                    if tag in _BLOCKS:
                        break
                elif tag not in _BLOCKS:
                    break
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if self._skip:
            return
        self._add(data)

    def _add(self, data: str) -> None:
        self.parts.append(data)
        if self._stack and self._stack[-1] is not None:
            self._stack[-1].append(data)


def _parse(page: str) -> _Text:
    p = _Text()
    p.feed(page)
    p.close()
    return p


def page_text(page: str) -> str:
    """The visible text of an HTML page, entities unescaped, whitespace collapsed."""
    return " ".join(html.unescape("".join(_parse(page).parts)).split())


def page_blocks(page: str) -> list[str]:
    """The text of each paragraph and list item of an HTML page (not headings, tables, tiles)."""
    return [b for b in _parse(page).blocks if b]


#: A sentence ends at . ! ? followed by a space and a capital letter or a digit (an opening
#: bracket or quote may come first).
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[(\"'“‘«]?[A-Z0-9À-Ý])")
_OPENERS = " \t(\"'“‘«*_–—-•"


#: Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = ("s.d.", "dll.", "dsb.", "dst.", "dkk.", "Kab.", "Kec.", "Kel.", "Prov.", "No.",
                  "Nomor.", "hlm.", "Yth.", "a.n.", "u.p.", "tgl.", "Rp.", "dr.", "Dr.", "Ir.")
_MASK = "\x00"


def sentences(block: str) -> list[str]:
    """The sentences of a paragraph (see :data:`_SPLIT`), leading brackets and quotes removed."""
    for a in _ABBREVIATIONS:
        block = block.replace(a, a.replace(".", _MASK))
    parts = (s.replace(_MASK, ".").lstrip(_OPENERS) for s in _SPLIT.split(block))
    return [s for s in parts if s]


def numeral_openings(blocks: list[str]) -> list[Hit]:
    """Sentences that open with a digit."""
    return [Hit("numeral", s[:12], s[:80]) for b in blocks for s in sentences(b) if s[:1].isdigit()]


def find_forbidden(text: str) -> list[Hit]:
    """Every match of a :data:`FORBIDDEN` pattern in ``text``, with 40 characters either side."""
    hits = []
    for rx, pattern in _COMPILED:
        for m in rx.finditer(text):
            a, b = max(0, m.start() - 40), min(len(text), m.end() + 40)
            hits.append(Hit(pattern, m.group(0), text[a:b]))
    return hits


def scan_html(page: str) -> list[Hit]:
    """Forbidden forms in the visible text and sentences opening with a numeral of one page."""
    return find_forbidden(page_text(page)) + numeral_openings(page_blocks(page))
