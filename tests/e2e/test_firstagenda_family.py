"""Real minutes of the FirstAgenda export family: the known defects and nothing else."""

from __future__ import annotations

import pytest

from conftest import findings_of, real_minutes, rule_lines

EXPECTED = {
    "000": [],
    "001": [("markup-residue", line) for line in (226, 228, 229, 230, 231)],  # <i>name</i>
    "002": [
        ("duplicate-case-number", 173),  # items 3 and 5 both 23-001310: reported on item 5
        ("mojibake-lossy", 177),
        ("mojibake-lossy", 183),
        ("mojibake-lossy", 183),
        ("mojibake-lossy", 183),
        ("mojibake-lossy", 187),
        ("mojibake-lossy", 195),
        ("mojibake-lossy", 195),
        ("mojibake-lossy", 195),
        ("mojibake-lossy", 195),
        ("mojibake-lossy", 195),
        ("mojibake-lossy", 197),
    ],
    "003": [("toc-title-mismatch", 13), ("toc-title-mismatch", 16)],
    "004": [("markup-residue", 78)],  # Dokumentnr.: ... ^{Åbent}
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_real_minutes_findings(prefix: str) -> None:
    assert rule_lines(findings_of(real_minutes(prefix).read_bytes())) == EXPECTED[prefix]


def test_minutes_003_mismatch_words() -> None:
    findings = findings_of(real_minutes("003").read_bytes())
    assert [(f.args["toc_words"], f.args["item_words"]) for f in findings] == [
        ("Kommunalbestyrelses", "Kommunalbestyrelsens"),
        ("Helsingørskole", "Helsinge Skole"),
    ]


def test_minutes_002_lossy_words() -> None:
    findings = findings_of(real_minutes("002").read_bytes())
    words = [f.args["found"] for f in findings if f.rule == "mojibake-lossy"]
    assert words == [
        "DrÅ,ftet",
        "direktionsmÅ, det",
        "pÅ¥",
        "besÅ, ges",
        "drÅ,ftes",
        "DrÅ,ftelse",
        "Å,nsker",
        "fÅ¥",
        "besÅ, get",
        "vedlÅ, gges",
        "Å,konomiske",
    ]
