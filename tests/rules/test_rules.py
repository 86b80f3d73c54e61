"""Each rule on the team's own fixtures: the exact (rule, line) findings, clean files none."""

from __future__ import annotations

import pytest

from referat_lint.config import Config, build_config
from referat_lint.rules import all_rules, pdf, pdf_accessibility

from conftest import FIXTURES, findings_of, rule_lines

EXPECTED = {
    "old_clean.txt": [],
    "new_clean.txt": [],
    "markdown_clean.md": [],
    "variants.txt": [],
    "items_defects.txt": [
        ("missing-case-number", 18),
        ("empty-decision", 52),  # decision heading with nothing under it
        ("empty-decision", 58),  # no decision heading at all
        ("empty-decision", 88),  # only "-" on an item that is not Eventuelt
    ],
    "new_defects.txt": [
        ("missing-case-number", 15),
        ("empty-decision", 31),  # "Beslutninger" with nothing under it
    ],
    # new_defects.txt with a comment hiding its RL201 and one that hides nothing
    "suppressions.md": [
        ("unused-suppression", 25),
        ("empty-decision", 31),
    ],
    "toc_defects.txt": [
        ("toc-order-mismatch", 13),
        ("toc-page-order", 13),
        ("toc-extra-entry", 14),
        ("toc-title-mismatch", 15),
        ("toc-missing-item", 56),
    ],
    "mojibake.txt": [("mojibake", 25), ("mojibake", 25), ("mojibake", 45), ("mojibake", 57)],
    "lossy.txt": [("mojibake-lossy", 31)] * 3 + [("mojibake-lossy", 33)],
    "not_minutes.txt": [("not-minutes", 1)],
    # minutes in a layout no profile reads: title, Mødedato, case numbers, decisions
    "unread_minutes.txt": [("unread-minutes", 1)],
    # notes are not minutes, but a CPR number is reported in any text
    "notes_cpr.txt": [("not-minutes", 1), ("cpr-number", 4)],
    "cpr.txt": [
        ("cpr-number", 21),  # DDMMYY-SSSS in the decision
        ("cpr-number", 27),  # DDMMYYSSSS, born 2007 (7th digit 4)
        ("cpr-number", 37),  # in an attachment name (Signaturbevis_...)
    ],
    "closed_items.txt": [
        ("closed-item-content", 33),  # Resume og sagens baggrund on a closed item
        ("closed-item-content", 37),  # and its Indstillinger
        ("closed-item-content", 67),  # text under a closed item's heading, above its decision
    ],
    "dates_defects.txt": [
        ("date-mismatch", 3),  # title 10-03, Mødedato and two decisions 9 March
        ("weekday-mismatch", 5),  # 9 March 2021 was a Tuesday, not a Mandag
        ("date-mismatch", 70),  # decision heading 19. marts
    ],
    "numbering_defects.txt": [
        ("item-numbering", 53),  # Punkt 2 twice
        ("item-numbering", 72),  # sub-heading 4. under Punkt 3
        ("item-numbering", 82),  # 3 then 5
    ],
    "case_numbers_defects.txt": [
        ("malformed-case-number", 24),  # Sagsnr.: 114-25-1021
        ("malformed-journal-number", 24),  # J.nr.: 00.1.00
        ("duplicate-case-number", 52),  # 114-2024-8812 again on item 3
    ],
    "new_case_numbers.txt": [
        ("malformed-case-number", 19),  # 20-08207 under the heading
        ("duplicate-case-number", 43),  # 20-082075K again on item 4
    ],
    "markup_residue.txt": [
        ("markup-residue", 20),  # <br>
        ("markup-residue", 26),  # <i>Anna Berg</i>
        ("markup-residue", 28),  # m^{2}
        ("html-entity", 28),  # &nbsp; is html-entity's, not also markup-residue's
        ("markup-residue", 28),  # ^{Åbent}
        ("markup-residue", 31),  # |----|----| in a plain-text file
        ("markup-residue", 35),  # ------  ------ simple-table rule
    ],
    "markup_residue.md": [("markup-residue", 26)],  # the pipe table is Markdown, <i> is not
    "characters.txt": [
        ("html-entity", 57),
        ("html-entity", 57),
        ("control-character", 59),  # U+FFFD
        ("control-character", 59),  # U+000B
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    assert rule_lines(findings_of(data)) == EXPECTED[name]


def test_every_fixture_is_covered() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_file()) == sorted(EXPECTED)


def test_every_rule_fires_on_some_fixture() -> None:
    fired = {rule for expected in EXPECTED.values() for rule, _ in expected}
    # file-encoding needs bytes that are not UTF-8: see test_source.py; the PDF rules
    # need PDF files: see test_pdf.py and test_pdf_accessibility.py
    pdf_rules = {rule.name for rule in (*pdf.RULES, *pdf_accessibility.RULES)}
    assert fired | {"file-encoding"} | pdf_rules == {rule.name for rule in all_rules()}


def test_mojibake_message_and_column() -> None:
    findings = findings_of((FIXTURES / "mojibake.txt").read_bytes())
    first = findings[0]
    assert (first.span.line, first.span.column, first.span.end_column) == (25, 18, 20)
    assert first.args == {"found": "Ã¦", "repaired": "æ"}


def test_mojibake_in_heading_gives_no_toc_finding() -> None:
    # Line 45 is a mis-decoded item heading whose TOC entry is right: one root cause,
    # one finding.
    findings = findings_of((FIXTURES / "mojibake.txt").read_bytes())
    assert [f.rule for f in findings if f.span.line == 45] == ["mojibake"]
    assert not [f for f in findings if f.rule.startswith("toc-")]


def test_foreign_repair_is_reported_not_applied() -> None:
    # "ÐºÐ¾" is the cp1252 view of Cyrillic UTF-8: a "repair" would bring Cyrillic in.
    text = "Punkt 1: Test\n\nBeslutning\n\nGodkendt Ð¿Ñ€Ð¸Ð²ÐµÑ‚ i dag.\n"
    [finding] = [f for f in findings_of(text) if f.rule == "mojibake"]
    assert finding.message_key == "foreign"
    assert finding.fix is not None and finding.fix.applicability.value == "display-only"


def test_real_river_name_is_not_lossy() -> None:
    text = "Skjern Å, der løber ud i Ringkøbing Fjord, og Å er et ord.\n"
    assert findings_of(text, Config(select=("mojibake-lossy",))) == ()


def test_toc_title_mismatch_names_the_words() -> None:
    findings = findings_of((FIXTURES / "toc_defects.txt").read_bytes())
    [mismatch] = [f for f in findings if f.rule == "toc-title-mismatch"]
    assert mismatch.args["toc_words"] == "Ålholm"
    assert mismatch.args["item_words"] == "Aalholm"


def test_toc_closed_marker_on_one_side_only_is_a_mismatch() -> None:
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    text = text.replace("Lukket: Udbud af renovation.....", "Udbud af renovation.....")
    assert rule_lines(findings_of(text)) == [("toc-title-mismatch", 16)]


def test_eventuelt_without_case_number_can_be_required() -> None:
    data = (FIXTURES / "new_clean.txt").read_bytes()
    config = build_config(
        {"rules": {"missing-case-number": {"exempt-titles": []}}}, all_rules(), None
    )
    assert rule_lines(findings_of(data, config)) == [("missing-case-number", 69)]


def test_placeholder_allowed_titles_are_configurable() -> None:
    data = (FIXTURES / "new_clean.txt").read_bytes()
    config = build_config(
        {"rules": {"empty-decision": {"placeholder-titles": []}}}, all_rules(), None
    )
    assert rule_lines(findings_of(data, config)) == [("empty-decision", 73)]


def test_not_minutes_silences_structure_rules() -> None:
    text = "Indholdsfortegnelse\n\nNoget.....\t3\n\nBeslutning\n\n-\n"
    assert rule_lines(findings_of(text)) == [("not-minutes", 1)]


def test_structure_rules_read_both_line_ending_styles() -> None:
    data = (FIXTURES / "items_defects.txt").read_bytes()
    crlf = data.replace(b"\n", b"\r\n")
    assert rule_lines(findings_of(crlf)) == EXPECTED["items_defects.txt"]


def test_fix_leaves_entities_and_control_characters_alone(cli, tmp_path) -> None:
    path = tmp_path / "c.txt"
    data = (FIXTURES / "characters.txt").read_bytes()
    path.write_bytes(data)
    run = cli("--fix", "--unsafe-fixes", str(path))
    assert run.code == 1 and run.out.count(" RL10") == 4
    assert path.read_bytes() == data


def test_control_character_inside_mojibake_is_the_mojibake_finding() -> None:
    # `Ã` + U+0085 is the Latin-1 view of the UTF-8 of `Å`: one damaged spot, one finding.
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    line = "Udvalget orienteres om vinterberedskabet for sæsonen."
    assert line in text
    number = text.splitlines().index(line) + 1
    broken = text.replace(line, "\u00c3\u0085bent møde om vinterberedskabet.\x81 Slut.")
    findings = findings_of(broken)
    assert rule_lines(findings) == [("mojibake", number), ("control-character", number)]
    mojibake, control = findings
    assert mojibake.args["found"] == "\u00c3\u0085" and mojibake.args["repaired"] == "Å"
    assert control.span.column == len("Åbent møde om vinterberedskabet.") + 2


@pytest.mark.parametrize(
    ("char", "da", "en"),
    [
        ("\x81", "et usynligt styretegn (U+0081)", "an invisible control character (U+0081)"),
        (
            "\x0b",
            "et lodret tabulatortegn (U+000B), som ikke vises ens alle steder",
            "a vertical tab (U+000B), which is not shown the same way everywhere",
        ),
        ("\x1b", "et usynligt escape-tegn (U+001B)", "an invisible escape character (U+001B)"),
        (
            "\ufffd",
            "erstatningstegnet � (U+FFFD): her er et tegn gået tabt",
            "the replacement character � (U+FFFD): a character was lost here",
        ),
    ],
)
def test_control_character_named_in_plain_words(char: str, da: str, en: str) -> None:
    from referat_lint.rules import rule_by_name_or_code

    text = (FIXTURES / "new_clean.txt").read_text("utf-8").replace("sæsonen.", f"sæsonen{char}.")
    [finding] = findings_of(text, Config(select=("control-character",)))
    rule = rule_by_name_or_code("control-character")
    assert rule is not None
    assert (rule.message(finding, "da"), rule.message(finding, "en")) == (da, en)
