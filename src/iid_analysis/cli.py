"""The ``iid-analysis`` command (design §5). Parses arguments, calls the package, prints results.

Exit codes: 0 success; 2 the data or methodology could not be read (one clear line);
1 a report failed (named); 3 an unexpected internal error (one line; ``IID_DEBUG=1`` for a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_DATA, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="iid-analysis",
        description="Indeks Inovasi Daerah (IID) dan nominasi IGA: telaah meja, skor, laporan.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="telaah meja (desk review) satu edisi")
    v.add_argument("data", help="folder CSV atau berkas .xlsx")
    v.add_argument("--year", type=int, required=True, help="edisi (tahun penilaian)")
    v.add_argument("--out", default=".", help="folder keluaran review.csv, findings.csv, telaah.csv")

    s = sub.add_parser("score", help="hitung IID dan predikat satu edisi")
    s.add_argument("data")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--json", action="store_true", help="cetak satu objek JSON")
    s.add_argument("--methodology", help="hitung dengan metodologi edisi lain (tahun atau berkas .toml)")

    for sp in (v, s):
        sp.add_argument("--max-mb", type=float, default=None, help="batas ukuran berkas dalam MB (bawaan 50)")
        sp.add_argument("--max-rows", type=int, default=None, help="batas baris data per tabel (bawaan 500.000)")

    r = sub.add_parser("report", help="jalankan notebook dengan papermill dan render HTML")
    g = r.add_mutually_exclusive_group(required=True)
    g.add_argument("--year", type=int, action="append", help="edisi (boleh diulang)")
    g.add_argument("--all", action="store_true", help="semua edisi dalam data")
    r.add_argument("--data", default=None, help="folder CSV atau .xlsx (bawaan: data/sample)")
    r.add_argument("--out", default="reports", help="folder laporan (bawaan: reports)")
    r.add_argument("--jobs", type=int, default=1, help="jumlah edisi yang dijalankan paralel")
    r.add_argument("--timeout", type=int, default=600, help="batas waktu per sel (detik)")

    sm = sub.add_parser("sample", help="tulis dataset sintetis")
    sm.add_argument("--out", required=True)
    sm.add_argument("--seed", type=int, default=2021)
    sm.add_argument("--regions", type=int, default=1, help="jumlah daerah (1 = Kota Pekalongan)")
    sm.add_argument("--innovations", type=int, default=None,
                    help="dataset besar untuk benchmark: jumlah inovasi satu edisi")

    pb = sub.add_parser("published", help="uji balik: hasil IID terbit dicocokkan dengan aturan tiap edisi")
    pb.add_argument("--region", default=None, help="hanya satu daerah, mis. \"Kota Pekalongan\"")

    t = sub.add_parser("template", help="buku kerja .xlsx kosong untuk diisi OPD")
    t.add_argument("--year", type=int, required=True)
    t.add_argument("--out", required=True)
    return p


def _limits(args) -> dict:
    out = {}
    if getattr(args, "max_mb", None):
        out["max_bytes"] = int(args.max_mb * 1_000_000)
    if getattr(args, "max_rows", None):
        out["max_rows"] = args.max_rows
    return out


def _validate(args) -> int:
    from iid_analysis.io.dataset import load_dataset
    from iid_analysis.methodology.loader import load_methodology
    from iid_analysis.review.desk import review
    from iid_analysis.review.outputs import write_review_outputs
    from iid_analysis.review.summary import summary_lines

    ds = load_dataset(args.data, **_limits(args))
    rv = review(ds, load_methodology(args.year), args.year)
    paths = write_review_outputs(rv, Path(args.out))
    for line in summary_lines(rv):
        print(line)
    for p in paths:
        print(f"ditulis: {p}")
    return EXIT_OK


def _score(args) -> int:
    from iid_analysis.io.dataset import load_dataset
    from iid_analysis.methodology.loader import load_methodology
    from iid_analysis.review.desk import review
    from iid_analysis.scoring.compute import score
    from iid_analysis.scoring.frames import score_under

    ds = load_dataset(args.data, **_limits(args))
    meth = load_methodology(args.year)
    rv = review(ds, meth, args.year)
    # another edition's frame: the answers are matched to it by indicator key, not by code
    result = score_under(rv, load_methodology(args.methodology)) if args.methodology else score(rv)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True))
    else:
        for line in result.summary_lines():
            print(line)
    return EXIT_OK


def _report(args) -> int:
    from iid_analysis.run.pipeline import run_reports

    data = Path(args.data) if args.data else None
    years = None if args.all else args.year
    return run_reports(data=data, years=years, out=Path(args.out), jobs=args.jobs, timeout=args.timeout)


def _sample(args) -> int:
    from iid_analysis.synthetic.sample import write_sample

    paths = write_sample(Path(args.out), seed=args.seed, regions=args.regions, innovations=args.innovations)
    for p in paths:
        print(f"ditulis: {p}")
    return EXIT_OK


def _published(args) -> int:
    from iid_analysis.analyses.published import back_test, back_test_lines, load_facts

    facts = load_facts(region=args.region)
    if not facts:
        known = sorted({f.region for f in load_facts()})
        print(f"galat: data/published/results.csv tidak memuat daerah {args.region!r}; yang ada: "
              f"{', '.join(known)} / no published result for this region", file=sys.stderr)
        return EXIT_DATA
    checks = back_test(facts)
    for line in back_test_lines(checks):
        print(line)
    return EXIT_OK if all(c.ok for c in checks) else EXIT_FAILED


def _template(args) -> int:
    from iid_analysis.io.template import write_template

    path = write_template(args.year, Path(args.out))
    print(f"ditulis: {path}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"validate": _validate, "score": _score, "report": _report,
               "sample": _sample, "template": _template, "published": _published}[args.command]
    from iid_analysis.io.errors import DataError
    from iid_analysis.methodology.model import MethodologyError

    try:
        return handler(args)
    except (DataError, MethodologyError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_DATA
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"galat: tidak dapat membaca/menulis berkas{where}: {exc.strerror or exc}"
              f" / cannot read or write a file", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("dibatalkan / interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for a person; IID_DEBUG=1 shows it
        if os.environ.get("IID_DEBUG"):
            raise
        print(f"galat internal: {type(exc).__name__}: {exc} (jalankan dengan IID_DEBUG=1 untuk rincian)"
              f" / internal error", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
