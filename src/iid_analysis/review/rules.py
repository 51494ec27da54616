"""Every rule of the desk review in one table: code, severity, table, column, decision kind,
priority, and the texts of its findings (Indonesian and English templates).

The rule functions (:mod:`~iid_analysis.review.identity`, :mod:`~iid_analysis.review.eligibility`,
:mod:`~iid_analysis.review.profile`, :mod:`~iid_analysis.review.answers`,
:mod:`~iid_analysis.review.cells`) decide WHERE a rule fires and give the values its texts
show; :func:`emit` looks the rule up here and fills its templates.

A template is a :meth:`str.format` text whose fields are given by the caller: a string, a number
or a date fills in as ``str(value)``; a series (aligned with the rows checked) or an object array
(one value per row) fills in row by row, and the text is then built only for the rows the rule
fires on (:func:`~iid_analysis.review.events.cat`). ``{field:lower}`` lower-cases a plain value.
``{column}`` is the column the finding points at.

Decision kinds (how a finding of an innovation weighs on its decision, see
:mod:`~iid_analysis.review.decisions`): ``ineligible`` (not eligible: ``tidak_lanjut``), ``gap``
(to be completed or corrected: ``lengkapi``), ``note`` (a remark next to ``lanjut``), ``none``
(shown in the findings only). ``prio`` orders an innovation's reasons and to-dos.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Formatter

import numpy as np
import pandas as pd

from iid_analysis.review.events import Events, Text, cat

#: A profile narrative (rancang bangun, tujuan, manfaat, hasil) with fewer words than this is
#: "trivially short" and asked to be completed. A project rule, not an official one.
MIN_PROFILE_WORDS = 5

#: Indonesia's extent in decimal degrees (a point outside is a typo or swapped coordinates).
COORDINATE_RANGE: dict[str, tuple[float, float]] = {"latitude": (-11.0, 6.0), "longitude": (95.0, 141.0)}

#: Stage codes as the texts show them.
STAGE_TEXT = {"inisiatif": "inisiatif", "uji_coba": "uji coba", "penerapan": "penerapan"}

#: What an OPD must do when the loader could not read a cell of these columns.
FIX_TODO = {
    "implementation_date": "isi waktu penerapan yang benar",
    "trial_date": "isi waktu uji coba yang benar",
    "submitted_on": "isi tanggal pengisian yang benar",
    "stage": "isi tahapan yang benar (inisiatif, uji coba, penerapan)",
    "previous_entries": "isi keikutsertaan sebelumnya dengan bilangan 0 atau lebih",
    "level": "isi tingkat 0–3",
}
#: Loader rules about one cell: the value must be corrected before the desk can decide.
CELL_RULES = ("type", "date", "enum", "required", "schema")

KINDS = ("ineligible", "gap", "note", "none")
SEVERITIES = ("error", "warning", "info")

_ANSWERS = ("innovation_indicators", "region_indicators")


@dataclass(frozen=True)
class Rule:
    """One rule of the desk review.

    ``column`` is None for a rule checked column by column (given by the caller). ``kind`` and
    ``prio`` are the defaults: a rule applied to several tables (``required``, the answer rules)
    gets its kind and priority from its caller (answers of the SPD belong to no innovation).
    ``reason`` (the innovation's reason, when it differs from the message) and ``todo`` only
    matter for findings of an innovation."""

    code: str
    severity: str
    tables: tuple[str, ...]
    column: str | None
    message: str
    message_en: str
    expected: str = ""
    reason: str | None = None
    todo: str = ""
    kind: str = "none"
    prio: int = 50

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES or self.kind not in KINDS:
            raise ValueError(f"rule {self.code}: severity {self.severity!r}, kind {self.kind!r}")


# fmt: off
RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------------ any table: cells, years
    Rule("required", "error", ("opd", "innovations", *_ANSWERS), None,
         expected="{label} wajib diisi",
         reason="{label:lower} kosong",
         message="{label} wajib diisi",
         message_en="{column} is required",
         todo="isi {label:lower}",  # or the column's FIX_TODO
         kind="gap", prio=11),
    # a row of no edition (year empty or unreadable), unless the loader reported the year cell
    Rule("year_missing", "error", ("innovations", "region_indicators"), "year",
         expected="tahun edisi, mis. 2021",
         message="Tahun edisi kosong atau tidak terbaca; baris ini tidak masuk edisi mana pun",
         message_en="Edition year empty or unreadable; this row belongs to no edition"),
    # a row of an edition no methodology file describes (e.g. 2035, 1995): never scored
    Rule("year_unknown", "warning", ("innovations", "region_indicators"), "year",
         expected="edisi {known}",
         message="Tahun edisi {year} tidak dikenal (metodologi tersedia: {known}); baris ini "
                 "tidak dinilai",
         message_en="Edition {year} has no methodology (known: {known}); this row is not scored"),
    # ------------------------------------------------------------------ OPD table
    Rule("duplicate_id", "error", ("opd",), "opd_id",
         expected="kode OPD unik",
         message="Kode OPD {opd} sudah dipakai di baris {first_row}; baris ini diabaikan",
         message_en="OPD code {opd} already used in row {first_row}; this row is ignored"),
    # ------------------------------------------------------------------ innovations: identity
    # the same innovation_id twice in the edition (in another edition it is a re-entry)
    Rule("duplicate_id", "error", ("innovations",), "innovation_id",
         expected="ID inovasi unik dalam satu edisi",
         reason="ID inovasi {id} dipakai lebih dari sekali (baris {rows})",
         message="ID inovasi {id} dipakai lebih dari sekali (baris {rows})",
         message_en="Innovation ID {id} used more than once (rows {rows})",
         todo="beri ID unik untuk inovasi {id}",
         kind="gap", prio=10),
    Rule("opd_unknown", "error", ("innovations",), "opd_id",
         expected="kode OPD yang ada di lembar OPD",
         reason="kode OPD {opd} tidak ada di daftar OPD",
         message="Kode OPD {opd} tidak ada di lembar OPD",
         message_en="OPD code {opd} is not in the OPD table",
         todo="perbaiki kode OPD {opd} atau tambahkan OPD itu ke lembar OPD",
         kind="gap", prio=13),
    # the OPD's active_from / active_to exclude the edition's year
    Rule("opd_inactive", "error", ("innovations",), "opd_id",
         expected="OPD yang aktif pada {year}",
         reason="OPD {opd} tidak aktif pada {year} (aktif {span})",
         message="OPD {opd} tidak aktif pada {year} (aktif {span})",
         message_en="OPD {opd} not active in {year} (active {span})",
         todo="pindahkan inovasi ke OPD yang aktif pada {year}",
         kind="gap", prio=14),
    # the same name and OPD twice in the edition: the later rows
    Rule("duplicate_name", "error", ("innovations",), "name",
         expected="satu entri per inovasi",
         reason="nama inovasi dan OPD sama dengan baris {first_row}",
         message="Nama inovasi sama dengan baris {first_row} dari OPD yang sama (entri ganda?)",
         message_en="Same name and OPD as row {first_row} (entered twice?)",
         todo="hapus entri ganda atau bedakan dari baris {first_row}",
         kind="gap", prio=28),
    # ------------------------------------------------------------------ innovations: eligibility
    Rule("outside_window", "error", ("innovations",), "implementation_date",
         expected="{window}",
         reason="diterapkan {date}, di luar periode penilaian {window}",
         message="Diterapkan {date}, di luar periode penilaian {window} edisi {year}",
         message_en="Implemented {date_iso}, outside the window {window_iso}",
         kind="ineligible", prio=20),
    Rule("implementation_after_deadline", "error", ("innovations",), "implementation_date",
         expected="paling lambat {deadline}",
         reason="waktu penerapan {date} setelah batas akhir pengisian {deadline} (tidak mungkin)",
         message="Waktu penerapan {date} jatuh setelah batas akhir pengisian edisi {year} ({deadline}); "
                 "periksa tanggalnya",
         message_en="Implementation date {date_iso} is after the edition's input deadline "
                    "{deadline_iso}",
         todo="periksa dan perbaiki waktu penerapan",
         kind="gap", prio=20),
    # stage penerapan without an implementation date (and none the loader could not read)
    Rule("implementation_date_missing", "error", ("innovations",), "implementation_date",
         expected="tanggal penerapan (wajib untuk tahapan penerapan)",
         reason="waktu penerapan kosong; penerapan dalam periode penilaian tidak dapat dibuktikan",
         message="Waktu penerapan wajib diisi untuk tahapan penerapan",
         message_en="Implementation date is required for stage 'penerapan'",
         todo="isi waktu penerapan yang benar",
         kind="gap", prio=20),
    # development_counts: applied before the window, developed further inside it
    Rule("developed_in_window", "info", ("innovations",), "development_date",
         expected="{window}",
         reason="diterapkan {date}, dihitung menurut waktu pengembangan {developed}",
         message="Diterapkan {date} (sebelum periode penilaian {window}); memenuhi syarat karena "
                 "dikembangkan {developed}, dalam periode penilaian edisi {year}",
         message_en="Implemented {date_iso} (before the window {window_iso}); eligible by its "
                    "development date {developed_iso}",
         kind="note", prio=21),
    Rule("development_before_implementation", "error", ("innovations",), "development_date",
         expected="sesudah waktu penerapan ({implemented})",
         reason="waktu pengembangan ({developed}) sebelum waktu penerapan ({implemented})",
         message="Waktu pengembangan {developed} sebelum waktu penerapan {implemented}",
         message_en="Development date {developed_iso} is before the implementation date "
                    "{implemented_iso}",
         todo="periksa waktu pengembangan dan waktu penerapan",
         kind="gap", prio=22),
    Rule("trial_after_implementation", "error", ("innovations",), "trial_date",
         expected="paling lambat {implemented}",
         reason="uji coba ({trial}) sesudah penerapan ({implemented})",
         message="Waktu uji coba {trial} sesudah waktu penerapan {implemented}",
         message_en="Trial date {trial_iso} is after the implementation date {implemented_iso}",
         todo="periksa waktu uji coba dan waktu penerapan",
         kind="gap", prio=22),
    Rule("stage_not_counted", "error", ("innovations",), "stage",
         expected="{counted}",
         reason="tahapan {stage} tidak dihitung (yang dihitung: {counted})",
         message="Tahapan {stage} tidak dihitung pada edisi {year} (yang dihitung: {counted})",
         message_en="Stage {stage_code} is not counted in {year} (counted: {counted_codes})",
         kind="ineligible", prio=23),
    # more previous entries than the edition's max_previous_entries (when it has one)
    Rule("reentry_limit", "error", ("innovations",), "previous_entries",
         expected="paling banyak {limit}",
         reason="sudah {entries} kali diikutkan IGA sebelumnya (batas {limit})",
         message="Sudah {entries} kali diikutkan IGA; edisi {year} membolehkan paling banyak "
                 "{limit}",
         message_en="Entered {entries} times before; {year} allows at most {limit}",
         kind="ineligible", prio=24),
    # previous_entries empty: counted from the earlier editions of the data
    Rule("reentry_counted", "info", ("innovations",), "previous_entries",
         expected="jumlah keikutsertaan sebelumnya",
         message="Keikutsertaan sebelumnya kosong; menurut data sudah {entries} kali diikutkan "
                 "(edisi sebelumnya dengan ID yang sama)",
         message_en="Previous entries empty; the data show {entries} earlier editions with this id",
         prio=24),
    # negative previous entries
    Rule("range", "error", ("innovations",), "previous_entries",
         expected="bilangan bulat ≥ 0",
         message="Keikutsertaan sebelumnya tidak boleh negatif",
         message_en="Previous entries cannot be negative",
         todo=FIX_TODO["previous_entries"],
         kind="gap", prio=24),
    # after the input deadline, extension included
    Rule("submitted_late", "error", ("innovations",), "submitted_on",
         expected="paling lambat {deadline}",
         reason="dimasukkan {date}, setelah batas akhir pengisian {deadline}",
         message="Dimasukkan {date}, setelah batas akhir pengisian {deadline} (perpanjangan sudah dihitung)",
         message_en="Submitted {date_iso}, after the input deadline {deadline_iso} "
                    "(extension included)",
         kind="ineligible", prio=25),
    # a warning only: the opening dates are mostly assumed
    Rule("submitted_early", "warning", ("innovations",), "submitted_on",
         expected="sejak {opens}",
         reason="tanggal pengisian {date} sebelum periode pengisian dibuka ({opens})",
         message="Dimasukkan {date} sebelum periode pengisian dibuka ({opens}); periksa tanggal pengisian",
         message_en="Submitted {date_iso} before the input window opened ({opens_iso})",
         kind="note", prio=26),
    # ------------------------------------------------------------------ innovations: profile
    # per profile column (design, goal, benefit, result); words as r"\S+" counts them
    Rule("profile_empty", "warning", ("innovations",), None,
         expected="uraian minimal {min_words} kata",
         reason="{label:lower} masih kosong",
         message="{label} masih kosong",
         message_en="{column} is empty",
         todo="lengkapi {label:lower}",
         kind="gap", prio=40),
    Rule("profile_short", "warning", ("innovations",), None,
         expected="uraian minimal {min_words} kata",
         reason="{label:lower} terlalu singkat ({words} kata)",
         message="{label} terlalu singkat: {words} kata, minimal {min_words}",
         message_en="{column} too short: {words} words, at least {min_words}",
         todo="lengkapi {label:lower}",
         kind="gap", prio=40),
    # the rancang bangun shorter than the edition's min_design_words (an official rule from 2026)
    Rule("design_short", "warning", ("innovations",), "design",
         expected="rancang bangun minimal {min_words} kata",
         reason="rancang bangun {words} kata, edisi {year} meminta minimal {min_words}",
         message="Rancang bangun terlalu singkat: {words} kata; edisi {year} meminta minimal "
                 "{min_words} kata",
         message_en="Design (rancang bangun) too short: {words} words; {year} asks for at least "
                    "{min_words}",
         todo="lengkapi rancang bangun sampai minimal {min_words} kata",
         kind="gap", prio=40),
    # a column of the edition's profile_fields_asked left empty
    Rule("profile_field_missing", "warning", ("innovations",), None,
         expected="{label:lower} (diminta edisi {year})",
         reason="{label:lower} belum diisi",
         message="{label} belum diisi; edisi {year} memintanya",
         message_en="{column} is empty; the {year} edition asks for it",
         todo="isi {label:lower}",
         kind="gap", prio=42),
    # latitude / longitude outside Indonesia
    Rule("coordinate_range", "warning", ("innovations",), None,
         expected="{low} s.d. {high} (wilayah Indonesia)",
         reason="{label:lower} {number} di luar wilayah Indonesia",
         message="{label} {number} di luar wilayah Indonesia ({low} s.d. {high}); periksa "
                 "koordinat (tertukar?)",
         message_en="{column} {number} is outside Indonesia ({low} to {high})",
         todo="perbaiki koordinat lokasi",
         kind="gap", prio=41),
    # an affair (main or overlapping) not in the official list (UU 23/2014); kept as entered
    Rule("affair_unknown", "warning", ("innovations",), None,
         expected="urusan pemerintahan menurut UU 23/2014",
         reason="urusan '{affair}' tidak dikenal",
         message="Urusan pemerintahan '{affair}' tidak dikenal (daftar UU 23/2014); yang terdekat: "
                 "{closest}",
         message_en="Government affair '{affair}' is not in the official list; closest: {closest}",
         todo="tulis urusan sesuai daftar resmi ({closest})",
         kind="note", prio=30),
    # ------------------------------------------------------------------ innovations: SID answers
    Rule("sid_none", "error", ("innovations",), "innovation_id",
         expected="jawaban indikator {range}",
         reason="belum ada jawaban indikator SID",
         message="Inovasi {id} belum punya jawaban indikator SID",
         message_en="Innovation {id} has no SID answers",
         todo="isi jawaban indikator {range}",
         kind="gap", prio=50),
    # unanswered SID indicators count as level 0
    Rule("sid_incomplete", "info", ("innovations",), "innovation_id",
         expected="jawaban {range}",
         message="Indikator belum dijawab (dihitung tingkat 0): {missing}",
         message_en="Indicators not answered (counted as level 0): {missing}",
         prio=90),
    # an answer for an innovation id that is not in the data
    Rule("innovation_unknown", "error", ("innovation_indicators",), "innovation_id",
         expected="ID inovasi yang ada di lembar Inovasi",
         message="Jawaban untuk ID inovasi {id} yang tidak ada di lembar Inovasi",
         message_en="Answer for innovation ID {id} which is not in the innovations table"),
    # an answer whose year names an edition the innovation was not entered in
    Rule("innovation_not_in_edition", "error", ("innovation_indicators",), "year",
         expected="edisi tempat inovasi {id} diikutkan",
         message="Jawaban edisi {year} untuk ID inovasi {id}, yang tidak diikutkan pada edisi "
                 "{year}",
         message_en="Answer of edition {year} for innovation ID {id}, not entered in {year}"),
    # an answer of an innovation whose every row lacks a usable year
    Rule("answer_no_edition", "warning", ("innovation_indicators",), "innovation_id",
         expected="inovasi dengan tahun edisi",
         message="Jawaban untuk inovasi {id} yang tahun edisinya kosong; tidak dinilai pada edisi "
                 "mana pun",
         message_en="Answer for innovation {id} whose edition year is empty; scored in no edition"),
    # ------------------------------------------------------------------ answers (SID and SPD)
    Rule("indicator_unknown", "error", _ANSWERS, "indicator_id",
         expected="kode indikator {range}",
         reason="indikator {indicator} tidak dikenal di metodologi {edition}",
         message="Indikator {indicator} tidak dikenal di metodologi {edition} "
                 "(yang dikenal: {range})",
         message_en="Indicator {indicator} unknown to the {edition} methodology",
         todo="perbaiki kode indikator {indicator} ({range})",
         kind="gap", prio=51),
    # an SPD indicator among the SID answers, or the reverse
    Rule("indicator_aspect", "error", _ANSWERS, "indicator_id",
         expected="kode indikator {range}",
         reason="{indicator} adalah {other_text}, bukan indikator {aspect}",
         message="{indicator} adalah {other_text}; di lembar ini hanya {range}",
         message_en="{indicator} is an {other} indicator; this table takes {aspect} indicators "
                    "only",
         todo="pindahkan jawaban {indicator} ke lembar yang benar",
         kind="gap", prio=51),
    # the first answer is used
    Rule("answer_duplicate", "error", _ANSWERS, "indicator_id",
         expected="satu jawaban per indikator",
         reason="indikator {indicator} dijawab lebih dari sekali",
         message="Indikator {indicator} dijawab lebih dari sekali; yang dipakai baris {first_row}",
         message_en="Indicator {indicator} answered more than once; row {first_row} is used",
         todo="hapus jawaban ganda {indicator}",
         kind="gap", prio=51),
    Rule("level_range", "error", _ANSWERS, "level",
         expected="0, 1, 2 atau 3",
         reason="tingkat {indicator} = {level}, harus 0–3",
         message="Tingkat {indicator} = {level}; harus 0, 1, 2 atau 3",
         message_en="Level of {indicator} = {level}; must be 0–3",
         todo="perbaiki tingkat {indicator} (0–3)",
         kind="gap", prio=51),
    # for a claimed level (> 0) of a usable answer
    Rule("evidence_missing", "error", _ANSWERS, "evidence_status",
         expected="bukti dukung valid",
         reason="bukti {title} belum ada",
         message="Bukti {title} belum ada (tingkat {level} diklaim; tanpa bukti valid = 0 poin)",
         message_en="Evidence for {indicator} missing (level {level} claimed)",
         todo="lengkapi bukti {title}",
         kind="gap", prio=60),
    # a claimed level whose evidence cell is empty (or a placeholder) while the status says
    # valid or pending: it earns nothing, scored as missing
    Rule("evidence_empty", "error", _ANSWERS, "evidence",
         expected="nama dokumen atau tautan bukti dukung",
         reason="bukti {title} kosong (status {status})",
         message="Bukti {title} kosong padahal berstatus '{status}' (tingkat {level} diklaim; "
                 "tanpa dokumen = 0 poin, dinilai 'Tidak Ada')",
         message_en="Evidence for {indicator} is empty although its status is '{status_code}' "
                    "(level {level} claimed); scored as missing",
         todo="lampirkan bukti {title}",
         kind="gap", prio=60),
    Rule("evidence_invalid", "error", _ANSWERS, "evidence_status",
         expected="bukti dukung valid",
         reason="bukti {title} tidak valid",
         message="Bukti {title} tidak valid (tingkat {level} diklaim; tanpa bukti valid = 0 poin)",
         message_en="Evidence for {indicator} invalid (level {level} claimed)",
         todo="ganti bukti tidak valid {title}",
         kind="gap", prio=60),
    Rule("evidence_pending", "warning", _ANSWERS, "evidence_status",
         expected="bukti dukung valid",
         reason="bukti {title} belum diverifikasi",
         message="Bukti {title} belum diverifikasi (tingkat {level} diklaim; tanpa bukti valid = "
                 "0 poin)",
         message_en="Evidence for {indicator} not yet verified (level {level} claimed)",
         todo="minta Bappeda memeriksa bukti {title} yang sudah diunggah ke aplikasi IID",
         kind="gap", prio=60),
    # ------------------------------------------------------------------ SPD table
    # no SPD row for the edition: one finding
    Rule("spd_none", "error", ("region_indicators",), "indicator_id",
         expected="jawaban {first}…{last} untuk edisi {year}",
         message="Tidak ada jawaban indikator SPD untuk edisi {year}",
         message_en="No SPD answers for edition {year}"),
    # one finding per SPD indicator not answered
    Rule("spd_missing", "warning", ("region_indicators",), "indicator_id",
         expected="tingkat 0–3 dan bukti",
         message="Indikator {id} {name} belum dijawab untuk edisi {year} (dihitung tingkat 0)",
         message_en="Indicator {id} not answered for edition {year} (counted as level 0)"),
    # ------------------------------------------------------------------ region table
    Rule("region_extra", "warning", ("region",), "name",
         expected="satu baris",
         message="Lembar Daerah berisi lebih dari satu baris; yang dipakai baris {first_row} "
                 "({name}); baris ini diabaikan",
         message_en="The region table has more than one row; row {first_row} is used, this one "
                    "is ignored"),
)
# fmt: on

_BY_TABLE: dict[tuple[str, str], Rule] = {(t, r.code): r for r in RULES for t in r.tables}
if len(_BY_TABLE) != sum(len(r.tables) for r in RULES):
    raise ValueError("a rule is defined twice for the same table")


def rule(table: str, code: str) -> Rule:
    """The rule ``code`` as it applies to ``table``."""
    return _BY_TABLE[(table, code)]


@cache
def _fields(template: str) -> tuple[tuple[str, str | None, str], ...]:
    return tuple((lit, field, spec) for lit, field, spec, _ in Formatter().parse(template))


def fill(template: str, values: dict) -> Text | str:
    """``template`` with its fields filled from ``values`` (see the module doc)."""
    parts: list = []
    for literal, field, spec in _fields(template):
        if literal:
            parts.append(literal)
        if field is None:
            continue
        v = values[field]
        if isinstance(v, (pd.Series, np.ndarray, Text)):
            parts.append(v)
        else:
            v = str(v)
            parts.append(v.lower() if spec == "lower" else v)
    return cat(*parts)


def emit(
    ev: Events,
    base: pd.DataFrame,
    mask,
    table: str,
    code: str,
    *,
    column: str | None = None,
    value="",
    kind: str | None = None,
    prio: int | None = None,
    todo: str | None = None,
    row: bool = True,
    **values,
) -> None:
    """One finding of rule ``code`` of ``table`` per row of ``base[mask]`` (see
    :meth:`Events.add`), its texts filled from ``values``. ``column``, ``kind``, ``prio`` and
    ``todo`` replace the rule's own when given; ``value`` is the value found."""
    r = rule(table, code)
    column = r.column if column is None else column
    values.setdefault("column", column)
    ev.add(
        base,
        mask,
        table=table,
        rule=r.code,
        severity=r.severity,
        column=column,
        value=value,
        expected=fill(r.expected, values),
        reason=None if r.reason is None else fill(r.reason, values),
        message=fill(r.message, values),
        message_en=fill(r.message_en, values),
        todo=fill(r.todo, values) if todo is None else todo,
        kind=r.kind if kind is None else kind,
        prio=r.prio if prio is None else prio,
        row=row,
    )
