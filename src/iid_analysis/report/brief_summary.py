"""The brief's summary sentences: the IID and its change, its parts, the disclaimer case, the
distance to the next predikat, participation and the desk-review decisions."""

from __future__ import annotations

from iid_analysis.io.schema import ENUMS
from iid_analysis.report.prose import (
    TDD,
    bare_count,
    count_of,
    join,
    listing,
    missing,
    opening,
    pct,
    rank,
    trim,
)
from iid_analysis.text import fmt


def sentence_iid(result, previous=None) -> str:
    """The headline: IID and predicate, then the change from ``previous`` (an earlier edition's
    result) when there is one."""
    if missing(result.iid) or not result.predicate:
        return ""
    m = result.methodology
    if m.frame_edition != m.year:
        head = (f"Edisi {int(result.year)} dinilai dengan skala dan formula sendiri yang tidak "
                f"dipublikasikan. Dihitung dengan formula dan bobot edisi {m.frame_edition}, Indeks "
                f"Inovasi Daerah (IID) data edisi ini adalah **{fmt.num(result.iid)}**, setara predikat "
                f"**{result.predicate}** menurut pita {m.frame_edition} — sebuah perkiraan, bukan hasil "
                f"resmi edisi {int(result.year)}.")
    else:
        head = (f"Indeks Inovasi Daerah (IID) edisi {int(result.year)} adalah **{fmt.num(result.iid)}** "
                f"dengan predikat **{result.predicate}**.")
    return join(head, sentence_change(result, previous))


def sentence_change(result, previous) -> str:
    """The change in IID points and predicate since ``previous``; ``""`` without one (first edition)."""
    if previous is None or missing(result.iid, previous.iid):
        return ""
    cur, old = round(float(result.iid), 2), round(float(previous.iid), 2)
    d = round(cur - old, 2)
    if d > 0:
        iid = f"IID naik {fmt.num(d)} poin dari {fmt.num(old)} menjadi {fmt.num(cur)}"
    elif d < 0:
        iid = f"IID turun {fmt.num(abs(d))} poin dari {fmt.num(old)} menjadi {fmt.num(cur)}"
    else:
        iid = f"IID tetap {fmt.num(cur)}"
    a, b = str(previous.predicate), str(result.predicate)
    if a == b:
        pred = f"predikat tetap {b}"
    elif rank(b) > rank(a):
        pred = f"predikat naik dari {a} menjadi {b}"
    else:
        pred = f"predikat turun dari {a} menjadi {b}"
    s = f"Dibanding edisi {int(previous.year)}, {iid} dan {pred}."
    try:
        mt_old, mt_new = float(previous.max_total), float(result.max_total)
    except (AttributeError, TypeError, ValueError):
        return s
    if abs(mt_old - mt_new) > 1e-9:
        s += (f" Kedua edisi dinilai dengan kerangka masing-masing (total maksimum "
              f"{trim(mt_old)} dan {trim(mt_new)} poin), sehingga selisihnya dibaca dengan hati-hati.")
    return s


def sentence_components(result) -> str:
    """Where the total comes from: SPD, SID (sum of maturity ÷ divisor + count score)."""
    m = result.methodology
    vals = (result.total, result.max_total, result.spd, result.sid, result.sid_sum, result.count_score)
    if missing(*vals):
        return ""
    n = int(result.n)
    sid_max = f"maksimum {trim(m.max_sid_per_innovation + m.max_count_score)}"  # skor kematangan + skor jumlah
    if n == 0:
        sid = f"SID {fmt.num(result.sid)} ({sid_max}; tidak ada inovasi yang dinilai)"
    else:
        held = (f"; karena inovasi yang dinilai kurang dari {fmt.integer(m.divisor_min)}, jumlah itu "
                f"tetap dibagi {fmt.integer(result.divisor)}" if n < int(m.divisor_min) else "")
        sid = (f"SID {fmt.num(result.sid)} ({sid_max}; jumlah skor kematangan {fmt.num(result.sid_sum)} dibagi "
               f"{fmt.integer(result.divisor)}, ditambah skor jumlah inovasi "
               f"{fmt.num(result.count_score)}{held})")
    return (f"Total poin {fmt.num(result.total)} dari maksimum {trim(result.max_total)} terdiri atas "
            f"SPD {fmt.num(result.spd)} (maksimum {trim(m.max_spd)}) dan {sid}.")


def sentence_tdd(result, n_submitted: int | None = None) -> str:
    """What *Tidak Dapat Dinilai* means and what to do; ``""`` for any other predicate."""
    if result.predicate != TDD:
        return ""
    m = result.methodology
    if n_submitted is None:
        n_submitted = len(result.innovations)
    if int(n_submitted) == 0:
        why = "tidak ada inovasi yang dimasukkan untuk edisi ini"
    elif int(result.n) == 0:
        why = f"tidak satu pun dari {count_of(n_submitted, 'inovasi')} yang dimasukkan memenuhi syarat"
    else:
        why = "inovasi yang dinilai belum memiliki bukti dukung yang valid"
    spd = ("indikator daerah (SPD) juga belum memperoleh poin"
           if missing(result.spd) or float(result.spd) == 0 else "")
    stages = listing([ENUMS["stage"].get(s, s).lower() for s in m.counted_stages])
    span = ""
    if m.eligible_from and m.eligible_to:
        span = f" yang diterapkan antara {fmt.date(m.eligible_from)} dan {fmt.date(m.eligible_to)}"
    return (f"Predikat {TDD} berarti tidak ada poin yang dapat dihitung: {why}"
            + (f", dan {spd}" if spd else "") + ". "
            f"Yang perlu dilakukan sebelum batas akhir pengisian {fmt.date(m.input_deadline)}: jawab indikator "
            f"SPD beserta bukti dukungnya, dan pastikan OPD memasukkan inovasi tahap {stages}{span} "
            f"dengan bukti dukung yang valid. Satu indikator saja yang terbukti sudah cukup untuk "
            f"keluar dari predikat ini.")


def sentence_no_innovations(result) -> str:
    """When no innovation is scored but SPD alone gives an IID above 0."""
    if int(result.n) != 0 or missing(result.iid) or float(result.iid) <= 0:
        return ""
    return ("Tidak ada inovasi yang dinilai: seluruh IID berasal dari indikator daerah (SPD). "
            "Setiap inovasi tahap penerapan yang memenuhi syarat menambah skor jumlah inovasi dan "
            "skor kematangan, sehingga menghimpun inovasi adalah langkah pertama.")


def sentence_distance(result) -> str:
    """Distance to the next predicate, or — at the top band — the margin to keep it."""
    pred = result.predicate
    if pred in (None, TDD) or missing(result.iid):
        return ""
    m = result.methodology
    try:
        band = m.band_of(pred)
    except KeyError:
        return ""
    margin = round(float(result.iid) - float(band.low), 2)
    if result.next_predicate is None:
        where = ("tepat di batas bawahnya" if margin <= 0
                 else f"{fmt.num(margin)} poin di atas batas bawahnya ({fmt.num(band.low)})")
        return (f"Predikat tertinggi, {pred}, sudah tercapai; IID berada {where}. Tugas berikutnya "
                f"adalah mempertahankan predikat ini: jaga jumlah inovasi yang dinilai dan kelengkapan "
                f"bukti dukungnya pada edisi berikutnya.")
    if missing(result.distance_to_next):
        return ""
    dist = float(result.distance_to_next)
    try:
        low = fmt.num(m.band_of(result.next_predicate).low)
    except KeyError:
        low = ""
    total = dist * float(result.max_total) / 100.0
    s = (f"Untuk mencapai predikat {result.next_predicate} dibutuhkan tambahan {fmt.num(dist)} poin IID"
         + (f" (batas bawah {low})" if low else "")
         + f", setara sekitar {fmt.num(total)} poin dari total maksimum {trim(result.max_total)}.")
    if float(band.low) > 0.01 + 1e-9:  # a fall below the band would change the predicate
        s += (f" IID saat ini {fmt.num(margin)} poin di atas batas bawah predikat {pred} "
              f"({fmt.num(band.low)}).")
    return s


def sentence_participation(n_submitted, n_eligible, n_scored, n_opd=None, n_opd_participating=None,
                           year: int | None = None, n_in_window=None) -> str:
    """Entries (in the time window), eligible, scored; then participating OPD of the active ones."""
    if missing(n_submitted):
        return ""
    edition = f" untuk edisi {int(year)}" if year is not None else ""
    n_sub = int(n_submitted)
    if n_sub == 0:
        first = f"Tidak ada inovasi yang dimasukkan{edition}."
    else:
        first = f"OPD memasukkan {count_of(n_sub, 'inovasi')}{edition}"
        parts = []
        if not missing(n_in_window):
            parts.append(f"{bare_count(n_in_window)} di antaranya diterapkan dalam periode penilaian")
        if not missing(n_eligible):
            parts.append(f"{bare_count(n_eligible)} memenuhi syarat" if parts
                         else f"{bare_count(n_eligible)} di antaranya memenuhi syarat")
        if not missing(n_scored) and int(n_scored) > 0:
            parts.append(f"{bare_count(n_scored)} dinilai dalam indeks")
        first += ("; " + listing(parts) if parts else "") + "."
    second = ""
    if not missing(n_opd, n_opd_participating) and int(n_opd) > 0:
        n, p = int(n_opd), int(n_opd_participating)
        rate = pct(p / n)
        if p == 0:
            second = f"Tidak satu pun dari {count_of(n, 'OPD aktif')} memasukkan inovasi."
        elif p == n:
            second = ("Satu-satunya OPD aktif ikut serta memasukkan inovasi." if n == 1
                      else f"Seluruh {fmt.integer(n)} OPD aktif ikut serta memasukkan inovasi.")
        else:
            second = (f"{opening(bare_count(p))} dari {count_of(n, 'OPD aktif')} ({rate}) ikut serta memasukkan "
                      f"inovasi.")
    return join(first, second)


def sentence_participation_change(current: dict, previous: dict, previous_year: int) -> str:
    """Change in entries and participating OPD since the previous edition (dicts with
    ``n_submitted`` and ``n_opd_participating``)."""
    parts = []
    for key, subject in (("n_submitted", "jumlah inovasi yang dimasukkan"),
                         ("n_opd_participating", "jumlah OPD yang ikut serta")):
        a, b = previous.get(key), current.get(key)
        if missing(a, b):
            continue
        a, b = int(a), int(b)
        if a == b:
            parts.append(f"{subject} tetap {fmt.integer(b)}")
        else:
            verb = "naik" if b > a else "turun"
            parts.append(f"{subject} {verb} dari {fmt.integer(a)} menjadi {fmt.integer(b)}")
    if not parts:
        return ""
    return f"Dibanding edisi {int(previous_year)}, {listing(parts)}."


def sentence_decisions(counts: dict) -> str:
    """The desk decisions: lanjut / harus melengkapi / tidak dilanjutkan (zeros left out)."""
    items = []
    for key, words in (("n_lanjut", "lanjut"), ("n_lengkapi", "harus melengkapi dokumen"),
                       ("n_tidak_lanjut", "tidak dilanjutkan")):
        v = counts.get(key)
        if not missing(v) and int(v) > 0:
            items.append(f"{fmt.integer(int(v))} inovasi {words}")
    if not items:
        return ""
    return f"Hasil telaah meja: {listing(items)}."
