"""The records-office rules beyond the fixture table: edge cases, options, messages, fixes."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_lint.checking.engine import analyze
from referat_lint.config import Config, build_config
from referat_lint.input.source import Source
from referat_lint.out.privacy import birth_date
from referat_lint.rules import all_rules

from conftest import FIXTURES, findings_of, real_minutes, rule_lines


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def only(rule: str) -> Config:
    return Config(select=(rule,))


def configured(rule: str, **options) -> Config:
    return build_config({"rules": {rule: options}}, all_rules(), None)


# cpr-number


@pytest.mark.parametrize(
    ("date", "serial", "born"),
    [
        ("010190", "1234", "1990-01-01"),  # 7th digit 0-3: the 1900s
        ("010107", "4012", "2007-01-01"),  # 4: 2000-2036 ...
        ("010137", "4012", "1937-01-01"),  # ... else the 1900s
        ("010157", "5012", "2057-01-01"),  # 5-8: 2000-2057 ...
        ("010158", "8012", "1858-01-01"),  # ... else the 1800s
        ("010136", "9012", "2036-01-01"),  # 9: like 4
        ("010137", "9012", "1937-01-01"),
        ("290200", "4000", "2000-02-29"),  # a leap day in 2000 ...
        ("290200", "1000", None),  # ... but not in 1900
        ("310490", "1234", None),  # 31 April
        ("000190", "1234", None),
    ],
)
def test_cpr_century_and_real_date(date: str, serial: str, born: str | None) -> None:
    expected = datetime.date.fromisoformat(born) if born else None
    assert birth_date(date, serial) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sagsnr.: 326-2017-43971 J.nr.: 00.01.10 Dokumentnr.: 326-2019-276687",
        "Sagen har nr. 22-010739 og 20-082075K.",
        "Dokumentnr.: 1203561234",
        "Ring på tlf. 12 34 56 78, 12345678 eller +45 12345678.",
        "Tlf. 0701234567 (udlandet).",
        "Et mindreforbrug på 46,1 mio. kr. og 1.203.561.234 kr.",
        "Mødet holdes 04-05-2020 og 12.03.1956-1234.",
        "Løbenummer 2023-1203561234 og 12035612345.",
        "Kontonr. 1203561234.",
    ],
)
def test_cpr_is_not_found_in_numbers_that_are_not_one(text: str) -> None:
    minutes = f"Punkt 1: Sag\n\n{text}\n"
    assert findings_of(minutes, only("cpr-number")) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Borgeren 120356-1234 klager.",
        "Borgeren 120356–1234 klager.",  # en dash from a word processor
        "CPR:1203561234.",
        "Signaturbevis-120356-1235.pdf",  # modulus 11 fails: still a CPR number
    ],
)
def test_cpr_is_found(text: str) -> None:
    minutes = f"Punkt 1: Sag\n\n{text}\n"
    assert rule_lines(findings_of(minutes, only("cpr-number"))) == [("cpr-number", 3)]


def test_cpr_number_is_never_repeated(cli) -> None:
    run = cli("--format", "json", str(FIXTURES / "cpr.txt"))
    messages = [d["message"] for d in run.json()["files"][0]["diagnostics"]]
    assert messages[0] == (
        "CPR number (`xxxxxx-xxxx`) in the text; personal data must not be published"
    )
    for number in ("120356", "0702074012", "1203561234"):
        assert number not in run.out
    for finding in findings_of(fixture("cpr.txt")):
        assert "120356" not in finding.snippet and "0702074012" not in finding.snippet


def test_cpr_labels_are_configurable() -> None:
    config = configured("cpr-number", **{"ignore-after": []})
    lines = rule_lines(findings_of(fixture("cpr.txt"), config))
    assert ("cpr-number", 31) in lines  # "mobil 0701234567" is now taken for a CPR number
    assert ("cpr-number", 53) in lines  # and so is "kontonr. 0101901234"


# closed-item-content


def test_closed_item_messages_name_what_is_shown() -> None:
    resume, indstillinger, stray = findings_of(
        fixture("closed_items.txt"), only("closed-item-content")
    )
    rule = {r.name: r for r in all_rules()}["closed-item-content"]
    assert (resume.span.line, resume.span.end_line) == (33, 35)  # heading to last line
    assert rule.message(resume, "en") == (
        "closed item 1 (Salg af grund på Havnevej): `Resume og sagens baggrund` may not be "
        "published"
    )
    assert (indstillinger.span.line, indstillinger.args["section"]) == (37, "Indstillinger")
    assert rule.message(stray, "da") == (
        "lukket punkt 4 (Klagesag): tekst uden overskrift må ikke offentliggøres"
    )


def test_title_only_policy_per_body() -> None:
    config = configured("closed-item-content", **{"title-only-bodies": ["økonomi*"]})
    findings = findings_of(fixture("closed_items.txt"), config)
    shown = [
        (f.span.line, f.message_key, f.args.get("section") or f.args.get("found"))
        for f in findings
        if f.rule == "closed-item-content"
    ]
    assert shown == [
        (27, "numbers", "114-2022-5501, 02.34.02, 114-2022-61001"),
        (29, "section", "Sagstype"),  # case metadata, allowed under the default policy only
        (33, "section", "Resume og sagens baggrund"),
        (37, "section", "Indstillinger"),
        (41, "decision", None),
        (55, "numbers", "114-2022-5502, 00.20.00, 114-2022-61002"),
        (57, "section", "Sagstype"),
        (61, "decision", None),
        (67, "text", None),  # text above the decision: not the decision, a leak
        (69, "decision", None),
    ]
    rule = {r.name: r for r in all_rules()}["closed-item-content"]
    assert rule.message(findings[4], "en") == (
        "closed item 1 (Salg af grund på Havnevej): Økonomiudvalget follows the `title-only` "
        "policy, so the decision may not be published"
    )


def test_title_only_policy_leaves_other_bodies_alone() -> None:
    config = configured("closed-item-content", **{"title-only-bodies": ["Direktion*"]})
    assert rule_lines(findings_of(fixture("closed_items.txt"), config)) == [
        ("closed-item-content", 33),
        ("closed-item-content", 37),
        ("closed-item-content", 67),
    ]
    # a closed item with its case number and decision (variants.txt item 4) ...
    assert findings_of(fixture("variants.txt"), only("closed-item-content")) == ()
    # ... is too much for a body under title-only
    config = configured("closed-item-content", **{"title-only-bodies": ["*"]})
    assert rule_lines(findings_of(fixture("variants.txt"), config)) == [
        ("closed-item-content", 64),
        ("closed-item-content", 66),
    ]


def test_closed_item_content_in_new_dialect_and_markdown() -> None:
    new = fixture("new_clean.txt").replace(
        "Punkt 3: Lukket: Udbud af renovation\n",
        "Punkt 3: Lukket: Udbud af renovation\n\nSagsfremstilling\n\nResume og sagens baggrund"
        "\n\nTre tilbud er modtaget.\n",
    )
    assert rule_lines(findings_of(new, only("closed-item-content"))) == [
        ("closed-item-content", 71)
    ]
    markdown = fixture("markdown_clean.md").replace(
        "## **Punkt 2: Lukket: Personalesag**\n",
        "## **Punkt 2: Lukket: Personalesag**\n\n### **Bilag**\n\nLønaftale for medarbejderen\n",
    )
    assert rule_lines(findings_of(markdown, only("closed-item-content"))) == [
        ("closed-item-content", 40)
    ]


def test_closed_items_option_types_are_checked() -> None:
    from referat_lint.config import ConfigError

    with pytest.raises(ConfigError, match="title-only-bodies: expected list"):
        configured("closed-item-content", **{"title-only-bodies": "Direktion*"})


# date-mismatch and weekday-mismatch


def test_date_messages_name_the_dates() -> None:
    findings = findings_of(fixture("dates_defects.txt"))
    assert [(f.rule, f.args.get("found"), f.args.get("expected")) for f in findings] == [
        ("date-mismatch", "10-03-2021", "2021-03-09"),
        ("weekday-mismatch", "Mandag", None),
        ("date-mismatch", "19. marts 2021", "2021-03-09"),
    ]
    title = findings[0]
    assert (title.span.column, title.span.end_column) == (26, 36)


def test_the_odd_mødedato_is_the_one_reported() -> None:
    text = fixture("old_clean.txt").replace("Onsdag d. 03. marts 2021", "Onsdag d. 04. marts 2021")
    findings = findings_of(text)
    # title and both decisions say 3 March; 4 March 2021 was a Thursday, too
    assert [(f.rule, f.message_key, f.span.line) for f in findings] == [
        ("date-mismatch", "meeting-date", 5),
        ("weekday-mismatch", "default", 5),
    ]
    assert findings[0].args["expected"] == "2021-03-03"


def test_a_date_that_does_not_exist() -> None:
    text = fixture("new_clean.txt").replace("Fredag d. 14. juni 2024", "Fredag d. 31. juni 2024")
    findings = findings_of(text)
    assert [(f.rule, f.message_key, f.span.line) for f in findings] == [
        ("date-mismatch", "invalid", 5)
    ]


def test_decision_dates_in_new_dialect_and_markdown() -> None:
    text = fixture("variants.txt").replace(
        "Plan- og Teknikudvalget den 1. oktober 2018", "Plan- og Teknikudvalget den 2. oktober 2018"
    )
    assert rule_lines(findings_of(text)) == [("date-mismatch", 35)]
    markdown = fixture("markdown_clean.md").replace("d. 21-09-2022", "d. 21-09-2021")
    assert rule_lines(findings_of(markdown)) == [("date-mismatch", 3)]


def test_weekday_abbreviated_and_wrong() -> None:
    good = fixture("new_clean.txt").replace("Fredag d. 14.", "fre. d. 14.")
    assert findings_of(good) == ()
    bad = fixture("new_clean.txt").replace("Fredag d. 14.", "Torsdag d. 14.")
    [finding] = findings_of(bad)
    rule = {r.name: r for r in all_rules()}["weekday-mismatch"]
    assert rule.message(finding, "da") == "Mødedato siger `Torsdag`, men 2024-06-14 var en fredag"
    assert rule.message(finding, "en") == "Mødedato says `Torsdag`, but 2024-06-14 was a `fredag`"
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (5, 10, 17)


# item-numbering


def numbered(*numbers: int) -> str:
    return "".join(
        f"Punkt {n}: Sag {i}\n\n22-01073{i}\n\nBeslutning\n\nGodkendt.\n\n"
        for i, n in enumerate(numbers)
    )


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ((1, 2, 3, 4), []),
        ((101, 102, 103), []),  # numbered through the year
        ((1, 2, 7, 4), [("misnumbered", 3)]),
        ((1, 2, 4, 3, 5), [("gap", 3), ("order", 4)]),
        ((1, 3, 4), [("gap", 2)]),
        ((1, 2, 2, 3), [("repeat", 3)]),
    ],
)
def test_item_numbering_cases(numbers: tuple[int, ...], expected: list) -> None:
    findings = findings_of(numbered(*numbers), only("item-numbering"))
    assert [(f.message_key, (f.span.line - 1) // 8 + 1) for f in findings] == expected


def test_numbered_lists_are_not_subheadings() -> None:
    text = fixture("old_clean.txt").replace("1. Godkendelse af dagsorden", "3. Noget helt andet")
    assert findings_of(text, only("item-numbering")) == ()
    text = fixture("old_clean.txt").replace(
        "1. Godkendelse af dagsorden", "2. Godkendelse af dagsorden"
    )
    assert rule_lines(findings_of(text, only("item-numbering"))) == [("item-numbering", 22)]


# case and journal numbers


def test_configured_case_number_format_is_not_malformed() -> None:
    text = fixture("new_clean.txt").replace("24-004512", "TMU/2024/77")
    assert rule_lines(findings_of(text)) == [("malformed-case-number", 21)]
    config = build_config(
        {"case-number-patterns": {"tmu": r"[A-Z]{3}/\d{4}/\d+"}}, all_rules(), None
    )
    assert findings_of(text, config) == ()


def test_duplicate_message_points_at_the_first() -> None:
    [finding] = [
        f
        for f in findings_of(real_minutes("002").read_bytes())
        if f.rule == "duplicate-case-number"
    ]
    assert (finding.args["number"], finding.args["other"], finding.args["other_line"]) == (
        5,
        3,
        105,
    )


# markup-residue


def test_markup_fix_safe_then_unsafe(cli, tmp_path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(fixture("markup_residue.txt"), "utf-8")
    run = cli("--fix", str(path))
    assert run.code == 1  # <br> and the table rules need --unsafe-fixes
    fixed = path.read_text("utf-8")
    assert "Status på plejeboliger ved Anna Berg, centerchef." in fixed
    assert "1.200 m² fællesareal&nbsp;og en have, jf. notat Åbent." in fixed  # see html-entity
    assert "|-------------|---------|" in fixed and "<br>" in fixed
    assert rule_lines(findings_of(fixed)) == [
        ("markup-residue", 20),
        ("html-entity", 28),  # reported, never changed
        ("markup-residue", 31),
        ("markup-residue", 35),
    ]
    assert cli("--fix", "--unsafe-fixes", str(path)).code == 1
    final = path.read_text("utf-8")
    assert rule_lines(findings_of(final)) == [("html-entity", 28)]
    assert "Taget til efterretning. \n" in final
    assert "|-------------|" not in final and "---------  ------" not in final
    assert "| Plejecenter | Pladser |\n| Solgården   | 40      |\n" in final
    assert "----------\n" in final and "------------------\t--\n" in final  # not residue
    assert cli("--fix", "--unsafe-fixes", str(path)).code == 1
    assert path.read_text("utf-8") == final


def test_markup_fix_waits_for_the_encoding_fix(cli, tmp_path) -> None:
    # The residue fix points into the repaired view: it is applied in the pass after the
    # mojibake repair, and both land.
    text = fixture("mojibake.txt").replace("Ã¦ndring", "Ã¦ndring <i>Ã¦ndret</i>")
    path = tmp_path / "m.txt"
    path.write_text(text, "utf-8")
    assert cli("--fix", str(path)).code == 0
    assert path.read_text("utf-8") == fixture("new_clean.txt").replace(
        "ændring", "ændring ændret", 1
    )


def test_markup_fix_on_real_minutes_removes_only_the_tags(cli, tmp_path) -> None:
    original = real_minutes("001").read_text("utf-8")
    path = tmp_path / "001.txt"
    path.write_text(original, "utf-8")
    assert cli("--fix", str(path)).code == 0
    fixed = path.read_text("utf-8")
    assert fixed == original.replace("<i>", "").replace("</i>", "")


def test_markup_residue_of_real_minutes_004() -> None:
    [finding] = findings_of(real_minutes("004").read_bytes())
    assert finding.args == {"found": "^{Åbent}", "repaired": "Åbent"}
    assert finding.fix is not None and finding.fix.applicability.value == "safe"


# --explain says what each new rule checks and what it does not


@pytest.mark.parametrize(
    "name",
    [
        "cpr-number",
        "closed-item-content",
        "date-mismatch",
        "weekday-mismatch",
        "item-numbering",
        "malformed-case-number",
        "duplicate-case-number",
        "malformed-journal-number",
        "markup-residue",
    ],
)
def test_explain_states_the_limits(cli, name: str) -> None:
    english = cli("--explain", name).out
    danish = cli("--lang", "da", "--explain", name).out
    assert english.startswith(f"{name} (RL")
    assert any(word in english for word in ("not ", "cannot", "only"))
    assert any(word in danish for word in ("ikke", "kun"))


# no rule raises, whatever the text


_pieces = st.sampled_from(
    [
        "Punkt 1: ",
        "Punkt 2: Lukket: ",
        "Punkt 2: ",
        "REFERAT Byrådet d. 31-02-2020",
        "Mødedato Mandag d. 31. juni 2020 kl. 16:00",
        "Mødedato tirs. d. 4. maj",
        "Byrådets møde den 4. maj 2020:",
        "Beslutning i Byrådet den 29. februar:",
        "Sagsfremstilling",
        "Bilag",
        "Lukket",
        "2. ",
        "Sagsnr.: ",
        "J.nr.: ",
        "22-01073",
        "120356-1234",
        "<i>",
        "</i>",
        "<br>",
        "&nbsp;",
        "^{",
        "}",
        "|---|---|",
        "-----  -----",
        "\n",
        "\r\n",
        " ",
        "\t",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(max_size=6)), max_size=50))
def test_rules_never_raise(pieces: list[str]) -> None:
    text = "".join(pieces)
    analysis = analyze(Source(text, "utf-8"), all_rules(), Config(), None)
    for finding in analysis.findings:
        assert 1 <= finding.span.line <= finding.span.end_line


def test_journal_number_formats_come_from_the_layout() -> None:
    """KLE is base.toml's journal format; a profile that names its own replaces it."""
    text = fixture("case_numbers_defects.txt")
    journal = [f for f in rule_lines(findings_of(text)) if f[0] == "malformed-journal-number"]
    assert journal == [("malformed-journal-number", 24)]  # `00.1.00`: one digit short
    own = {
        "name": "eksempel",
        "extends": "punkt",
        "case-numbers": {"journal-formats": [{"name": "kort", "pattern": r"\d{2}\.\d\.\d{2}"}]},
    }
    config = Config(layouts=(("eksempel", json.dumps(own)),), layout="eksempel")
    lines = rule_lines(findings_of(text, config))
    # now `00.1.00` fits and the three KLE codes below it do not
    assert [f for f in lines if f[0] == "malformed-journal-number"] == [
        ("malformed-journal-number", 38),
        ("malformed-journal-number", 52),
        ("malformed-journal-number", 66),
    ]
