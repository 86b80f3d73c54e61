"""Layouts as data: every layout fixture's exact findings and what `--show-document` reads,
detection, forcing a layout or kind, a project's own profile, agendas, and the TOC pairing's
cost.

Every fixture `tests/fixtures/layouts/<layout>/<name>.txt` has `<name>.expected.json`:
`layout`, `kind`, `findings` ([rule, line, why]) and `items` (number, title, closed, line,
case_numbers, decision line or null).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referat_lint.config import build_config
from referat_lint.document import toc as toc_pairing
from referat_lint.document.model import Item, Text, TocEntry
from referat_lint.document.parse import join_wrapped, parse
from referat_lint.rules import all_rules
from referat_lint.schemas import schema_problem

from conftest import FIXTURES, findings_of, real_minutes, rule_lines

LAYOUT_FIXTURES = FIXTURES / "layouts"
CASES = sorted(LAYOUT_FIXTURES.glob("*/*.expected.json"))


def _fixture(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.json") + ".txt")


def _id(expected: Path) -> str:
    return f"{expected.parent.name}/{_fixture(expected).name}"


def _essentials(item: dict) -> dict:
    decision = item["decision"]
    return {
        "number": item["number"],
        "title": item["title"],
        "closed": item["closed"],
        "line": item["line"],
        "case_numbers": [n["value"] for n in item["case_numbers"]],
        "decision": None if decision is None else decision["line"],
    }


def test_every_layout_fixture_has_its_expectations() -> None:
    fixtures = sorted(LAYOUT_FIXTURES.glob("*/*.txt"))
    assert fixtures and fixtures == sorted(_fixture(e) for e in CASES)


@pytest.mark.parametrize("expected", CASES, ids=_id)
def test_findings(expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    found = rule_lines(findings_of(_fixture(expected).read_bytes()))
    assert sorted(found, key=lambda f: (f[1], f[0])) == sorted(
        ((rule, line) for rule, line, *_ in want["findings"]), key=lambda f: (f[1], f[0])
    )


@pytest.mark.parametrize("expected", CASES, ids=_id)
def test_show_document(cli, expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    run = cli("--show-document", str(_fixture(expected)))
    assert run.code == 0, run.err
    document = run.json()
    assert schema_problem(document, "document.schema.json") is None
    assert (document["layout"], document["kind"]) == (want["layout"], want["kind"])
    assert [_essentials(item) for item in document["items"]] == want["items"]


@pytest.mark.parametrize("expected", CASES, ids=_id)
def test_json_report_names_layout_and_kind(cli, expected: Path) -> None:
    want = json.loads(expected.read_text("utf-8"))
    run = cli("--no-cache", "--format", "json", str(_fixture(expected)))
    [report] = run.json()["files"]
    assert schema_problem(run.json(), "report.schema.json") is None
    assert (report["layout"], report["kind"]) == (want["layout"], want["kind"])


def test_show_document_details(cli) -> None:
    """The facts rules read: the unheaded decision of a closed item, history, the join of
    a heading wrapped after a hyphen, masked page headers, a label whose value is on the
    next line, `Lukket punkt:`."""
    run = cli("--show-document", str(LAYOUT_FIXTURES / "punkt" / "pdf_clean.txt"))
    items = run.json()["items"]
    assert items[1]["title"].startswith("Klimaplan for Eksempel Kommune med ny 2035-prognose ")
    assert items[1]["decision"]["text"] == (
        "Klimaplanen blev godkendt. Udvalget beder om en status efter et år."
    )  # the page header under it (`Side 2 af 5`, the title line again) is masked
    closed = items[3]
    assert (closed["closed"], closed["closed_by"]) == (True, "heading")
    assert closed["decision"] == {
        "line": 74,
        "heading": "",
        "body": None,
        "date": None,
        "text": "Grunden sælges til højestbydende.",
    }
    assert items[4]["standard"] is True
    old = cli("--show-document", str(LAYOUT_FIXTURES / "punkt" / "old_pdf_clean.txt")).json()
    first, second, closed = old["items"][:3]
    assert first["case_numbers"] == [{"value": "19-012001", "line": 23, "column": 1}]
    assert first["subheading"]["value"] == "1. Godkendelse af dagsorden"
    assert [h["date"]["value"] for h in second["history"]] == ["21. august 2019"]
    assert second["decision"]["date"]["value"] == "18. september 2019"
    assert closed["closed"] and closed["title"] == "Køb af ejendom"
    assert [e["closed"] for e in old["toc"]] == [False, False, True, False]


def test_markdown_is_a_surface(cli) -> None:
    document = cli("--show-document", str(FIXTURES / "markdown_clean.md")).json()
    assert (document["layout"], document["markup"]) == ("punkt", "markdown")
    plain = cli("--show-document", str(FIXTURES / "new_clean.txt")).json()
    assert (plain["layout"], plain["markup"]) == ("punkt", "plain")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_real_minutes_are_read_as_their_layout(prefix: str) -> None:
    document = parse(Text(real_minutes(prefix).read_text("utf-8")))
    assert (document.layout, document.kind) == ("punkt", "minutes")


def test_a_file_in_no_layout_gets_one_not_minutes(cli) -> None:
    data = (FIXTURES / "not_minutes.txt").read_bytes()
    assert rule_lines(findings_of(data)) == [("not-minutes", 1)]
    document = cli("--show-document", str(FIXTURES / "not_minutes.txt")).json()
    assert (document["layout"], document["items"]) == (None, [])


def test_an_agenda_gets_no_decision_findings_unless_the_config_says_minutes(tmp_path) -> None:
    agenda = (LAYOUT_FIXTURES / "punkt" / "dagsorden.txt").read_bytes()
    assert findings_of(agenda) == ()
    config = build_config({"kind": "minutes"}, all_rules(), None)
    assert rule_lines(findings_of(agenda, config)) == [
        ("empty-decision", 13),
        ("empty-decision", 21),
    ]  # Eventuelt (line 33) is a standard item


def test_per_file_layout_and_kind(tmp_path) -> None:
    text = (LAYOUT_FIXTURES / "punkt-web" / "referat_clean.txt").read_bytes()
    config = build_config(
        {"per-file-layout": {"gamle/*": "punkt"}, "per-file-kind": {"*.txt": "agenda"}},
        all_rules(),
        tmp_path / ".referat-lint.toml",
    )
    assert config.layout_for(str(tmp_path / "gamle" / "a.txt")) == "punkt"
    assert config.layout_for(str(tmp_path / "ny" / "a.txt")) is None
    assert config.kind_for(str(tmp_path / "a.txt")) == "agenda"
    assert findings_of(text, config, str(tmp_path / "gamle" / "a.txt")) == ()


def test_unknown_layout_in_config_is_one_error_line(cli, tmp_path) -> None:
    (tmp_path / ".referat-lint.toml").write_text('layout = "vores-system"\n', "utf-8")
    (tmp_path / "a.txt").write_text("Punkt 1: Sag\n", "utf-8")
    run = cli("a.txt")
    assert run.code == 2
    assert run.err.count("\n") == 1 and "unknown layout 'vores-system'" in run.err


VORES = """\
name = "vores-system"
description = "Sag N - Title, for the tests"

[detect]
opening = ['^Mødereferat fra']

[items]
headings = ['^Sag (?P<number>\\d+) - (?P<title>.+)$']

[case-numbers]
extra-formats = [{ name = "vores", pattern = 'VS-\\d{5}', example = "VS-00042" }]

[decisions]
extra-headings = ['^Udfald:?$']

[standard-items]
extra-titles = ["Orientering"]
"""

VORES_MINUTES = """\
Mødereferat fra Eksempel Kommunes Vejudvalg

Sag 1 - Ny asfalt på Engvej

VS-00042

Udfald:

Godkendt.

Sag 2 - Fartdæmpning ved skolen

VS-0077

Udfald:

Sag 3 - Orientering
"""


def test_a_projects_own_profile_works_end_to_end(cli, tmp_path) -> None:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "vores.toml").write_text(VORES, "utf-8")
    (tmp_path / ".referat-lint.toml").write_text('layouts = ["layouts/vores.toml"]\n', "utf-8")
    (tmp_path / "referat.txt").write_text(VORES_MINUTES, "utf-8")
    run = cli("--no-cache", "--format", "json", "referat.txt")
    [report] = run.json()["files"]
    assert (report["layout"], report["kind"]) == ("vores-system", "minutes")
    assert [(d["rule"], d["line"]) for d in report["diagnostics"]] == [
        ("malformed-case-number", 13),
        ("empty-decision", 15),
    ]
    shown = cli("--show-document", "referat.txt").json()
    assert [(i["number"], i["title"], i["standard"]) for i in shown["items"]] == [
        ("1", "Ny asfalt på Engvej", False),
        ("2", "Fartdæmpning ved skolen", False),
        ("3", "Orientering", True),
    ]
    assert shown["items"][0]["decision"]["text"] == "Godkendt."


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ('name = "x"\n[items]\nheadings = ["(unclosed"]\n', "items.headings[0]: bad pattern"),
        ('name = "x"\n[items]\nheadings = ["^Sag (?P<title>.+)$"]\n', "needs a group"),
        ('name = "x"\n[items]\nheading = ["^Sag"]\n', "Additional properties"),
        ('name = "x"\nextends = "nowhere"\n', "extends unknown layout 'nowhere'"),
        ("name = [", "invalid TOML"),
    ],
)
def test_a_bad_profile_is_one_error_line(cli, tmp_path, profile: str, message: str) -> None:
    (tmp_path / "x.toml").write_text(profile, "utf-8")
    (tmp_path / ".referat-lint.toml").write_text('layouts = ["x.toml"]\n', "utf-8")
    (tmp_path / "a.txt").write_text("Punkt 1: Sag\n", "utf-8")
    run = cli("a.txt")
    assert run.code == 2, run.out
    assert run.err.count("\n") == 1 and message in run.err and "Traceback" not in run.err


def _profile_cost(tmp_path, size: int) -> float:
    """CPU seconds to load a project profile whose item-heading pattern backtracks
    exponentially in `re`, and parse minutes with a line of `size` digits."""
    import time

    from referat_lint.document.layout import Layout, load_project_profile

    (tmp_path / "x.toml").write_text(
        'name = "x"\n[items]\nheadings = ["^(?P<number>(\\\\d|\\\\d\\\\d)+)x"]\n', "utf-8"
    )
    layout = Layout({**load_project_profile(tmp_path / "x.toml"), "name": "x"})
    lines = ["Punkt 1: Sag", "1" * size, "Beslutning"]
    start = time.process_time()
    for pattern in layout.item_headings:
        assert all(pattern.match(line) is None for line in lines)
    for pattern, _ in layout.heading_scan:
        assert pattern.search("\n" + "\n".join(lines)) is None
    return time.process_time() - start


def test_a_projects_profile_patterns_run_in_linear_time(tmp_path) -> None:
    _profile_cost(tmp_path, 100)
    ratios = []
    for _ in range(3):
        small = min(_profile_cost(tmp_path, 20000) for _ in range(3))
        ratios.append(min(_profile_cost(tmp_path, 80000) for _ in range(2)) / max(small, 1e-4))
        if ratios[-1] < 12:
            break
    assert min(ratios) < 12, ratios


def test_a_profile_pattern_re2_cannot_run_is_one_error_line(cli, tmp_path) -> None:
    (tmp_path / "x.toml").write_text(
        'name = "x"\n[items]\nheadings = ["^(?P<number>\\\\d+)(?=\\\\.)"]\n', "utf-8"
    )
    (tmp_path / ".referat-lint.toml").write_text('layouts = ["x.toml"]\n', "utf-8")
    (tmp_path / "a.txt").write_text("Punkt 1: Sag\n", "utf-8")
    run = cli("a.txt")
    assert run.code == 2, run.out
    assert run.err.count("\n") == 1, run.err
    assert "items.headings[0]: bad pattern" in run.err and "RE2" in run.err


def test_a_decision_heading_inside_a_paragraph_is_text() -> None:
    text = (
        "Punkt 1: Sag\n\n22-010739\n\nSagsfremstilling\n\nRådet skrev i sit referat:\n"
        "Beslutning\nRådet anbefaler sagen.\n"
    )
    [item] = parse(Text(text)).items
    assert item.decision is None


def test_hyphen_at_the_end_of_a_wrapped_heading() -> None:
    assert join_wrapped("om ny 2035-", "prognose") == "om ny 2035-prognose"
    assert join_wrapped("Børne-", "og Ungeudvalget") == "Børne- og Ungeudvalget"
    assert join_wrapped("Budget 2023 -", "2026") == "Budget 2023 - 2026"


def _pairing_work(monkeypatch, size: int) -> int:
    """How many title comparisons pairing a TOC of `size` entries costs, when no entry's
    title equals an item's (the worst case for the similarity pass)."""
    calls = 0
    real = toc_pairing.difflib.SequenceMatcher

    class Counting(real):
        def set_seq2(self, b):
            nonlocal calls
            calls += 1
            return super().set_seq2(b)

    monkeypatch.setattr(toc_pairing.difflib, "SequenceMatcher", Counting)
    toc = [TocEntry(f"Indholdspunkt nummer {n} om emne {n * 7}", False, n, n) for n in range(size)]
    items = [
        Item(
            number=n,
            label=str(n),
            title=f"Dagsordenspunkt {n} vedrørende sag {n * 13}",
            closed=False,
            line=size + n,
            end_line=size + n,
        )
        for n in range(size)
    ]
    toc_pairing.pair(toc, items)
    return calls


def test_toc_pairing_grows_linearly(monkeypatch) -> None:
    small, large = _pairing_work(monkeypatch, 100), _pairing_work(monkeypatch, 1000)
    assert small > 0
    assert large <= 12 * small  # ten times the entries; all pairs would be a hundred times


def test_longest_run_in_order_is_found_in_n_log_n_with_the_old_choice() -> None:
    assert toc_pairing.longest_increasing([2, 1]) == {0}
    assert toc_pairing.longest_increasing([1, 5, 2, 3, 4]) == {0, 2, 3, 4}
    assert toc_pairing.longest_increasing([]) == set()


def test_the_readme_profile_example_is_valid() -> None:
    import tomllib

    from referat_lint.document.layout import check_profile, load_layouts

    from conftest import ROOT

    readme = (ROOT / "docs" / "layouts.md").read_text("utf-8")
    section = readme.split("### Writing a layout profile")[1]
    data = tomllib.loads(section.split("```toml")[1].split("```")[0])
    check_profile(data, "README: ")
    [layout] = [
        x for x in load_layouts(((data["name"], json.dumps(data)),)) if x.name == data["name"]
    ]
    assert layout.raw_item_headings[0].match("3.\tBudget 2026")


def test_closed_by_heading_suffix_marker_and_group() -> None:
    text = (
        "Punkt 1: Budget (Lukket)\n\n22-010739\n\nBeslutning\n\nGodkendt.\n\n"
        "Punkt 2: Personalesag\n\nLukket punkt:\n\n22-010740\n\n"
        "Punkt 3: Vejnavne\n\n22-010741\n\nBeslutning\n\nGodkendt.\n\n"
        "Lukket referat\n\n"
        "Punkt 4: Køb af grund\n\n22-010742\n\nKøbet godkendes.\n\n"
        "Åbent referat\n\n"
        "Punkt 5: Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    items = parse(Text(text)).items
    assert [(i.title, i.closed, i.closed_by) for i in items] == [
        ("Budget", True, "heading"),
        ("Personalesag", True, "marker"),
        ("Vejnavne", False, None),
        ("Køb af grund", True, "group"),
        ("Eventuelt", False, None),
    ]
    assert items[2].end_line == 21  # the group heading belongs to the items after it
    assert items[3].decision is not None and items[3].decision.text == "Købet godkendes."
    assert rule_lines(findings_of(text)) == []
