"""Nothing passes unread: a file that looks like minutes but that no layout reads is a
warning naming its signals, while notes, READMEs and letters stay one `info` note; and a
CPR number is reported in every text file, minutes or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from referat_lint.document.model import Text
from referat_lint.document.signals import looks_like_minutes, minutes_signals

from conftest import FIXTURES, findings_of, rule_lines

ROOT = Path(__file__).resolve().parent.parent.parent


def _kinds(text: str) -> list[tuple[str, int, int]]:
    return [(s.kind, s.times, s.line) for s in minutes_signals(Text(text))]


def test_unread_minutes_exit_1_and_name_the_signals(cli) -> None:
    path = FIXTURES / "unread_minutes.txt"
    run = cli("--no-cache", str(path))
    assert run.code == 1
    [line] = [x for x in run.out.splitlines() if "RL007" in x]
    assert line.endswith(
        "unread-minutes looks like minutes or an agenda, but no layout reads it: "
        "`Referat` (1), `Mødedato` (5), `Beslutning` ×2 (13), `Sagsnr.` ×2 (9) "
        "(line numbers in brackets); see `--show-document`, and write a layout profile"
    )
    assert cli("--no-cache", "--lang", "da", str(path)).out.count("intet layout læser den") == 1
    document = cli("--show-document", str(path)).json()
    assert (document["layout"], document["items"]) == (None, [])


def test_unread_minutes_is_explained_in_both_languages(cli) -> None:
    english = cli("--explain", "RL007")
    danish = cli("--explain", "unread-minutes", "--lang", "da")
    assert english.code == danish.code == 0
    assert "--show-document" in english.out and "profile" in english.out
    assert "--show-document" in danish.out and "profil" in danish.out


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "README.md",
        FIXTURES / "not_minutes.txt",
        ROOT / "lint" / "repair" / "data" / "NOTICE.md",
        ROOT / "benchmarks" / "corpus" / "saetninger.txt",
    ],
    ids=lambda p: p.name,
)
def test_documentation_and_letters_stay_one_note(path: Path) -> None:
    assert rule_lines(findings_of(path.read_bytes())) == [("not-minutes", 1)]


def test_one_kind_of_signal_is_not_minutes() -> None:
    letter = "Kære Lise\n\nVedr. sagsnr. 25-001234\n\nVi vender tilbage.\n"
    assert _kinds(letter) == []  # a label inside a sentence is no signal
    label = "Kære Lise\n\nSagsnr.: 25-001234\n\nVi vender tilbage.\n"
    assert _kinds(label) == [("case-number", 1, 3)]
    assert not looks_like_minutes(minutes_signals(Text(label)))
    # a numbered list alone is a list; a title word far down is not a title
    notes = "Indkøb\n\n1. Mælk\n2. Kaffe\n" + "linje\n" * 20 + "Referat\n"
    assert _kinds(notes) == [("item-heading", 2, 3)]


def test_case_numbers_and_numbered_paragraphs_alone_are_a_letter() -> None:
    letter = "Høringssvar\n\n1. Indledning\nTekst.\n\n2. Afslutning\nSagsnr.: 2019-10201\n"
    assert [kind for kind, *_ in _kinds(letter)] == ["case-number", "item-heading"]
    assert rule_lines(findings_of(letter)) == [("not-minutes", 1)]
    minutes = "Mødedato: 3. marts 2025\n\n" + letter
    assert rule_lines(findings_of(minutes)) == [("unread-minutes", 1)]


def test_an_agenda_without_a_known_layout_is_unread() -> None:
    agenda = "DAGSORDEN\n\nBestyrelsen\n\n1. Velkomst\n\n2. Regnskab\n\n3. Eventuelt\n"
    assert _kinds(agenda) == [("title", 1, 1), ("item-heading", 3, 5)]
    assert rule_lines(findings_of(agenda)) == [("unread-minutes", 1)]


def test_a_notes_file_with_a_cpr_number_fails(cli, tmp_path) -> None:
    path = tmp_path / "noter.txt"
    path.write_bytes((FIXTURES / "notes_cpr.txt").read_bytes())
    run = cli("--no-cache", str(path))
    assert run.code == 1
    assert "RL402 cpr-number" in run.out and "010190" not in run.out + run.err
    selected = cli("--no-cache", "--select", "cpr-number", "--check-all-text", str(path))
    assert selected.code == 1 and selected.out.count("RL402") == 1
    clean = tmp_path / "ren.txt"
    clean.write_text("Noter\n\nHusk kage til fredag.\n", "utf-8")
    assert cli("--no-cache", str(clean)).code == 0


def test_encoding_rules_keep_away_from_notes() -> None:
    # mojibake in a file that is not minutes is not ours to judge (see --check-all-text)
    data = "Noter\n\nDet blev drÃ¸ftet.\n".encode()
    assert rule_lines(findings_of(data)) == [("not-minutes", 1)]


def test_signals_far_down_the_text_are_found() -> None:
    # Past the opening lines only the cheap pre-test decides which lines are looked at.
    text = "Noter\n\n" + "Tekst i et notat.\n" * 30 + "EMN-2025-008308\n\n**Beslutning**\n"
    assert _kinds(text) == [("decision", 1, 35), ("case-number", 1, 33)]


def test_an_item_heading_quoted_in_a_markdown_code_block_is_no_item() -> None:
    notes = (
        "# Vejledning til referater\n\nEt punkt skrives sådan:\n\n"
        "```text\nPunkt 4: Eventuelt <!-- referat-lint-disable-line RL2 -->\n```\n\n"
        "Derefter kommer næste punkt.\n"
    )
    assert rule_lines(findings_of(notes.encode())) == [("not-minutes", 1)]
    # The same heading outside the fence is read.
    plain = notes.replace("```text\n", "").replace("```\n", "")
    assert ("not-minutes", 1) not in rule_lines(findings_of(plain.encode()))
