"""What the yearly run writes beside the pages, from the analysis object and nothing else:
``results.json`` (the fixed keys scripts rely on), the desk review's ``review.csv``,
``findings.csv`` and ``telaah.csv``, and the working workbook ``review.xlsx``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from iid_analysis.analyses.path import path_to_next_json
from iid_analysis.analyses.results import participation_fields, whatif_fields
from iid_analysis.analysis import Analysis
from iid_analysis.report.workbook.book import write_workbook
from iid_analysis.review.outputs import write_review_outputs

TOP_GAPS = 10  # gaps listed in results.json


def _plain(x: Any) -> Any:
    """JSON-able plain Python values with stable float rounding."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        v = float(x)
        return None if v != v else round(v, 6)
    if isinstance(x, np.bool_):
        return bool(x)
    return x


def results_dict(a: Analysis) -> dict:
    """Every key of ``results.json`` (the fixed ones and a few more), read from the analysis."""
    counts = a.review.counts()
    out: dict[str, Any] = {}
    out.update(a.result.to_dict())
    out.update(participation_fields(a.participation.funnel, a.participation.summary, a.coaching.groups))
    out.update(whatif_fields(a.result, a.robustness, k=TOP_GAPS, gaps_df=a.lift.gaps))
    out["year"] = a.year
    out["n_submitted"] = int(counts["n_submitted"])
    out["n_eligible"] = int(counts["n_eligible"])
    out["n_stage_counted"] = int(counts["n_stage_counted"])
    out["n_in_window"] = int(counts["n_in_window"])  # at a counted stage and in the period (funnel order)
    out["decisions"] = {k: int(counts[f"n_{k}"]) for k in ("lanjut", "lengkapi", "tidak_lanjut")}
    out["assumptions"] = [
        {"key": n.key, "value": n.value if not hasattr(n.value, "isoformat") else n.value.isoformat(),
         "source": n.source, "note": n.note}
        for n in a.methodology.assumptions()
    ]
    out.update(a.robustness.results_fields())
    out.update(a.sensitivity.results_fields())
    out["path_to_next"] = path_to_next_json(a.lift.path)
    out["new_innovation_break_even"] = a.lift.break_even["maturity"]
    out["region"] = a.dataset.region["name"] if a.dataset.region else None
    out["seed"] = a.seed
    out["data_source"] = Path(a.dataset.source).name if a.dataset.source else ""
    out["opd_ranking"] = opd_ranking_json(a)
    return _plain(out)


def opd_ranking_json(a: Analysis) -> list[dict]:
    """``opd_ranking`` (design §5): the units ranked by their contribution to the IID, each
    ``{"opd_id", "rank", "rank_low", "rank_high"}`` (plain ints), in rank order."""
    units = getattr(a, "units", None)
    if units is None:
        return []
    return [{"opd_id": str(r.opd_id), "rank": int(r.rank), "rank_low": int(r.rank_low),
             "rank_high": int(r.rank_high)} for r in units.ranking.itertuples(index=False)]


def write_artifacts(a: Analysis, out_dir: Path, *, contact: str = "") -> list[Path]:
    """``results.json``, ``review.csv``, ``findings.csv``, ``telaah.csv`` and ``review.xlsx`` for
    the edition (``contact``: whom to contact at Bappeda, told on the workbook's first sheet)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    path.write_text(json.dumps(results_dict(a), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    encoding="utf-8")
    return [path, *write_review_outputs(a.review, out_dir),
            write_workbook(a, out_dir / "review.xlsx", contact=contact)]
