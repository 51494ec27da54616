"""One edition's analysis as one object (after COINr's "coin"): data, method, every step's result, a log.

``analyse(data, year)`` loads the dataset once, reviews and scores every edition up to ``year``
(for trends), and for ``year`` adds participation, gaps and robustness. The notebooks show parts
of it; the pipeline writes ``results.json`` and ``review.xlsx`` from the same object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iid_analysis.io.dataset import Dataset, load_dataset
from iid_analysis.io.locations import default_data
from iid_analysis.methodology import Methodology, load_methodology

DEFAULT_SEED = 2021
DEFAULT_DRAWS = 10_000


@dataclass
class Analysis:
    year: int
    dataset: Dataset
    methodology: Methodology
    review: Any  # validation.Review
    result: Any  # scoring.IndexResult
    reviews: dict[int, Any] = field(default_factory=dict)  # every edition ≤ year present in the data
    results: dict[int, Any] = field(default_factory=dict)
    robustness: Any = None  # whatif.Robustness
    seed: int = DEFAULT_SEED
    log: list[dict] = field(default_factory=list)

    @property
    def previous(self) -> Any | None:
        """The IndexResult of the nearest earlier edition in the data, or None."""
        earlier = [y for y in self.results if y < self.year]
        return self.results[max(earlier)] if earlier else None


def resolve_data(data: str | Path | Dataset | None) -> Dataset:
    if isinstance(data, Dataset):
        return data
    if data is None or str(data) == "":
        data = default_data()
    return load_dataset(Path(data))


def analyse(data: str | Path | Dataset | None, year: int, *, seed: int = DEFAULT_SEED,
            draws: int = DEFAULT_DRAWS, cache: str | Path | None = None) -> Analysis:
    """Review and score ``year`` (and the earlier editions in the data, for trends).

    ``cache``: a file where the yearly run keeps the analysis between its notebooks. When it holds
    an analysis of the same data, year, seed and draws it is read back instead of recomputed;
    otherwise the analysis is computed and written there. Empty or None: no cache.
    """
    if cache:
        hit = _read_cache(Path(cache), data, year, seed, draws)
        if hit is not None:
            return hit
    a = _analyse(data, year, seed=seed, draws=draws)
    if cache:
        _write_cache(Path(cache), a, data, draws)
    return a


def _cache_key(data, year: int, seed: int, draws: int) -> tuple:
    src = "" if data is None or isinstance(data, Dataset) else str(Path(str(data)).resolve()) if str(data) else ""
    return (src, int(year), int(seed), int(draws))


def _read_cache(path: Path, data, year: int, seed: int, draws: int) -> Analysis | None:
    import pickle

    if isinstance(data, Dataset) or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            key, a = pickle.load(fh)
    except Exception:  # a stale or unreadable cache is recomputed
        return None
    return a if key == _cache_key(data, year, seed, draws) else None


def _write_cache(path: Path, a: Analysis, data, draws: int) -> None:
    import pickle

    if isinstance(data, Dataset):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump((_cache_key(data, a.year, a.seed, draws), a), fh, protocol=pickle.HIGHEST_PROTOCOL)


def _analyse(data: str | Path | Dataset | None, year: int, *, seed: int, draws: int) -> Analysis:
    from iid_analysis.analyses.whatif import robustness
    from iid_analysis.review.desk import review
    from iid_analysis.scoring.compute import score

    ds = resolve_data(data)
    year = int(year)
    reviews: dict[int, Any] = {}
    results: dict[int, Any] = {}
    log: list[dict] = [{"step": "load", "source": ds.source, "kind": ds.kind,
                        "rows": {t: int(len(ds.table(t))) for t in ("opd", "innovations",
                                                                    "innovation_indicators",
                                                                    "region_indicators")}}]
    for y in ds.years():
        if y > year:
            continue
        try:
            m = load_methodology(y)
        except Exception:  # an edition without a methodology file is left out of the trends
            log.append({"step": "skip_edition", "year": y, "why": "no methodology"})
            continue
        reviews[y] = review(ds, m, y)
        results[y] = score(reviews[y])
    meth = load_methodology(year)
    if year not in reviews:
        reviews[year] = review(ds, meth, year)
        results[year] = score(reviews[year])
    rob = robustness(results[year], draws=draws, seed=seed)
    log.append({"step": "robustness", "draws": draws, "seed": seed})
    return Analysis(year, ds, meth, reviews[year], results[year], reviews, results, rob, seed, log)


def _plain(x: Any) -> Any:
    """JSON-able plain Python values with stable float rounding."""
    import numpy as np

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
    """Every key of design §5 ``results.json`` (and a few more)."""
    from iid_analysis.analyses.participation import results_fields as participation_fields
    from iid_analysis.analyses.whatif import results_fields as whatif_fields

    counts = a.review.counts()
    out: dict[str, Any] = {}
    out.update(a.result.to_dict())
    out.update(participation_fields(a.review, a.result))
    out.update(whatif_fields(a.result, a.robustness))
    out["year"] = a.year
    out["n_submitted"] = int(counts["n_submitted"])
    out["n_eligible"] = int(counts["n_eligible"])
    out["n_in_window"] = int(counts["n_in_window"])
    out["decisions"] = {k: int(counts[f"n_{k}"]) for k in ("lanjut", "lengkapi", "tidak_lanjut")}
    out["assumptions"] = [
        {"key": n.key, "value": n.value if not hasattr(n.value, "isoformat") else n.value.isoformat(),
         "source": n.source, "note": n.note}
        for n in a.methodology.assumptions()
    ]
    out["seed"] = a.seed
    out["data_source"] = Path(a.dataset.source).name if a.dataset.source else ""
    return _plain(out)


def write_artifacts(a: Analysis, out_dir: Path) -> list[Path]:
    """``results.json``, ``review.csv``, ``findings.csv`` and ``review.xlsx`` for the edition."""
    from iid_analysis.review.desk import write_review_outputs

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    path.write_text(json.dumps(results_dict(a), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    encoding="utf-8")
    return [path, *write_review_outputs(a.review, out_dir)]
