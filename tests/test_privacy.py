"""No CPR number leaves the process: every format, --diff, --fix, the cache, error lines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

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
    assert "+Klagen fra xxxxxxxxxx blev afvist" in run.out
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
    from referat_lint.privacy import mask

    assert mask("sag 326-2017-43971, tlf 12345678, 9999991234") == (
        "sag 326-2017-43971, tlf 12345678, 9999991234"
    )
    assert mask("CPR 120356-1234 og 0702074012.") == "CPR xxxxxx-xxxx og xxxxxxxxxx."
    assert mask("bilag_d3005395197.pdf") == "bilag_dxxxxxxxxxx.pdf"


def test_hex_letters_around_a_number_do_not_make_it_a_fingerprint() -> None:
    from referat_lint.privacy import mask

    for text in ("Sag om abcde1703851234", "facade170385-1234", '"v1": "d3005395197b95befb04"'):
        assert re.sub(r"\d{6}-?\d{4}", "", text) != text
        assert not re.search(r"\d{6}-?\d{4}", mask(text)), text


def test_fingerprints_are_exempt_by_their_field_only() -> None:
    import json

    from referat_lint.privacy import seal

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
    from referat_lint.privacy import display_path, inert

    assert inert("a\x1b]0;title\x07b\nc\u202ed") == "a\\x1b]0;title\\x07b\\x0ac\\u202ed"
    assert inert("a\tb") == "a\tb"
    assert display_path("m\udcf8de.txt") == "m\\xf8de.txt"


def test_the_python_api_masks_its_findings_but_not_the_repaired_bytes() -> None:
    import referat_lint

    result = referat_lint.check(SOURCE.read_bytes(), path="a.txt", fix=True)
    shown = repr(result.findings) + "\n".join(result.lines()) + "\n".join(result.lines("da"))
    assert result.findings and leaked(shown) == []
    assert result.fixed is not None and PLANTED[0].encode() in result.fixed.replace(b"-", b"")
