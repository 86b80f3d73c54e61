"""The lossy broken-font pattern: detection, the repair and its confidence, on the real minutes that show it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from referat_lint.config import Config
from referat_lint.repair import lossy
from referat_lint.repair.lexicon import load

from conftest import findings_of, real_minutes

LOSSY_ONLY = Config(select=("mojibake-lossy",))


def repaired(text: str) -> list[tuple[str, str, bool]]:
    return [(r.found, r.replacement, r.confident) for r in lossy.repairs(text)]


def test_lossy_minutes_plain_fix_gives_exactly_the_words(cli, tmp_path) -> None:
    original = real_minutes("002")
    path = tmp_path / original.name
    shutil.copyfile(original, path)
    # The file's other known defect, the duplicated case number (a warning), is not fixable.
    skip_duplicate = ("--ignore", "duplicate-case-number")
    run = cli("--fix", *skip_duplicate, str(path))
    assert run.code == 0, run.out
    before = original.read_text("utf-8")
    after = path.read_text("utf-8")
    findings = findings_of(original.read_bytes())
    words = [f.args["found"] for f in findings if f.rule == "mojibake-lossy"]
    expected = before
    for damaged, word in zip(
        words,
        [
            "Drøftet",
            "direktionsmødet",
            "på",
            "besøges",
            "drøftes",
            "Drøftelse",
            "ønsker",
            "få",
            "besøget",
            "vedlægges",
            "Økonomiske",
        ],
        strict=True,
    ):
        expected = expected.replace(damaged, word, 1)
    assert after == expected
    assert "direktionsmødet på Lolland" in after
    assert cli("--fix", *skip_duplicate, str(path)).code == 0
    assert path.read_text("utf-8") == after


def test_lossy_minutes_findings_carry_safe_fixes() -> None:
    findings = findings_of(real_minutes("002").read_bytes(), LOSSY_ONLY)
    assert len(findings) == 11
    assert {f.fix.applicability.value for f in findings if f.fix} == {"safe"}
    assert findings[0].args["repaired"] == "Drøftet"


def test_real_river_names_are_left_alone_even_in_a_damaged_file() -> None:
    text = "Sagen drÅ,ftes.\nSkjern Å, der løber gennem byen, og Odense Å, der ikke gør.\n"
    assert repaired(text) == [("drÅ,ftes", "drøftes", True)]


def test_case_follows_position_and_all_caps() -> None:
    text = "Å,konomi.\nDet er Å,konomisk. Å,konomisk set godt.\nØKONOMISKE KONSEKVENSER MÅ,DE\n"
    assert [r[1] for r in repaired(text)] == ["Økonomi", "økonomisk", "Økonomisk", "MØDE"]


def test_name_known_only_with_a_capital_gets_it() -> None:
    assert repaired("Besøget fra Å,rø var godt, sagde hun pÅ¥ mødet.\n")[0][1] == "Ærø"


def test_document_vocabulary_spells_a_name() -> None:
    text = "Direktør Anna Ågårdsholm deltog.\nDet blev drÅ,ftet med Å¥gÅ¥rdsholm.\n"
    assert repaired(text)[-1][1] == "Ågårdsholm"


def test_ambiguous_word_is_a_suggestion_and_unsafe_applies_the_guess(cli, tmp_path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(
        "Punkt 1: Test\n\nBeslutning\n\nUdvalget skal lÅ,se og drÅ,fte sagen.\n", "utf-8"
    )
    run = cli("--select", "RL1", "--fix", str(path))
    assert run.code == 1
    assert "several possible readings (`læse`, `løse`)" in run.out
    assert path.read_text("utf-8").endswith("Udvalget skal lÅ,se og drøfte sagen.\n")
    assert cli("--select", "RL1", "--fix", "--unsafe-fixes", str(path)).code == 0
    assert path.read_text("utf-8").endswith("Udvalget skal læse og drøfte sagen.\n")


def test_class_2_a_frequency_lead_that_danish_prose_bears_out_decides() -> None:
    # `bør` is 25 times `bær` in wordfreq's Danish and common in Danish prose, `bær` unseen
    assert repaired("Udvalget bÅ,r drÅ,fte sagen.\n") == [
        ("bÅ,r", "bør", True),
        ("drÅ,fte", "drøfte", True),
    ]
    # `køre` and `kære` are about as common: that stays open
    (repair,) = lossy.repairs("Bussen skal kÅ,re i dag.\n")
    assert not repair.confident


def test_font_space_or_word_break_is_chosen_by_the_words() -> None:
    text = "Der var mÅ, de i direktionsmÅ, det, og arbejdsmiljÅ, er godt.\n"
    assert [r[1] for r in repaired(text)] == ["møde", "direktionsmødet", "arbejdsmiljø er"]


def test_word_initial_pattern_with_space_is_repaired_when_one_reading_is_a_word() -> None:
    text = "Sagen drÅ,ftes.\nBorgmesteren Å, nsker det.\n"
    assert repaired(text) == [("drÅ,ftes", "drøftes", True), ("Å, nsker", "ønsker", True)]
    assert repaired("Borgmesteren Å, nsker det.\n") == []  # no pattern elsewhere: a real Å


def test_lossy_and_classic_mojibake_on_one_line(cli, tmp_path) -> None:
    path = tmp_path / "m.txt"
    path.write_text("Punkt 1: Test\n\nBeslutning\n\nMÃ¸det pÅ¥ rÃ¥dhuset blev drÅ,ftet.\n", "utf-8")
    assert cli("--select", "RL1", "--fix", str(path)).code == 0
    assert path.read_text("utf-8").endswith("Mødet på rådhuset blev drøftet.\n")


def test_clean_files_do_not_load_the_lexicon() -> None:
    code = (
        "import sys; from referat_lint.cli import main; "
        "main(['-q', sys.argv[1]]); "
        "from referat_lint.repair import lexicon; "
        "print(lexicon.load.cache_info().currsize, lexicon.pairs.cache_info().currsize)"
    )
    from conftest import FIXTURES

    run = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "mojibake.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip().endswith("0 0")


def test_lexicon_knows_inflections_and_compounds() -> None:
    lexicon = load()
    for word in ("drøftes", "drøftelse", "vedlægges", "besøges", "besøget", "økonomiske"):
        assert lexicon.knows(word), word
    assert lexicon.compound_parts("direktionsmødet") == 2
    assert lexicon.compound_parts("direktionsmø") == 0  # a tail of two letters is no part


# Each class of wrong word, its repair and its abstention (examples of our own).


def test_class_1_å_is_always_small_after_a_number_or_an_abbreviation() -> None:
    text = "Sagen drÅ,ftes igen om 20 Å¥r, jf. 2. Å¥r i planen.\nÅ¥bent punkt.\n"
    assert repaired(text)[1:] == [
        ("Å¥r", "år", True),
        ("Å¥r", "år", True),
        ("Å¥bent", "åbent", True),
    ]
    # only a word in capitals keeps the capital
    assert repaired("MÅ,DET PÅ¥ SKOLEN\n") == [("MÅ,DET", "MØDET", True), ("PÅ¥", "PÅ", True)]


def test_class_2_ø_or_æ_abstains_when_both_are_words() -> None:
    (repair,) = lossy.repairs("Sagen skal lÅ,ses af udvalget.\n")
    assert (repair.replacement, repair.confident) == ("læses", False)
    assert set(repair.candidates) == {"læses", "løses"}


def test_class_2_the_documents_word_pair_decides() -> None:
    text = "Opgaven skal løses hurtigt.\nSagen skal lÅ,ses af udvalget.\n"
    assert repaired(text) == [("lÅ,ses", "løses", True)]


def test_class_2_a_far_more_frequent_reading_decides() -> None:
    assert repaired("Udvalget gÅ,r det.\n") == [("gÅ,r", "gør", True)]


def test_class_3_a_names_capitalised_neighbour_does_not_decide_the_case() -> None:
    text = "Sagen drÅ,ftes ved Å,stre Landsret og i Å,konomi- og Indenrigsministeriet.\n"
    # the capital is the best guess, but a neighbour's capital settles nothing
    assert [r[1:] for r in repaired(text)[1:]] == [("Østre", False), ("Økonomi", False)]
    spelled = "Dommen fra Østre Landsret og Økonomi- og Indenrigsministeriet kom.\n" + text
    assert [r[1:] for r in repaired(spelled)[1:]] == [("Østre", True), ("Økonomi", True)]


def test_class_3_a_first_letters_case_is_open_without_evidence() -> None:
    (repair,) = lossy.repairs("Sagen sendes til Å,konomiudvalget i dag.\n")
    # a rare word: the best guess (--unsafe-fixes only) is a name's capital
    assert (repair.replacement, repair.confident) == ("Økonomiudvalget", False)
    assert repair.candidates == ("Økonomiudvalget", "økonomiudvalget")
    text = "Sagen kom fra Økonomiudvalget.\nSagen sendes til Å,konomiudvalget i dag.\n"
    assert repaired(text) == [("Å,konomiudvalget", "Økonomiudvalget", True)]
    # a word in common use is lowercase in mid-sentence
    assert repaired("Det er en Å,konomisk sag.\n") == [("Å,konomisk", "økonomisk", True)]


def test_class_4_a_compound_joins_across_the_fonts_space_when_the_file_tells() -> None:
    # both readings are words and neither frequency nor the word pairs decide: abstain
    (repair,) = lossy.repairs("Der er miljÅ, problemer i skolen.\n")
    assert not repair.confident
    assert set(repair.candidates) >= {"miljøproblemer", "miljø problemer"}
    text = "Vi taler om miljøproblemer.\nDer er miljÅ, problemer i skolen.\n"
    assert repaired(text) == [("miljÅ, problemer", "miljøproblemer", True)]
    # before a function word the space is a real word break
    assert repaired("Der er et godt miljÅ, for alle.\n") == [("miljÅ, for", "miljø for", True)]


def test_class_4_abstains_when_neither_reading_is_clearly_likelier() -> None:
    (repair,) = lossy.repairs("Borgerne stod i kÅ, en ved skranken.\n")
    assert not repair.confident
    assert set(repair.candidates) >= {"køen", "kø en"}


def test_class_5_an_unknown_name_is_only_suggested() -> None:
    (repair,) = lossy.repairs("Mødet med KlÅ,bel blev holdt.\n")
    assert not repair.confident
    text = "Klæbel deltog.\nMødet med KlÅ,bel blev holdt.\n"
    assert repaired(text) == [("KlÅ,bel", "Klæbel", True)]


def test_class_6_word_initial_damage_and_the_river() -> None:
    text = "Sagen drÅ,ftes.\nBorgmesteren Å, nsker en Å, konomisk plan.\nSkjern Å, der løber.\n"
    assert repaired(text)[1:] == [("Å, nsker", "ønsker", True), ("Å, konomisk", "økonomisk", True)]
    # after a capitalised word `Å, der` may be a river: never touched
    assert repaired("Sagen drÅ,ftes.\nVed Holme Å, der løber.\n") == [("drÅ,ftes", "drøftes", True)]


def test_class_3_after_a_names_word_the_case_is_open_unless_the_file_tells() -> None:
    (_, repair) = lossy.repairs("Sagen drÅ,ftes.\nAnne Holm Å,nsker ordet.\n")
    assert (repair.replacement, repair.confident) == ("ønsker", False)
    assert repair.candidates == ("ønsker", "Ønsker")
    text = "Sagen drÅ,ftes.\nAnne Holm ønsker ordet.\nJens Holm Å,nsker ordet.\n"
    assert repaired(text)[1:] == [("Å,nsker", "ønsker", True)]


def test_class_3_a_common_word_before_a_capitalised_one_is_only_suggested() -> None:
    (_, repair) = lossy.repairs("Sagen drÅ,ftes.\nDet skal Å,ge Kommunens indtægter.\n")
    assert (repair.replacement, repair.confident) == ("øge", False)
    assert repair.candidates == ("øge", "Øge")


def test_class_6_word_initial_damage_with_two_word_readings_is_only_suggested() -> None:
    (_, repair) = lossy.repairs("Sagen drÅ,ftes.\nVi fik Å, re for det.\n")
    assert not repair.confident
    assert {"ære", "øre"} <= set(repair.candidates)


def test_class_4_a_committee_name_spelled_in_the_file_ends_at_the_fonts_space() -> None:
    text = "Sagen kommer fra Natur og Miljø.\nNatur og MiljÅ, vurderer sagen.\n"
    assert repaired(text) == [("MiljÅ, vurderer", "Miljø vurderer", True)]
    (alone,) = lossy.repairs("Natur og MiljÅ, vurderer sagen.\n")
    assert not alone.confident
    assert set(alone.candidates) >= {"Miljøvurderer", "Miljø vurderer"}


@pytest.mark.parametrize(
    ("line", "joined", "split"),
    [
        ("Kul og kÅ, det smagte.", "kødet", "kø det"),
        ("Han bor ved SamsÅ, stenrev.", "Samsøstenrev", "Samsø stenrev"),
        ("Vi tog FanÅ, fÅ,rgen.", "Fanøfærgen", "Fanø færgen"),
        ("Vi ser på arbejdsmiljÅ, styrket.", "arbejdsmiljøstyrket", "arbejdsmiljø styrket"),
        ("Klima og MiljÅ, bemyndiges til det.", "Miljøbemyndiges", "Miljø bemyndiges"),
        ("Klima og MiljÅ, anbefaler det.", "Miljøanbefaler", "Miljø anbefaler"),
        # the file's words, each standing alone, do not make the split any likelier
        ("Vores miljø er godt, og vi har et mål.\nEt nyt miljÅ, mÅ¥l.", "miljømål", "miljø mål"),
        ("Et træ blev plantet, og det er fint.\nFem trÅ, er væk.", "træer", "træ er"),
    ],
)
def test_class_4_both_readings_words_at_the_fonts_space_abstains(line, joined, split) -> None:
    (repair,) = [r for r in lossy.repairs(line + "\n") if "Å, " in r.found]
    assert not repair.confident, repair
    assert {joined, split} <= set(repair.candidates)


def test_class_4_danish_prose_settles_a_joint_the_file_does_not() -> None:
    # `træder` stands in Danish prose, `træ der` never: joined, also among words of `træ`
    text = "Et gammelt træ blev fældet.\nRegulativet trÅ, der i kraft i dag.\n"
    assert repaired(text) == [("trÅ, der", "træder", True)]
    text = "Et træ blev plantet, og der er plads.\nBorgeren trÅ, der frem.\n"
    assert repaired(text) == [("trÅ, der", "træder", True)]


def test_class_4_a_lone_letter_is_no_word_at_the_fonts_space() -> None:
    text = "Vi har drÅ,ftet det.\nDet er Natur og MiljÅ, s budget.\n"
    assert repaired(text)[1][1:] == ("Miljøs", True)


def test_class_1_a_neighbours_capital_never_makes_å_a_capital() -> None:
    text = "Der er 23-Å¥rige og tre-Å¥rige Anna og Hansen Å¥benbart Holm.\n"
    assert [r[1:] for r in repaired(text)] == [("årige", True), ("årige", True), ("åbenbart", True)]
    # the file's capital for a common word (`År 2030` in a heading) is no name
    text = "Mål for År 2030\nDet tager et Å¥r at bygge.\n"
    assert repaired(text) == [("Å¥r", "år", True)]


def test_class_2_a_short_all_caps_token_abstains_unless_the_file_spells_it() -> None:
    (repair,) = lossy.repairs("Åbent hus LÅ,R 12-16\n")
    assert not repair.confident
    assert set(repair.candidates) == {"LØR", "LÆR"}
    assert repaired("Åbent hus LØR og SØN.\nÅbent hus LÅ,R 12-16\n") == [("LÅ,R", "LØR", True)]


def test_class_2_danish_prose_word_pairs_decide_only_with_a_clear_lead() -> None:
    # `kan læses`/`kan løses`: the pair table leans to læses, but per occurrence not enough
    (repair,) = lossy.repairs("Opgaven kan lÅ,ses af alle.\n")
    assert not repair.confident


def test_class_3_after_a_capitalised_first_word_that_is_no_common_word_the_case_is_open() -> None:
    (_, repair) = lossy.repairs("Sagen drÅ,ftes.\nPlancenter Å,st fører tilsyn.\n")
    assert not repair.confident
    assert set(repair.candidates) >= {"øst", "Øst"}
