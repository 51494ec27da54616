"""Garbled files against the loader, the desk review and ``iid-analysis validate`` (issue 9: fuzzing).

Hypothesis builds tiny datasets (a few rows of the bundled data) and garbles one file: random
bytes, wrong or mixed separators, truncated lines, unbalanced quotes, huge fields, NUL bytes, mixed
line endings, odd encodings (latin-1, cp1252, UTF-16 with BOM); and workbooks: random bytes named
``.xlsx``, a zip that is not a workbook, a missing sheet, cut-off or damaged parts, odd cell values.

What must hold: the loader raises nothing but ``DataError``; when it accepts the data, the review
keeps every row of the edition (rows in = rows out) and writes its files; the CLI answers 0, or 2
with one line on stderr — never a traceback. When a garbling keeps the file's structure (proper
quoting, any separator and line endings, UTF-8), the loader must also see exactly the rows written.

About 1,060 examples in all, split so the file runs in well under a minute on two cores.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from iid_analysis.cli import main as cli_main
from iid_analysis.io import schema
from iid_analysis.io.dataset import load_dataset
from iid_analysis.io.errors import DataError
from iid_analysis.methodology import load_methodology
from iid_analysis.review import review, write_review_outputs
from iid_analysis.synthetic.sample import make_sample

YEAR = 2021
M = load_methodology(YEAR)


def fuzz(n: int):
    """Hypothesis settings: ``n`` examples, no deadline, no example database in the tree."""
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _base() -> dict[str, pd.DataFrame]:
    """A tiny, valid raw dataset from the bundled data: 3 innovations of 2021, 1 of 2020."""
    t = make_sample()
    inv = t["innovations"]
    inv = pd.concat([inv[inv["year"] == str(YEAR)].head(3), inv[inv["year"] == "2020"].head(1)])
    ans = t["innovation_indicators"]
    ans = ans[ans["innovation_id"].isin(inv["innovation_id"])].groupby("innovation_id").head(2)
    reg = t["region_indicators"]
    reg = reg[reg["year"].isin([str(YEAR), "2020"])].groupby("year").head(2)
    opd = t["opd"][t["opd"]["opd_id"].isin(inv["opd_id"])]
    return {k: v.reset_index(drop=True).astype(str) for k, v in
            {"opd": opd, "innovations": inv, "innovation_indicators": ans, "region_indicators": reg}.items()}


BASE = _base()
TABLES = schema.TABLES
YEAR_COLUMN = {"innovations": "year", "region_indicators": "year"}


# ---------------------------------------------------------------------- strategies
small_text = st.one_of(
    st.text(max_size=12),  # any Unicode: quotes, separators, newlines, controls, RTL marks …
    st.sampled_from(['"', '""', "'", ",", ";", "\t", "\r", "\n", "\r\n", " ", "\x00", "\ufeff", "=1+1",
                     "-", "2021", "31/02/2020", "13 Agustus 2021", "SID01", "uji coba", "nan", "NULL"]),
)
huge_text = st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "é", '"', ",", "\n", ";\r\n"]),
                      st.integers(5_000, 40_000))  # a huge field
cell_text = st.one_of(small_text, small_text, small_text, huge_text)
SEPARATORS = [",", ";", "\t"]  # the ones the loader detects (design §4: comma or semicolon; tab too)
ENDINGS = ["\n", "\r\n", "\r"]
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be"]


@st.composite
def structured_csv(draw, table: str) -> tuple[bytes, pd.DataFrame]:
    """A CSV with properly quoted cells, any separator, mixed line endings, odd cell text, maybe
    Indonesian headers or a ``sep=`` line; returns the bytes (UTF-8 or with BOM) and the cells
    written. Year cells are left alone so the rows of the edition are known."""
    df = BASE[table].copy()
    extra = draw(st.lists(st.lists(small_text, min_size=len(df.columns), max_size=len(df.columns)),
                          max_size=3))
    if extra:  # more rows, year kept valid where the table has one
        add = pd.DataFrame(extra, columns=df.columns)
        if table in YEAR_COLUMN:
            add[YEAR_COLUMN[table]] = draw(st.sampled_from([str(YEAR), "2020"]))
        df = pd.concat([df, add], ignore_index=True)
    for _ in range(draw(st.integers(0, 6))):  # garble some cells (never the year)
        col = draw(st.sampled_from([c for c in df.columns if c != YEAR_COLUMN.get(table)]))
        df.loc[draw(st.integers(0, len(df) - 1)), col] = draw(cell_text)
    header = list(df.columns)
    if draw(st.booleans()):
        labels = {c.name: c.label for c in schema.COLUMNS[table]}
        header = [labels.get(h, h) for h in header]
    sep = draw(st.sampled_from(SEPARATORS))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    lines = []
    for row in [header, *df.values.tolist()]:
        buf = io.StringIO()
        csv.writer(buf, delimiter=sep, quoting=quoting, lineterminator="\r\n").writerow(row)
        lines.append(buf.getvalue()[:-2])
    body = "".join(line + draw(st.sampled_from(ENDINGS)) for line in lines)
    if sep != "," and draw(st.booleans()):
        body = f"sep={sep}\n" + body
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig"]))
    return body.encode(encoding), df


@st.composite
def garbled_csv(draw, table: str) -> bytes:
    """A CSV broken any way: naive joins, wrong separators, cut lines, stray quotes, NUL bytes,
    odd encodings, shuffled, dropped or doubled headers, rows too short or too long."""
    df = BASE[table]
    rows = [list(df.columns), *df.values.tolist()]
    if draw(st.booleans()):  # header trouble
        h = list(rows[0])
        i = draw(st.integers(0, len(h) - 1))
        h[i] = draw(st.sampled_from(["", h[0], h[i].upper() + " ", draw(cell_text)]))
        if draw(st.booleans()):
            h = draw(st.permutations(h))
        rows[0] = h
    for _ in range(draw(st.integers(0, 4))):  # rows too short or too long, cells garbled
        r = draw(st.integers(0, len(rows) - 1))
        row = list(rows[r])
        action = draw(st.sampled_from(["cut", "grow", "cell"]))
        if action == "cut":
            row = row[: draw(st.integers(0, len(row)))]
        elif action == "grow":
            row = row + draw(st.lists(small_text, min_size=1, max_size=4))
        elif row:
            row[draw(st.integers(0, len(row) - 1))] = draw(cell_text)
        rows[r] = row
    sep = draw(st.sampled_from([*SEPARATORS, "|", " "]))
    text = "".join(sep.join(map(str, row)) + draw(st.sampled_from(ENDINGS)) for row in rows)
    for _ in range(draw(st.integers(0, 3))):  # stray quotes, NULs, other separators, cuts
        pos = draw(st.integers(0, len(text)))
        what = draw(st.sampled_from(['"', "\x00", ";", ",", "\t", "\r", "cut", "dup"]))
        if what == "cut":
            text = text[:pos]
        elif what == "dup":
            text = text[:pos] + text[pos: pos + 200] + text[pos:]
        else:
            text = text[:pos] + what + text[pos:]
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if encoding == "utf-16-le" and draw(st.booleans()):
        data = b"\xff\xfe" + data
    return data


def _write_folder(folder: Path, table: str, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for t, df in BASE.items():
        if t != table:
            df.to_csv(folder / f"{t}.csv", index=False, encoding="utf-8")
    (folder / f"{table}.csv").write_bytes(data)


def _load(path: Path, **kw):
    """The loader's answer: a Dataset, or None when it refused with a DataError (one line)."""
    try:
        return load_dataset(path, **kw)
    except DataError as exc:
        assert "\n" not in str(exc) and str(exc).strip(), repr(str(exc))
        return None


def _edition_rows(ds) -> int:
    return int((ds.innovations["year"] == YEAR).sum())


def _check_review(ds, out: Path) -> None:
    """Rows in = rows out through the review and its files."""
    rv = review(ds, M, YEAR)
    n = _edition_rows(ds)
    assert len(rv.innovations) == n
    assert rv.innovations["decision"].isin(["lanjut", "lengkapi", "tidak_lanjut"]).all()
    paths = write_review_outputs(rv, out)
    assert [p.name for p in paths] == ["review.csv", "findings.csv", "telaah.csv"]
    assert len(pd.read_csv(out / "review.csv", dtype=str, keep_default_na=False)) == n
    assert len(pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)) == len(rv.findings)


def _check_rows_accounted_for(ds, garbled: str) -> None:
    """Rows in = rows out for the files left alone; in the garbled one, rows keep their order
    and every finding names a row that was read (a header finding: the header just above)."""
    for t in TABLES:
        if t != garbled:
            assert len(ds.table(t)) == len(BASE[t]), t
    rows = ds.table(garbled)["_row"]
    assert rows.is_unique and rows.is_monotonic_increasing, rows.tolist()
    found = ds.problems[ds.problems["table"] == garbled]
    header = found["rule"] == "header"
    assert set(found.loc[~header, "row"].dropna()) <= set(rows), found.to_string()
    if header.any():
        assert set(found.loc[header, "row"]) == {int(rows.iloc[0]) - 1}, found.to_string()


def _expected_rows(cells: pd.DataFrame) -> int:
    """Rows the loader must see: up to the last row with any non-blank cell."""
    filled = cells.apply(lambda c: c.map(lambda v: bool(str(v).strip()))).any(axis=1).tolist()
    return max((i + 1 for i, f in enumerate(filled) if f), default=0)


# ---------------------------------------------------------------------- CSV folders, loader only
@fuzz(360)
@given(table=st.sampled_from(TABLES), data=st.binary(max_size=3000), headed=st.booleans())
@example(table="innovations", data=b"\n" + b"x," * 20 + b"\n", headed=True)  # empty row, no headers
def test_loader_on_random_bytes(table, data, headed):
    """Random bytes alone cannot hold a table's required headers: refused, in one line. Under
    the table's real header line they may be read; then every row is accounted for."""
    head = (",".join(BASE[table].columns) + "\n").encode() if headed else b""
    with tempfile.TemporaryDirectory() as tmp:
        _write_folder(Path(tmp), table, head + data)
        ds = _load(Path(tmp))
        if not headed:
            assert ds is None, "random bytes were read as a table"
        elif ds is not None:
            _check_rows_accounted_for(ds, table)


@fuzz(360)
@given(st.data())
def test_loader_on_garbled_csv(data):
    table = data.draw(st.sampled_from(TABLES))
    raw = data.draw(garbled_csv(table))
    with tempfile.TemporaryDirectory() as tmp:
        _write_folder(Path(tmp), table, raw)
        ds = _load(Path(tmp))
        if ds is not None:
            for t, df in ds.tables().items():
                assert df["_row"].is_monotonic_increasing and df.index.equals(pd.RangeIndex(len(df))), t


@fuzz(140)
@given(st.data())
def test_loader_sees_every_row_of_a_well_formed_csv(data):
    table = data.draw(st.sampled_from(TABLES))
    raw, cells = data.draw(structured_csv(table))
    with tempfile.TemporaryDirectory() as tmp:
        _write_folder(Path(tmp), table, raw)
        ds = _load(Path(tmp))
        if ds is None:  # only a file that looks binary may be refused (control characters)
            assert any(ch in raw for ch in (b"\x00", *[bytes([b]) for b in range(1, 32) if b not in (9, 10, 13)]))
            return
        assert len(ds.table(table)) == _expected_rows(cells)
        if table == "innovations":
            assert _edition_rows(ds) == int((cells["year"] == str(YEAR)).sum())


# ---------------------------------------------------------------------- review and files
@fuzz(60)
@given(st.data())
def test_review_keeps_every_row_of_whatever_was_read(data):
    table = data.draw(st.sampled_from(TABLES))
    raw = data.draw(st.one_of(garbled_csv(table), structured_csv(table).map(lambda x: x[0])))
    with tempfile.TemporaryDirectory() as tmp:
        _write_folder(Path(tmp) / "data", table, raw)
        ds = _load(Path(tmp) / "data")
        if ds is not None:
            _check_review(ds, Path(tmp) / "out")


@fuzz(45)
@given(st.data())
def test_cli_validate_answers_in_one_line(data):
    table = data.draw(st.sampled_from(TABLES))
    raw = data.draw(st.one_of(garbled_csv(table), structured_csv(table).map(lambda x: x[0]),
                              st.binary(max_size=500)))
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "data", Path(tmp) / "out"
        _write_folder(folder, table, raw)
        err, std = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
            status = cli_main(["validate", str(folder), "--year", str(YEAR), "--out", str(out)])
        assert status in (0, 2), err.getvalue()
        if status == 2:
            lines = err.getvalue().splitlines()
            assert len(lines) == 1 and lines[0].startswith("galat: "), err.getvalue()
        else:
            assert err.getvalue() == ""
            n = _edition_rows(load_dataset(folder))
            assert len(pd.read_csv(out / "review.csv", dtype=str, keep_default_na=False)) == n


# ---------------------------------------------------------------------- workbooks
def _workbook_bytes(tables: dict[str, pd.DataFrame], drop: str | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for t, df in tables.items():
        if t == drop:
            continue
        ws = wb.create_sheet(schema.TABLE_LABELS[t])
        ws.append(list(df.columns))
        for row in df.itertuples(index=False):
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD_XLSX = _workbook_bytes(BASE)
cell_value = st.one_of(
    st.none(), st.booleans(), st.integers(-10**18, 10**18),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.dates(), st.datetimes(), st.times(),
    cell_text.map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)[:30_000]),
)


@st.composite
def odd_workbook(draw) -> tuple[bytes, int | None]:
    """Odd cell values in a real workbook (year cells kept), or a damaged one; returns the bytes
    and, when the edition's rows are known, their number."""
    kind = draw(st.sampled_from(["values", "values", "missing_sheet", "random", "not_a_workbook",
                                 "cut", "damaged_part"]))
    if kind == "values":
        tables = {t: df.astype(object) for t, df in BASE.items()}
        for _ in range(draw(st.integers(1, 8))):
            t = draw(st.sampled_from(TABLES))
            df = tables[t]
            col = draw(st.sampled_from([c for c in df.columns if c != YEAR_COLUMN.get(t)]))
            df.loc[draw(st.integers(0, len(df) - 1)), col] = draw(cell_value)
        return _workbook_bytes(tables), int((BASE["innovations"]["year"] == str(YEAR)).sum())
    if kind == "missing_sheet":
        return _workbook_bytes(BASE, drop=draw(st.sampled_from(TABLES))), None
    if kind == "random":
        return draw(st.binary(max_size=2000)), None
    if kind == "not_a_workbook":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, payload in draw(st.lists(st.tuples(
                    st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "a.txt", "xl/worksheets/sheet1.xml"]),
                    st.binary(max_size=300)), max_size=4, unique_by=lambda x: x[0])):
                z.writestr(name, payload)
        return buf.getvalue(), None
    if kind == "cut":
        return GOOD_XLSX[: draw(st.integers(0, len(GOOD_XLSX) - 1))], None
    src = zipfile.ZipFile(io.BytesIO(GOOD_XLSX))
    names = src.namelist()
    victim = draw(st.sampled_from(names))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            payload = src.read(name)
            if name == victim:
                pos = draw(st.integers(0, len(payload)))
                payload = payload[:pos] + draw(st.binary(min_size=1, max_size=40)) + payload[pos + 20:]
            z.writestr(name, payload)
    return buf.getvalue(), None


@fuzz(95)
@given(odd_workbook())
def test_loader_and_review_on_odd_workbooks(wb):
    data, expected = wb
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.xlsx"
        path.write_bytes(data)
        ds = _load(path)
        if expected is not None:
            assert ds is not None, "a workbook with odd values must still be read"
            assert _edition_rows(ds) == expected
        if ds is not None and expected is not None:
            _check_review(ds, Path(tmp) / "out")


# ---------------------------------------------------------------------- limits and what fuzzing found
def _xlsx_file(path: Path, tables: dict[str, pd.DataFrame], edit=None) -> Path:
    """A workbook of ``tables``; ``edit(wb)`` may change it before saving."""
    path.write_bytes(_workbook_bytes(tables))
    if edit is not None:
        wb = openpyxl.load_workbook(path)
        edit(wb)
        wb.save(path)
    return path


def _rewrite_part(path: Path, part: str, change) -> None:
    data = {}
    with zipfile.ZipFile(path) as z:
        items = z.infolist()
        data = {i.filename: z.read(i.filename) for i in items}
    data[part] = change(data[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in items:
            z.writestr(i.filename, data[i.filename])


def _sheet_part(path: Path, label: str) -> str:
    return f"xl/worksheets/sheet{openpyxl.load_workbook(path).sheetnames.index(label) + 1}.xml"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_limits_refuse_with_one_line(tmp_path, kind):
    if kind == "csv":
        path = tmp_path / "data"
        _write_folder(path, "opd", BASE["opd"].to_csv(index=False).encode())
    else:
        path = tmp_path / "data.xlsx"
        path.write_bytes(GOOD_XLSX)
    with pytest.raises(DataError, match="terlalu besar") as err:
        load_dataset(path, max_bytes=100)
    assert "\n" not in str(err.value) and "100" in str(err.value)
    with pytest.raises(DataError, match="terlalu banyak baris") as err:
        load_dataset(path, max_rows=2)
    assert "\n" not in str(err.value)
    assert load_dataset(path, max_rows=len(BASE["innovation_indicators"])) is not None


def _count_rows_read(monkeypatch) -> list[int]:
    """Patch openpyxl's read-only sheets to count the rows handed out; returns the counter."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    read = [0]
    real = ReadOnlyWorksheet.iter_rows

    def counting(self, *args, **kwargs):
        for row in real(self, *args, **kwargs):
            read[0] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counting)
    return read


def test_xlsx_rows_are_counted_while_reading_and_the_read_stops(tmp_path, monkeypatch):
    """Empty (formatted) rows far below the data count too: the sheet is not read to its end."""
    def far_below(wb):
        wb["OPD"]["A60000"].font = openpyxl.styles.Font(bold=True)

    path = _xlsx_file(tmp_path / "data.xlsx", BASE, far_below)
    read = _count_rows_read(monkeypatch)
    with pytest.raises(DataError, match="terlalu banyak baris.*baris kosong") as err:
        load_dataset(path, max_rows=1_000)
    assert "lembar 'OPD'" in str(err.value) and "\n" not in str(err.value)
    assert read[0] <= 1_002, f"{read[0]} rows read for a limit of 1,000"
    assert len(load_dataset(path).opd) == len(BASE["opd"])  # within the default limit: read


def test_xlsx_dimension_tag_is_not_trusted(tmp_path):
    many = {**BASE, "innovation_indicators": pd.concat([BASE["innovation_indicators"]] * 40, ignore_index=True)}
    path = _xlsx_file(tmp_path / "small_tag.xlsx", many)
    part = _sheet_part(path, "Indikator Inovasi")
    _rewrite_part(path, part, lambda b: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B2"', b))
    with pytest.raises(DataError, match="terlalu banyak baris"):
        load_dataset(path, max_rows=100)  # the tag says 2 rows; the sheet has more than 100
    path = _xlsx_file(tmp_path / "big_tag.xlsx", BASE)
    part = _sheet_part(path, "OPD")
    _rewrite_part(path, part, lambda b: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', b))
    assert len(load_dataset(path, max_rows=10).opd) == len(BASE["opd"])  # the tag says a million


def test_xlsx_that_unpacks_to_far_more_than_its_size_is_refused(tmp_path):
    path = _xlsx_file(tmp_path / "bomb.xlsx", BASE)
    part = _sheet_part(path, "OPD")
    _rewrite_part(path, part, lambda b: b.replace(b"<sheetData>", b"<sheetData>" + b" " * 5_000_000, 1))
    size = path.stat().st_size
    assert size < 100_000
    with pytest.raises(DataError, match="terlalu besar setelah dibuka") as err:
        load_dataset(path, max_bytes=200_000)  # the file is far under it; its contents are not
    assert "\n" not in str(err.value)
    assert len(load_dataset(path).opd) == len(BASE["opd"])  # under the default limits: read


def test_wide_rows_are_cut_or_refused(tmp_path):
    from iid_analysis.io.limits import MAX_COLUMNS, MAX_FIELDS

    body = BASE["opd"].to_csv(index=False)
    _write_folder(tmp_path / "trailing", "opd", (body.rstrip("\n") + "," * 10_000 + "\n").encode())
    ds = load_dataset(tmp_path / "trailing")  # Excel-like trailing separators: dropped
    assert len(ds.opd) == len(BASE["opd"]) and ds.opd.shape[1] < 20
    _write_folder(tmp_path / "commas", "opd", (body + "," * (MAX_FIELDS + 1) + "\n").encode())
    with pytest.raises(DataError, match="terlalu banyak kolom") as err:  # refused before parsing
        load_dataset(tmp_path / "commas")
    assert f"baris {len(BASE['opd']) + 2}" in str(err.value)
    quoted = body + '"' + "," * (MAX_FIELDS + 1) + '",x\n'  # commas inside quotes are text
    _write_folder(tmp_path / "quoted", "opd", quoted.encode())
    assert len(load_dataset(tmp_path / "quoted").opd) == len(BASE["opd"]) + 1
    _write_folder(tmp_path / "wide", "opd", (body + "X" + "," * (MAX_COLUMNS + 5) + "Y\n").encode())
    with pytest.raises(DataError, match="terlalu banyak kolom"):
        load_dataset(tmp_path / "wide")

    def far_right(wb):
        wb["OPD"].cell(row=2, column=MAX_COLUMNS + 10, value="data jauh di kanan")

    with pytest.raises(DataError, match="terlalu banyak kolom"):
        load_dataset(_xlsx_file(tmp_path / "wide.xlsx", BASE, far_right))


def test_damaged_sheet_is_a_data_error(tmp_path):
    path = _xlsx_file(tmp_path / "damaged.xlsx", BASE)
    part = _sheet_part(path, "Inovasi")
    _rewrite_part(path, part, lambda b: b.replace(b"<sheetData>", b"<sheetData><row r=\"1\"><c \x01", 1))
    with pytest.raises(DataError, match="lembar rusak") as err:
        load_dataset(path)
    assert "Inovasi" in str(err.value) and "\n" not in str(err.value)


def test_a_file_that_is_one_quoted_cell_gives_one_line(tmp_path, capsys):
    body = '"' + BASE["opd"].to_csv(index=False)  # a stray quote: the whole file is one header cell
    _write_folder(tmp_path / "data", "opd", body.encode())
    status = cli_main(["validate", str(tmp_path / "data"), "--year", str(YEAR), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1, err
    assert len(err) < 1_000 and "opd.csv" in err


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\n"])
def test_line_breaks_inside_cells_keep_rows_whole(tmp_path, brk):
    """A lone carriage return inside a name once ended the row in review.csv and in a written
    CSV folder (a CSV writer does not quote it); every file must keep one row per row."""
    t = {k: v.copy() for k, v in BASE.items()}
    t["innovations"]["name"] = [f"Inovasi{brk}nomor {i}" for i in range(len(t["innovations"]))]
    t["opd"]["name"] = [f"Dinas{brk}{i}" for i in range(len(t["opd"]))]
    from iid_analysis.io.dataset import dataset_from_frames

    ds = dataset_from_frames(t)
    _check_review(ds, tmp_path / "out")
    with (tmp_path / "out" / "review.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.reader(fh))) == _edition_rows(ds) + 1
    ds.to_csv_folder(tmp_path / "csv")
    back = load_dataset(tmp_path / "csv")
    for name in TABLES:
        assert len(back.table(name)) == len(ds.table(name)), name
    assert back.innovations["name"].str.contains("\n").all()
