"""The corpus of hostile inputs: each a function of a size n that returns a file's bytes.

Kept with the tests (test_hostile.py checks that time grows linearly with n; the fuzzing
target starts from these) and measured by benchmarks/hostile.py.
"""

from __future__ import annotations

from collections.abc import Callable

HEAD = "REFERAT Eksempeludvalget d. 18-10-2023\n\nMødedato Onsdag d. 18. oktober 2023\n\n"
ITEM = "Punkt 1: Godkendelse af dagsorden\n\n23-014411\n\nBeslutning\n\nGodkendt.\n\n"


def _minutes(body: str, toc: str = "") -> bytes:
    toc_part = f"Indholdsfortegnelse\n\n{toc}\n\n" if toc else ""
    return (HEAD + toc_part + ITEM + body + "\n").encode("utf-8")


def toc_leader_dots(n: int) -> bytes:
    """A TOC line of leader dots with no page number at the end."""
    return _minutes("", toc="Godkendelse af dagsorden" + "." * n + "x")


def toc_leader_dots_spaced(n: int) -> bytes:
    return _minutes("", toc="Godkendelse " + ". " * n + "x")


def lossy_long_word(n: int) -> bytes:
    """A long word followed by the lossy broken-font pattern `Å¥`."""
    return _minutes("Tekst " + "a" * n + " Å¥ videre.")


def lossy_many_words(n: int) -> bytes:
    return _minutes(" ".join(["pÅ¥", "drÅ,ftet"] * n))


def unclosed_superscripts(n: int) -> bytes:
    return _minutes("Tekst " + "^{a" * n)


def unclosed_comments(n: int) -> bytes:
    return _minutes("Tekst " + "<!--a" * n)


def unclosed_tags(n: int) -> bytes:
    return _minutes("Tekst " + "<a" * n)


def unclosed_tags_spaced(n: int) -> bytes:
    return _minutes("Tekst " + "<a b " * n)


def nested_tags(n: int) -> bytes:
    return _minutes("<i>" * n + "tekst" + "</i>" * n)


def cpr_numbers_on_one_line(n: int) -> bytes:
    return _minutes("Borgere: " + " ".join(["0101901234"] * n))


# CPR numbers as Danish documents write them: other dashes, spaces, dotted dates, other digit
# forms, hidden characters inside, a mojibake dash.
CPR_FORMS = (
    "010190 – 1234",
    "01.01.90-1234",
    "01 01 90-1234",
    "010190\u00a01234",
    "010190/1234",
    "０１０１９０-１２３４",
    "⁰¹⁰¹⁹⁰¹²³⁴",
    "0101\u00ad90\u200b-1234",
    "010190â€“1234",
    "abcdef0101901234",
    "01\u200e01\ufe0f90\u0301-1234",
    "010190\u20091234",
    "010190\uff0d1234",
    "010190-1234,020190-1234",
    "&#48;10190&ndash;1234",
)


def cpr_forms_on_one_line(n: int) -> bytes:
    return _minutes("Borgere: " + " ".join(CPR_FORMS * n))


def hidden_between_digits(n: int) -> bytes:
    """Digits with zero-width characters between them: the pattern allows them anywhere."""
    return _minutes("Tal: " + "1\u200b\u00ad" * n)


def spaced_digit_pairs(n: int) -> bytes:
    """Pairs of digits with spaces and dots: dates written `01 01 90` or `01.01.90`."""
    return _minutes("Tal: " + "01 01 90 01.01." * n)


def mojibake_line(n: int) -> bytes:
    return _minutes("DrÃ¸ftet " * n)


def mojibake_lines(n: int) -> bytes:
    return _minutes("DrÃ¸ftet og godkendt.\n" * n)


def entities_on_one_line(n: int) -> bytes:
    return _minutes("&amp; " * n)


def references_of_digits(n: int) -> bytes:
    """Character references that decode to digits and dashes, CPR-shaped and not."""
    return _minutes("Tal: " + "&#48;10190&#8211;1234 &#49;&amp;" * n)


def numbers_joined_by_separators(n: int) -> bytes:
    """Numbers glued by commas and slashes: each asks whether its neighbour is a number."""
    return _minutes("Tal: " + "010190-1234,0101901234/" * n + "1")


def invisible_runs_between_digits(n: int) -> bytes:
    """Long runs of invisible characters, then digits: the pattern skips them anywhere."""
    return _minutes("Tal: " + ("1" + "\u200e\ufe0f\u0301" * 20) * n)


def dash_runs(n: int) -> bytes:
    return _minutes("|" + "----|" * n + "x")


def dash_runs_simple(n: int) -> bytes:
    return _minutes("---- " * n + "x")


def case_label_spaces(n: int) -> bytes:
    return _minutes("Sagsnr" + " " * n + "::")


def many_items(n: int) -> bytes:
    items = "".join(
        f"Punkt {i}: Sag nummer {i}\n\n23-{i:06d}\n\nBeslutning\n\nGodkendt.\n\n"
        for i in range(2, n + 2)
    )
    return _minutes(items)


def toc_titles_differ(n: int) -> bytes:
    """A table of contents whose titles all differ from the items'."""
    toc = "\n".join(f"Emne {i} om noget andet.....\t{i}" for i in range(1, n + 1))
    items = "".join(
        f"Punkt {i}: Sag {i} om vejen\n\n23-{i:06d}\n\nBeslutning\n\nGodkendt.\n\n"
        for i in range(1, n + 1)
    )
    return (HEAD + f"Indholdsfortegnelse\n\n{toc}\n\n" + items).encode("utf-8")


def toc_without_pages(n: int) -> bytes:
    """A table of contents of many lines none of which ends in a page number."""
    return _minutes("", toc="\n".join(f"Emne {i} uden side" for i in range(n)))


def control_characters(n: int) -> bytes:
    return _minutes("\x1b]0;titel\x07 " * n)


def long_line(n: int) -> bytes:
    return _minutes("ord " * n)


def tags_on_one_line(n: int) -> bytes:
    """One line of `<a>` repeated: a finding every three bytes, the densest there is."""
    return _minutes("<a>" * n)


def spaces_then_dashes(n: int) -> bytes:
    """Blanks then a dash run that is no table rule: the rule pattern once split the blanks
    every way."""
    return _minutes(" " * n + "---x")


def dashes_then_spaces(n: int) -> bytes:
    return _minutes("|---" + " " * n + "x")


def markdown_delimiter_rows(n: int) -> bytes:
    """A Markdown table of delimiter rows only: each row once looked back over every
    earlier line for its header."""
    rows = "\n".join(["| --- | --- |"] * n)
    return ("# Referat\n\n" + HEAD + ITEM + "| a | b |\n" + rows + "\n").encode("utf-8")


def markdown_rules_after_blanks(n: int) -> bytes:
    return ("# Referat\n\n" + HEAD + ITEM + "| --- | --- |\n\n" * n).encode("utf-8")


# name -> (make, n): n is the smaller size; the tests and the benchmark also use GROWTH * n.
GROWTH = 8
CORPUS: dict[str, tuple[Callable[[int], bytes], int]] = {
    "toc_leader_dots": (toc_leader_dots, 10000),
    "toc_leader_dots_spaced": (toc_leader_dots_spaced, 1000),
    "lossy_long_word": (lossy_long_word, 40000),
    "lossy_many_words": (lossy_many_words, 100),
    "unclosed_superscripts": (unclosed_superscripts, 10000),
    "unclosed_comments": (unclosed_comments, 10000),
    "unclosed_tags": (unclosed_tags, 10000),
    "unclosed_tags_spaced": (unclosed_tags_spaced, 10000),
    "nested_tags": (nested_tags, 250),
    "cpr_numbers_on_one_line": (cpr_numbers_on_one_line, 250),
    "cpr_forms_on_one_line": (cpr_forms_on_one_line, 50),
    "hidden_between_digits": (hidden_between_digits, 10000),
    "spaced_digit_pairs": (spaced_digit_pairs, 5000),
    "mojibake_line": (mojibake_line, 1000),
    "mojibake_lines": (mojibake_lines, 100),
    "entities_on_one_line": (entities_on_one_line, 500),
    "references_of_digits": (references_of_digits, 200),
    "numbers_joined_by_separators": (numbers_joined_by_separators, 500),
    "invisible_runs_between_digits": (invisible_runs_between_digits, 500),
    "dash_runs": (dash_runs, 10000),
    "dash_runs_simple": (dash_runs_simple, 10000),
    "case_label_spaces": (case_label_spaces, 40000),
    "many_items": (many_items, 100),
    "control_characters": (control_characters, 250),
    "long_line": (long_line, 40000),
    "tags_on_one_line": (tags_on_one_line, 2000),
    "spaces_then_dashes": (spaces_then_dashes, 2000),
    "dashes_then_spaces": (dashes_then_spaces, 2000),
    "markdown_delimiter_rows": (markdown_delimiter_rows, 5000),
    "markdown_rules_after_blanks": (markdown_rules_after_blanks, 5000),
    # Quadratic before the layout walker (minutes for 1,000 entries); now O(n*k).
    "toc_titles_differ": (toc_titles_differ, 50),
    "toc_without_pages": (toc_without_pages, 200),
}


# Small inputs that once broke, or might break, a reader: odd encodings and byte-order marks,
# lone line breaks, NUL, controls, personal data where the messages quote text.
SEEDS: list[bytes] = [
    b"",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe\x00",  # a UTF-16 BOM and half a character
    b"\xfe\xff\xd8\x00",  # a UTF-16 lone surrogate
    b"\r\r\r",
    b"Punkt 1:\rPunkt 1:\r\n",
    b"Punkt 1: \x1b]0;titel\x07\n\nBeslutning\n",
    b"Punkt 1: Sag om 0101901234\n\n0202901234\n\nBeslutning\n\n^{0303901234}\n",
    b"Indholdsfortegnelse\n\nSag 0101901234.....\t3\n\nPunkt 1: Sag 0202901234\n",
    "Punkt 1: Drøftet\n".encode("cp1252"),
    "Протокол заседания. Решение принято.\n".encode("koi8_r"),
    bytes(range(1, 256)),
    b"Punkt\t0:\x0101000000",  # an escape's digits beside the text's made a CPR shape
    b"Punkt\t0:.1010\x102347^{0101701234}Indhold9fo\x01tegnelre",  # a date in a fingerprint
    # Hex letters glued to a number, a number split by markup, a mojibake dash, digit forms.
    b"Punkt 1: Sag om abcdef0101901234\n\nBeslutning\n\n0101<b>90</b>-1234\n",
    "Punkt 1: 010190â€“1234 ０１０１９０-１２３４\n\nBeslutning\n\n01.01.90 - 1234\n".encode(),
]
