"""DOCX input: headings, paragraphs and tables in order, the text rules on them, --fix."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from referat_lint.checking.engine import analyze
from referat_lint.checking.runner import load, paged
from referat_lint.config import Config
from referat_lint.rules import all_rules

from conftest import FIXTURES

HEADINGS = ("REFERAT", "Punkt ", "Indholdsfortegnelse")


def docx_bytes(lines: list[str], table: list[list[str]] | None = None, after: str = "") -> bytes:
    """A DOCX of `lines` (headings as Word headings), with `table` placed after the line
    `after` (a table of rows of cells)."""
    document = docx.Document()
    for line in lines:
        if line.startswith(HEADINGS):
            document.add_heading(line, level=1 if line.startswith("REFERAT") else 2)
        else:
            document.add_paragraph(line)
        if table and line == after:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, cells in zip(grid.rows, table, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def clean_lines() -> list[str]:
    return (FIXTURES / "new_clean.txt").read_text("utf-8").split("\n")[:-1]


def findings(data: bytes):
    source = load(data)
    return paged(analyze(source, all_rules(), Config(), "m.docx").findings, source)


def test_paragraphs_headings_and_table_rows_in_order() -> None:
    data = docx_bytes(
        ["REFERAT Byrådet d. 01-02-2024", "Mødedato Torsdag d. 1. februar 2024", "Efter"],
        table=[["Navn", "Parti"], ["Åse Ørsted", "Løsgænger"]],
        after="Mødedato Torsdag d. 1. februar 2024",
    )
    source = load(data)
    assert source.text == (
        "REFERAT Byrådet d. 01-02-2024\nMødedato Torsdag d. 1. februar 2024\n"
        "Navn\tParti\nÅse Ørsted\tLøsgænger\nEfter\n"
    )
    assert source.extracted.kind == "docx" and set(source.extracted.pages) == {None}


def test_a_merged_cell_is_read_once() -> None:
    document = docx.Document()
    grid = document.add_table(rows=1, cols=3)
    merged = grid.cell(0, 0).merge(grid.cell(0, 1))
    merged.text = "Punkt 1 og 2"
    grid.cell(0, 2).text = "Godkendt"
    out = io.BytesIO()
    document.save(out)
    assert load(out.getvalue()).text == "Punkt 1 og 2\tGodkendt\n"


def test_clean_minutes_as_docx_have_no_findings() -> None:
    assert findings(docx_bytes(clean_lines())) == ()


def test_defects_are_found_on_their_lines_without_a_page() -> None:
    lines = clean_lines()
    lines[24] = "Godkendt, og sagen blev drÃ¸ftet."  # the decision of item 1, mis-decoded
    found = findings(docx_bytes([line for line in lines if line != "24-004512"]))
    assert [(f.rule, f.page, f.span.line) for f in found] == [
        ("missing-case-number", None, 19),
        ("mojibake", None, 24),
    ]


def test_cli_fix_never_writes_the_docx(cli, tmp_path: Path) -> None:
    lines = clean_lines()
    lines[24] = "Godkendt, og sagen blev drÃ¸ftet."
    data = docx_bytes(lines)
    (tmp_path / "m.docx").write_bytes(data)
    check = cli("m.docx")
    assert check.out.splitlines()[0] == (
        "m.docx:25:27: error RL101 mojibake [*] mis-decoded text `Ã¸`, should read `ø`"
    )
    run = cli("--fix", "--fix-text-to", "ud", "m.docx")
    assert (tmp_path / "m.docx").read_bytes() == data
    assert "the DOCX is unchanged; its repaired text is in" in run.err
    text = (tmp_path / "ud" / "m.docx.txt").read_text("utf-8")
    assert text.split("\n")[24] == "Godkendt, og sagen blev drøftet."
    assert run.code == 0


def test_a_zip_that_is_not_a_docx(cli, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "m.docx", "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    run = cli("m.docx")
    assert run.code == 2
    (line,) = run.err.splitlines()
    assert line.startswith("referat-lint: error: m.docx: not a readable DOCX file (")


def _bomb(paragraphs: int) -> bytes:
    """A DOCX whose body repeats one paragraph: deflate packs it a thousandfold."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes(clean_lines())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "word/document.xml":
                paragraph = b"<w:p><w:r><w:t>Godkendt.</w:t></w:r></w:p>"
                body = body.replace(b"<w:body>", b"<w:body>" + paragraph * paragraphs, 1)
            archive.writestr(info.filename, body)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(cli, tmp_path: Path) -> None:
    data = _bomb(1_500_000)  # 64 MB of paragraphs in a few hundred kilobytes
    assert len(data) < 1_000_000
    (tmp_path / "m.docx").write_bytes(data)
    run = cli("m.docx")
    assert run.code == 2
    assert run.err == (
        "referat-lint: error: m.docx: not a readable DOCX file "
        "(unpacks to 64 MB, more than 50 MB)\n"
    )


def test_a_docx_below_the_limit_is_read() -> None:
    from referat_lint.input.extract.docx import extract

    plain = extract(docx_bytes(clean_lines())).text.split("\n")
    lines = extract(_bomb(1000)).text.split("\n")
    assert lines == ["Godkendt."] * 1000 + plain
