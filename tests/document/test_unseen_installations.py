"""What another installation of a known system writes differently: the national KLE case
numbers in any layout, decision dates in any form, committee names with commas."""

from __future__ import annotations

import pytest
from test_pdf_text_shapes import EDOC_WRAPPED

from referat_lint.document.model import Text
from referat_lint.document.parse import parse

from conftest import findings_of, rule_lines

PUNKT_KLE = """\
REFERAT Kultur- og Fritidsudvalget d. 04-03-2025

Mødedato Tirsdag d. 4. marts 2025 kl. 16:00

Punkt 1: Tilskud til foreningerne

Sagsnr.: 18.15.00-Ø40-3-24

Beslutning

Bevilget.

Punkt 2: Halleje

Sagsnr.: 18.15.00-G01-12-2024

Beslutning

Godkendt.
"""


def test_kle_case_numbers_are_known_in_any_layout() -> None:
    doc = parse(Text(PUNKT_KLE))
    assert doc.layout == "punkt"
    assert [[c.value for c in item.case_numbers] for item in doc.items] == [
        ["18.15.00-Ø40-3-24"],
        ["18.15.00-G01-12-2024"],
    ]
    # a four-digit year is no KLE form
    assert rule_lines(findings_of(PUNKT_KLE)) == [("malformed-case-number", 15)]


def test_decision_dates_in_any_form() -> None:
    for date in ("04.03.2025", "04-03-2025", "4. marts 2025", "2025-03-04"):
        text = EDOC_WRAPPED.replace("den 04.03.2025 Punkt", f"den {date} Punkt")
        decisions = [item.decision for item in parse(Text(text)).items]
        assert [(d.committee, d.date.value if d.date else None) for d in decisions if d] == [
            ("Kultur- og Fritidsudvalget", date),
            ("Kultur- og Fritidsudvalget", date),
        ], date


OLD_DIALECT_COMMA = """\
REFERAT Klima-, Teknik- og Miljøudvalget d. 04-03-2025

Mødedato Tirsdag d. 4. marts 2025 kl. 16:00

Punkt 1: Godkendelse af dagsorden

Sagsnr.: 326-2025-1234

Klima-, Teknik- og Miljøudvalgets møde den 4. marts 2025:

Godkendt.
"""


def test_committee_names_with_commas_head_decisions() -> None:
    [item] = parse(Text(OLD_DIALECT_COMMA)).items
    assert item.decision is not None
    assert (item.decision.committee, item.decision.text) == (
        "Klima-, Teknik- og Miljøudvalget",
        "Godkendt.",
    )
    assert rule_lines(findings_of(OLD_DIALECT_COMMA)) == []


def test_iso_dates_are_compared_like_any_other() -> None:
    iso = (
        OLD_DIALECT_COMMA.replace("04-03-2025", "2025-03-04")
        .replace("Tirsdag d. 4. marts 2025", "Tirsdag d. 2025-03-04")
        .replace("møde den 4. marts 2025:", "møde den 2025-03-04:")
    )
    assert rule_lines(findings_of(iso)) == []
    wrong = iso.replace("møde den 2025-03-04:", "møde den 2025-03-05:")
    assert rule_lines(findings_of(wrong)) == [("date-mismatch", 9)]
    # and the weekday written before an ISO date is checked too
    monday = iso.replace("Tirsdag d. 2025-03-04", "Mandag d. 2025-03-04")
    assert rule_lines(findings_of(monday)) == [("weekday-mismatch", 3)]


@pytest.mark.parametrize("form", ["Punkt {n}: ", "Punkt {n}. ", "Punkt {n} - ", "Pkt. {n}: "])
def test_item_headings_as_other_exports_write_them(form: str) -> None:
    text = OLD_DIALECT_COMMA + "\nPunkt 2: Eventuelt\n\nIntet.\n"
    for number in ("1", "2"):
        text = text.replace(f"Punkt {number}: ", form.format(n=number))
    doc = parse(Text(text))
    assert [(item.label, item.title) for item in doc.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Eventuelt"),
    ]
    assert rule_lines(findings_of(text)) == []


@pytest.mark.parametrize(
    "heading",
    [
        "Lukket: Personalesag",
        "Lukket punkt - Personalesag",
        "Fortroligt: Personalesag",
        "Personalesag (Lukket sag)",
    ],
)
def test_closed_items_as_other_installations_mark_them(heading: str) -> None:
    # A closed item publishes neither case number nor decision: nothing is missing.
    text = OLD_DIALECT_COMMA + f"\nPunkt 2: {heading}\n\nPunkt 3: Eventuelt\n\nIntet.\n"
    items = parse(Text(text)).items
    assert [(item.title, item.closed) for item in items] == [
        ("Godkendelse af dagsorden", False),
        ("Personalesag", True),
        ("Eventuelt", False),
    ]
    assert rule_lines(findings_of(text)) == []
