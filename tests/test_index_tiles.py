"""Page 02: SID shown with its maximum as the method defines it, and the breakdown's rounding note.

SID = Σ maturity ÷ MAX(10, n) + count score, so its maximum is 3 × Σ SID weights (111) plus the
count score's 0,38 × 200 (76) = 187; SPD's is 63; 63 + 187 = 250 = max_total (deck 2023).
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from iid_analysis.methodology.loader import load_methodology
from iid_analysis.report.brief_summary import sentence_components
from iid_analysis.report.views.index import rounding_note


def test_sid_maximum_is_the_indicators_plus_the_count_score():
    m = load_methodology(2021)
    assert m.max_sid_per_innovation == 111 and round(m.max_count_score, 6) == 76
    assert m.max_spd + m.max_sid_per_innovation + m.max_count_score == m.max_total == 250
    r = SimpleNamespace(methodology=m, total=108.64, max_total=250.0, spd=39.0, sid=69.64,
                        sid_sum=1074.0, count_score=6.46, n=17, divisor=17)
    assert "SID 69,64 (maksimum 187; jumlah skor kematangan 1.074,00 dibagi 17" in sentence_components(r)


def test_rounding_note_gives_both_sums_when_the_rows_do_not_add_up():
    rows = pd.DataFrame({"contribution": [7.6, 8.752941, 3.035294, 5.035294, 8.447059, 10.584]})
    # printed 7,60 + 8,75 + 3,04 + 5,04 + 8,45 + 10,58 = 43,46; the exact sum 43,4546 → 43,45
    assert rounding_note(rows, 43.45) == (
        "Setiap baris dibulatkan sendiri-sendiri, sehingga jumlah sumbangan yang tertulis (43,46) "
        "dapat berbeda sedikit dari IID (43,45).")
    assert rounding_note(pd.DataFrame({"contribution": [1.25, 2.5]}), 3.75).endswith(
        "jumlahnya sama dengan IID (3,75).")
