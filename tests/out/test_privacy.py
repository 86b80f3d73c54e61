"""No CPR number leaves the process: every format, --diff, --fix, the cache, error lines."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from referat_lint.out.report import FORMATS

from conftest import findings_of, rule_lines

SOURCE = Path(__file__).parent / "data" / "cpr_everywhere.txt"
# Every number planted in the fixture, digits only (a dash form is checked without its dash).
PLANTED = sorted(set(re.findall(r"\d{6}-?\d{4}", SOURCE.read_text(encoding="utf-8"))))


def leaked(text: str) -> list[str]:
    digits = re.sub(r"[-–]", "", text)
    return [n for n in PLANTED if n.replace("-", "") in digits or n in text]


def test_the_fixture_plants_numbers_everywhere() -> None:
    assert len(PLANTED) >= 16
    cpr_lines = [
        line for rule, line in rule_lines(findings_of(SOURCE.read_bytes())) if rule == "cpr-number"
    ]
    # Line 13 (`Sagsnr.: ...`) is after a label cpr-number ignores; reports mask it all the same.
    assert cpr_lines == [1, 7, 8, 9, 11, 15, 19, 19, 19, 23, 25, 31, 35, 37, 37]


@pytest.fixture
def minutes(tmp_path) -> Path:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    shutil.copy(SOURCE, folder / "a.txt")
    shutil.copy(SOURCE, folder / "b.txt")  # two files: the run uses the cache
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_no_format_shows_a_cpr_number(cli, minutes, tmp_path, fmt) -> None:
    for attempt in ("fresh", "cached"):
        report = tmp_path / f"report-{attempt}.{fmt}"
        run = cli("--format", fmt, "-o", str(report), str(minutes))
        assert run.code == 1, run.err
        text = report.read_text(encoding="utf-8")
        assert "xxxxxxxxxx" in text or (fmt == "github" and "xxxxxx" in text)
        assert leaked(text + run.out + run.err) == [], attempt


def test_stdout_and_the_cache_folder_hold_no_cpr_number(cli, minutes, tmp_path) -> None:
    run = cli(str(minutes))
    assert run.code == 1
    assert leaked(run.out + run.err) == []
    entries = list((tmp_path / ".referat-lint-cache").rglob("*.json"))
    assert entries
    for entry in entries:
        assert leaked(entry.read_text(encoding="utf-8")) == [], entry


def test_diff_and_fix_reports_hold_no_cpr_number(cli, minutes) -> None:
    run = cli("--diff", "--unsafe-fixes", str(minutes / "a.txt"))
    assert run.code == 1
    # A masked line would not apply: the change is counted instead of shown.
    assert "Klagen fra" not in run.out
    assert "2 changes on lines with personal data not shown; run --fix." in run.err
    assert leaked(run.out + run.err) == []
    run = cli("--fix", "--unsafe-fixes", "--format", "json", str(minutes / "a.txt"))
    assert leaked(run.out + run.err) == []
    # The file itself is repaired, not masked: --fix never writes x's into minutes.
    assert "0808901234 blev afvist" in (minutes / "a.txt").read_text(encoding="utf-8")


def test_stdin_filter_writes_the_file_unmasked_and_the_report_masked(cli, monkeypatch) -> None:
    import io
    import sys

    data = SOURCE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    run = cli("--fix", "-")
    assert "0808901234" in run.out  # the repaired file on stdout
    assert leaked(run.err) == []


def test_error_lines_are_masked(cli) -> None:
    run = cli("Signaturbevis_1111901234.txt")
    assert run.code == 2
    assert "Signaturbevis_xxxxxxxxxx.txt: no such file" in run.err
    assert "1111901234" not in run.err


def test_mask_keeps_what_is_not_a_birth_date() -> None:
    from referat_lint.out.privacy import mask

    assert mask("sag 326-2017-43971, tlf 12345678, 9999991234") == (
        "sag 326-2017-43971, tlf 12345678, 9999991234"
    )
    assert mask("CPR 120356-1234 og 0702074012.") == "CPR xxxxxx-xxxx og xxxxxxxxxx."
    assert mask("bilag_d3005395197.pdf") == "bilag_dxxxxxxxxxx.pdf"


def test_hex_letters_around_a_number_do_not_make_it_a_fingerprint() -> None:
    from referat_lint.out.privacy import mask

    for text in ("Sag om abcde1703851234", "facade170385-1234", '"v1": "d3005395197b95befb04"'):
        assert re.sub(r"\d{6}-?\d{4}", "", text) != text
        assert not re.search(r"\d{6}-?\d{4}", mask(text)), text


def test_fingerprints_are_exempt_by_their_field_only() -> None:
    import json

    from referat_lint.out.privacy import seal

    report = json.dumps(
        {
            "partialFingerprints": {"referatLint/v1": "d3005395197b95befb04"},
            "message": "Sag om abcde1703851234",
            "uri": "bilag/170385%E2%80%931234.txt",
        },
        indent=2,
    )
    data = json.loads(seal(report, "sarif"))
    assert data["partialFingerprints"] == {"referatLint/v1": "d3005395197b95befb04"}
    assert data["message"] == "Sag om abcdexxxxxxxxxx"
    assert data["uri"] == "bilag/xxxxxx%E2%80%93xxxx.txt"


def test_inert_makes_control_characters_visible() -> None:
    from referat_lint.out.privacy import display_path, inert

    assert inert("a\x1b]0;title\x07b\nc\u202ed") == "a\\x1b]0;title\\x07b\\x0ac\\u202ed"
    assert inert("a\tb") == "a\tb"
    assert display_path("m\udcf8de.txt") == "m\\xf8de.txt"


def test_the_python_api_masks_its_findings_but_not_the_repaired_bytes() -> None:
    import referat_lint

    result = referat_lint.check(SOURCE.read_bytes(), path="a.txt", fix=True)
    shown = repr(result.findings) + "\n".join(result.lines()) + "\n".join(result.lines("da"))
    assert result.findings and leaked(shown) == []
    assert result.fixed is not None and PLANTED[0].encode() in result.fixed.replace(b"-", b"")


# --- Every form of a CPR number, by every route ---------------------------------------

NUMBER = "1703851234"  # 17 March 1985: a real date


def _minutes(line: str, title: str = "Klage over afgørelse") -> str:
    return (
        "REFERAT Eksempeludvalget d. 18-10-2023\n\n"
        f"Punkt 1: {title}\n\nSagsnr.: 2023-000123\n\nBeslutning\n\n{line}\n"
    )


_SEPARATORS = re.compile(
    "[-\u2010-\u2014\u2212/ .\u00a0\u202f\u00ad\u200b-\u200d\u2060\ufeff]|â€[“”‘\x93\x94\x91]"
)


def shows(text: str, number: str = NUMBER) -> bool:
    """Whether `text` shows `number` in any digit form, with any separators, markup or
    percent-encoding between its digits."""
    import html
    import unicodedata
    from urllib.parse import unquote

    text = html.unescape(unquote(text))
    text = re.sub(r"<[^>]*>|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}", "", text)  # tags, escapes
    text = "".join(
        str(unicodedata.digit(c)) if unicodedata.digit(c, None) is not None else c for c in text
    )
    # What a reader does not see or reads as a separator: formats, combining marks, spaces,
    # dashes (any of them), and the Hangul fillers that show as nothing.
    text = "".join(
        c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Mn", "Me", "Zs", "Pd")
        and c not in "\u115f\u1160\u3164\uffa0"
    )
    return number in _SEPARATORS.sub("", text)


def _every_output(cli, tmp_path, folder: Path, *options: str) -> str:
    """Every format fresh and from the cache, --diff, --show-fixes and the cache folder."""
    seen = []
    for fmt in FORMATS:
        for attempt in ("fresh", "cached"):
            report = tmp_path / f"report-{attempt}.{fmt}"
            run = cli(*options, "--show-fixes", "--format", fmt, "-o", str(report), str(folder))
            assert run.code in (0, 1), run.err
            seen += [report.read_text(encoding="utf-8"), run.out, run.err]
    run = cli(*options, "--diff", "--unsafe-fixes", str(folder))
    seen += [run.out, run.err]
    seen += [e.read_text("utf-8") for e in (tmp_path / ".referat-lint-cache").rglob("*.json")]
    return "\n".join(seen)


def _folder(tmp_path: Path, text: str, name: str = "a.txt") -> Path:
    folder = tmp_path / "arkiv"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    (folder / "b.txt").write_text(text, "utf-8")  # two files: the run uses the cache
    return folder


def test_superscript_digits_the_markup_fix_makes_are_masked(cli, tmp_path) -> None:
    folder = _folder(tmp_path, _minutes(f"Klagen fra ^{{{NUMBER}}} blev afvist."))
    # Without cpr-number selected: the mask must not depend on the rule's findings.
    everything = _every_output(cli, tmp_path, folder, "--select", "markup-residue")
    assert "xxxxxxxxxx" in everything
    assert not shows(everything)


@pytest.mark.parametrize(
    "digits",
    ["１７０３８５-１２３４", "١٧٠٣٨٥-١٢٣٤", "¹⁷⁰³⁸⁵⁻¹²³⁴".replace("⁻", "-"), "₁₇₀₃₈₅₁₂₃₄"],
)
def test_every_digit_form_is_found_and_masked(cli, tmp_path, digits) -> None:
    text = _minutes(f"Klagen fra {digits} blev afvist.")
    assert rule_lines(f for f in findings_of(text) if f.rule == "cpr-number") == [("cpr-number", 9)]
    everything = _every_output(cli, tmp_path, _folder(tmp_path, text))
    assert not shows(everything)


def test_hex_letters_glued_to_a_number_do_not_hide_it(cli, tmp_path) -> None:
    text = _minutes("Sag om abcdef1703851234 og facade170385-1234 blev afvist.")
    folder = _folder(tmp_path, text, name="facade170385-1234.txt")
    everything = _every_output(cli, tmp_path, folder)
    assert "facadexxxxxx-xxxx.txt" in everything
    assert not shows(everything)


def test_a_number_split_by_markup_is_masked_as_the_fix_forms_it(cli, tmp_path) -> None:
    folder = _folder(tmp_path, _minutes("Klagen fra 1703<b>85</b>-1234 blev afvist."))
    report = tmp_path / "r.html"
    run = cli("--select", "markup-residue", "--format", "html", "-o", str(report), str(folder))
    assert run.code == 1
    page = report.read_text("utf-8")
    assert "xxxx<ins></ins>xx<ins></ins>-xxxx" in page
    assert not re.search(r"<ins>[^<]*</ins>85<ins>", page)
    # The "before" of --show-fixes and the removed line of --diff: the number the fix forms.
    run = cli("--select", "markup-residue", "--show-fixes", str(folder / "a.txt"))
    assert "    -Klagen fra xxxx<b>xx</b>-xxxx blev afvist.\n" in run.out
    # --diff leaves out a change on a line with personal data and counts it.
    run = cli("--select", "markup-residue", "--diff", str(folder / "a.txt"))
    assert (run.code, run.out) == (1, "")
    assert run.err.splitlines()[-1] == (
        "--fix would fix 1 problem in 1 file. 1 change on a line with personal data not shown;"
        " run --fix."
    )
    assert not shows(page + run.out)
    # With every rule: the HTML context line too, fresh and from the cache.
    everything = _every_output(cli, tmp_path, folder)
    assert "Klagen fra xxxx&lt;b&gt;xx&lt;/b&gt;-xxxx" in re.sub(r"</?mark>", "", everything)
    assert not shows(everything)


def test_a_number_that_several_fixes_form_together_is_masked(cli, tmp_path) -> None:
    # Each tag pair is its own finding, whose view alone forms no number: together they do.
    folder = _folder(tmp_path, _minutes("Klagen fra <b>17</b><b>0385</b>-1234 blev afvist."))
    run = cli("--select", "markup-residue", "--show-fixes", str(folder / "a.txt"))
    assert run.code == 1
    assert "    -Klagen fra <b>xx</b><b>xxxx</b>-xxxx blev afvist.\n" in run.out
    assert "    +Klagen fra xxxxxx-xxxx blev afvist.\n" in run.out
    everything = _every_output(cli, tmp_path, folder, "--select", "markup-residue")
    assert "Klagen fra &lt;b&gt;xx" in re.sub(r"</?mark>", "", everything)
    assert not shows(everything)
    everything = _every_output(cli, tmp_path, folder)
    assert not shows(everything)
    # Apart, on two lines, no number is formed and nothing is masked.
    folder = _folder(tmp_path, _minutes("Fra <b>17</b><b>03</b>.\n\nKl. <b>12</b><b>34</b>."))
    run = cli("--select", "markup-residue", "--show-fixes", str(folder / "a.txt"))
    assert "    -Fra <b>17</b><b>03</b>.\n" in run.out


def test_show_settings_and_show_files_mask_and_escape_names(cli, tmp_path) -> None:
    folder = tmp_path / "d170385-1234"
    folder.mkdir()
    (folder / "170385-1234.txt").write_text(_minutes("Godkendt."), "utf-8")
    run = cli("--show-files", ".")
    assert run.out.splitlines() == ["./dxxxxxx-xxxx/xxxxxx-xxxx.txt"]
    run = cli("--show-settings", "d170385-1234/170385-1234.txt")
    assert run.code == 0
    assert json.loads(run.out)["file"] == "dxxxxxx-xxxx/xxxxxx-xxxx.txt"
    assert not shows(run.out + run.err)


def test_a_mojibake_dash_is_masked_in_the_diff_and_the_html_context(cli, tmp_path) -> None:
    folder = _folder(tmp_path, _minutes("Klagen fra 170385â€“1234 blev afvist."))
    # --diff does not show the change (its line holds personal data): it counts it.
    run = cli("--diff", str(folder / "a.txt"))
    assert run.out == ""
    assert "1 change on a line with personal data not shown; run --fix." in run.err
    report = tmp_path / "r.html"
    cli("--format", "html", "-o", str(report), str(folder))
    page = report.read_text("utf-8")
    # The context line is masked on its text, where the number is (the highlight's columns
    # are those of the repaired text).
    assert "Klagen fra xxxxxxâ€“xxxx blev afvist." in re.sub(r"<[^>]*>", "", page)
    assert not shows(page + run.out)


def test_show_document_masks_every_field(cli, tmp_path) -> None:
    text = (
        "REFERAT Udvalget for Sag 1703851234 d. 18-10-2023\n\nPunkt 1: Klage\n\n"
        "Sagsnr.: 2023-000123\n\nBeslutning i Udvalget for Sag 170385-1234 den 18-10-2023\n\n"
        "Godkendt.\n"
    )
    (tmp_path / "1703851234.txt").write_text(text, "utf-8")
    run = cli("--show-document", "1703851234.txt")
    assert run.code == 0
    data = run.json()
    assert data["path"] == "xxxxxxxxxx.txt"
    assert data["header"]["body"] == "Udvalget for Sag xxxxxxxxxx"
    assert data["items"][0]["decision"]["body"] == "Udvalget for Sag xxxxxx-xxxx"
    assert not shows(run.out + run.err)


def test_a_link_target_is_masked_in_sarif_uris_and_the_baseline(cli, tmp_path) -> None:
    (tmp_path / "170385–1234.txt").write_text(_minutes("Godkendt &amp; afsluttet."), "utf-8")
    (tmp_path / "a.txt").symlink_to(tmp_path / "170385–1234.txt")
    run = cli("--format", "sarif", "a.txt")
    assert run.code == 1
    assert "%E2%80%93" in run.out or "–" in run.out  # the target's name is used ...
    assert not shows(run.out + run.err)  # ... masked
    run = cli("--write-baseline", "base.json", "a.txt")
    assert run.code == 0, run.err
    written = (tmp_path / "base.json").read_text("utf-8")
    assert "xxxxxx–xxxx.txt" in written
    assert not shows(written + run.out + run.err)
    # The baseline still knows its findings: nothing new is reported.
    run = cli("--baseline", "base.json", "a.txt")
    assert run.code == 0, run.out
    assert "html-entity" not in run.out


@pytest.mark.parametrize(
    "args",
    [
        ("--config", "170385-1234.toml", "a.txt"),
        ("--explain", "170385-1234"),
        ("--select", "170385-1234", "a.txt"),
        ("--format", "1703851234", "a.txt"),
        ("--baseline", "170385-1234.json", "a.txt"),
        ("-o", "170385-1234/r.txt", "a.txt"),
        ("170385-1234.txt",),
        ("--show-document", "170385-1234.txt"),
        ("--write-baseline", "170385-1234/b.json", "a.txt"),
    ],
)
def test_every_error_line_naming_a_value_is_masked(cli, tmp_path, args) -> None:
    (tmp_path / "a.txt").write_text(_minutes("Godkendt."), "utf-8")
    run = cli(*args)
    assert run.code == 2
    assert "xxxxxx" in run.err
    assert not shows(run.out + run.err)


def test_a_config_value_in_an_error_line_is_masked(cli, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(_minutes("Godkendt."), "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.referat-lint]\nlang = "1703851234"\n')
    run = cli("a.txt")
    assert run.code == 2
    assert "lang: 'xxxxxxxxxx' is not one of" in run.err
    assert not shows(run.out + run.err)


CLI = "from referat_lint.cli import main; raise SystemExit(main())"


def test_pdf_library_warnings_do_not_reach_stderr(tmp_path) -> None:
    import subprocess
    import sys

    from pdf_builder import text_pdf

    data = text_pdf([["REFERAT Eksempeludvalget 1703851234", "Punkt 1: Budget"]])
    for name, broken in [
        ("pointer.pdf", re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)),
        ("truncated.pdf", data.replace(b"%%EOF", b"")),
    ]:
        (tmp_path / name).write_bytes(broken)
        # A process of its own: the library logs through Python's last-resort handler,
        # which the test runner's log capture would hide.
        run = subprocess.run(
            [sys.executable, "-c", CLI, "--no-cache", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode in (1, 2), run.stderr
        assert all(line.startswith("referat-lint: ") for line in run.stderr.splitlines()), (
            run.stderr
        )
        assert not shows(run.stdout + run.stderr)


# --- The definition: how Danish documents write a CPR number ----------------------------

WRITTEN = [
    "170385-1234",  # the official form
    "1703851234",
    "170385–1234",  # en dash (word processors)
    "170385—1234",  # em dash
    "170385−1234",  # minus sign
    "170385\u20101234",  # hyphen
    "170385\u20111234",  # non-breaking hyphen (Word)
    "170385 1234",
    "170385\u00a01234",  # no-break space
    "170385/1234",
    "170385 - 1234",
    "170385 – 1234",
    "17.03.85-1234",
    "17 03 85-1234",
    "17.03.85 - 1234",
    "170385\u00ad-1234",  # soft hyphen
    "1703\u200b85-1234",  # zero-width space
    "17038\u20605-12\u200d34",  # word joiner, zero-width joiner
    "170385â€“1234",  # an en dash as mojibake
    # What a reader does not see, between any two digits: every default-ignorable character
    # (bidirectional marks, invisible operators, variation selectors, fillers, tags) and the
    # combining marks a digit can carry.
    "17\u200e0385-1234",  # left-to-right mark
    "17\u20620385-1234",  # invisible times
    "17\ufe0f0385-1234",  # variation selector
    "17\u034f0385-1234",  # combining grapheme joiner
    "17\u31640385-1234",  # Hangul filler
    "17\U000e00200385-1234",  # tag space
    "17\u03010385-1234",  # combining acute accent
    "1\u20e37\u20e30385-1234",  # keycaps
    # Any space and any dash between the parts.
    "170385\u20091234",  # thin space
    "170385\u30001234",  # ideographic space
    "170385\u20121234",  # figure dash
    "170385\u20151234",  # horizontal bar
    "170385\ufe631234",  # small hyphen-minus
    "170385\uff0d1234",  # fullwidth hyphen-minus
    # Two numbers joined by what joins the parts of a longer number: each is still one.
    "170385-1234,170385-1234",
    "170385-1234/1703851234",
    "1703851234.170385-1234",
]


@pytest.mark.parametrize("written", WRITTEN)
def test_every_written_form_is_found_and_masked(cli, tmp_path, written) -> None:
    from referat_lint.out.privacy import mask

    text = _minutes(f"Klagen fra {written} blev afvist.")
    found = [f for f in findings_of(text) if f.rule == "cpr-number"]
    assert rule_lines(found) == [("cpr-number", 9)] * (2 if len(written) > 21 else 1)
    assert not re.search(r"\d", mask(written))
    assert not re.search(r"\d", found[0].args["masked"])
    run = cli("--no-cache", "--select", "cpr-number", str(_folder(tmp_path, text) / "a.txt"))
    assert run.code == 1
    assert not shows(run.out + run.err)


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("&#49;70385-1234", "&#xx;xxxxx-xxxx"),
        ("&#x31;70385&#x2d;1234", "&#xxx;xxxxx&#x2d;xxxx"),
        ("170385&ndash;1234", "xxxxxx&ndash;xxxx"),
        ("170385&#8211;1234", "xxxxxx&#8211;xxxx"),
        ("&#49;&#55;0385&nbsp;1234", "&#xx;&#xx;xxxx&nbsp;xxxx"),
    ],
)
def test_a_number_character_references_make_is_found_and_masked(cli, tmp_path, written, masked):
    # Where minutes are shown as HTML or Markdown, a character reference shows as its
    # character (the html-entity rule says so): `&#49;70385-1234` reads as a CPR number.
    from referat_lint.out.privacy import mask

    text = _minutes(f"Klagen fra {written} blev afvist.")
    found = [f for f in findings_of(text) if f.rule == "cpr-number"]
    assert rule_lines(found) == [("cpr-number", 9)]
    assert (found[0].span.column, found[0].span.end_column) == (12, 12 + len(written))
    assert mask(written) == masked and found[0].args["masked"] == masked
    everything = _every_output(cli, tmp_path, _folder(tmp_path, text))
    assert masked.replace("&", "&amp;") in everything
    assert not shows(everything)


@pytest.mark.parametrize("written", ["&amp;#49;70385-1234", "kr. 1&#46;000", "&#49;70385-12345"])
def test_what_character_references_do_not_make_a_number_is_left_alone(written) -> None:
    from referat_lint.out.privacy import mask

    text = _minutes(f"Klagen fra {written} blev afvist.")
    assert [f for f in findings_of(text) if f.rule == "cpr-number"] == []
    assert mask(written) == written


@pytest.mark.parametrize(
    "written",
    [
        "170385_1234",  # not how a CPR number is written: an identifier
        "170385\t1234",  # two table cells
        "170385--1234",
        "320385-1234",  # no such date
        "170385-12345",  # part of a longer number
        "1-170385-1234",
        "17.03.85 1234",  # a dotted date then a number: a date and a count
        "17.03.851234",
        "| 170385 | 1234 |",  # two table cells
        "170385\u2009\u20091234",
    ],
)
def test_what_is_not_a_cpr_number_is_left_alone(written) -> None:
    from referat_lint.out.privacy import mask

    text = _minutes(f"Klagen fra {written} blev afvist.")
    assert [f for f in findings_of(text) if f.rule == "cpr-number"] == []
    assert mask(written) == written


def _digits(draw, count: int, first: str = "0123456789") -> str:
    from hypothesis import strategies as st

    head = draw(st.sampled_from(first))
    return head + "".join(draw(st.sampled_from("0123456789")) for _ in range(count - 1))


def _other_number(draw) -> str:
    """A phone, case, account or KLE number, a date or an amount as minutes write them."""
    from hypothesis import strategies as st

    d = lambda n, first="0123456789": _digits(draw, n, first)  # noqa: E731
    year = str(draw(st.integers(1990, 2035)))
    day, month = f"{draw(st.integers(1, 28)):02d}", f"{draw(st.integers(1, 12)):02d}"
    phone = d(8, "23456789")
    forms = [
        phone,
        " ".join(phone[i : i + 2] for i in range(0, 8, 2)),
        f"{phone[:4]} {phone[4:]}",
        f"+45 {phone}",
        f"+45{phone}",
        f"(+45) {phone[:4]} {phone[4:]}",
        f"{d(2)}.{d(2)}.{d(2)}-{draw(st.sampled_from('ABCDGHKP'))}{d(2)}-{d(1)}-{year[2:]}",
        f"{d(2)}.{d(2)}.{d(2)}",
        f"EMN-{year}-{d(6)}",
        f"{year}-{d(6)}",
        f"{d(3)}-{year}-{d(5)}",
        f"{year[2:]}/{d(5)}",
        f"{year}/{d(5)}",
        f"S{year}-{d(5)}",
        f"{d(4)}-{d(10)}",
        # An account number whose first six digits form a date is CPR-shaped: the mask
        # (wider than the rule, which consults labels) covers it on purpose, so the
        # numbers drawn here start where no day does.
        f"reg.nr. {d(4)}, kontonr. {d(10, '456789')}",
        f"DK{d(2)} {d(4)} {d(4)} {d(4)} {d(2)}",
        f"{day}.{month}.{year}",
        f"{day}-{month}-{year}",
        f"{day}/{month}/{year}",
        f"{int(day)}. marts {year}",
        f"{day}.{month}.{year} kl. {d(2)}.{d(2)}",
        f"{day}.{month}.{year[2:]} kl. {d(2)}.{d(2)}",
        f"{day}.{month}.{year} - {day}.{month}.{year}",
        f"{d(1, '123456789')}.{d(3)}.{d(3)} kr.",
        f"kr. {d(3, '123456789')}.{d(3)}",
    ]
    return draw(st.sampled_from(forms))


def test_other_numbers_in_running_text_are_never_cpr_numbers() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from referat_lint.out.privacy import mask

    @st.composite
    def sentences(draw) -> str:
        numbers = [_other_number(draw) for _ in range(draw(st.integers(1, 4)))]
        glue = draw(st.sampled_from([" og ", ", ", " - ", " / ", " ", " (", ")"]))
        return "Sagen " + glue.join(numbers) + " blev drøftet."

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(sentences())
    def check(sentence: str) -> None:
        assert [f for f in findings_of(_minutes(sentence)) if f.rule == "cpr-number"] == []
        assert mask(sentence) == sentence

    check()


def test_real_published_minutes_hold_no_cpr_number() -> None:
    """The wider definition finds nothing in real published minutes (none holds a CPR
    number): case, phone and account numbers and dates as municipalities write them."""
    from referat_lint.out.privacy import mask

    from conftest import REAL_MINUTES

    real = REAL_MINUTES.parent / "real"
    files = sorted(real.rglob("*.txt")) + sorted(REAL_MINUTES.glob("*.txt"))
    if not real.is_dir() or not REAL_MINUTES.is_dir():
        pytest.skip("../shared/real or ../shared/seeds is not present")
    assert len(files) >= 30
    for file in files:
        data = file.read_bytes()
        found = [f for f in findings_of(data, path=str(file)) if f.rule == "cpr-number"]
        assert found == [], file.name
        text = data.decode("utf-8", "replace")
        assert mask(text) == text, file.name
