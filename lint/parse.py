"""Text to Document: a tolerant parser for both dialects of minutes and their Markdown form.

It never raises: what it cannot place it leaves out, and a text with no agenda items at
all is marked as not minutes, so the structure rules stay quiet on it.
"""

from __future__ import annotations

import re

from .document import Decision, Document, Field, Header, Item, Section, Text, TocEntry
from .vocabulary import Vocabulary, load_vocabulary

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__")
_SUPERSCRIPT = re.compile(r"\^\{([^{}]*)\}")  # no brace inside: an unclosed one stops
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # an unclosed tag ends at the next <
_MARKUP = re.compile(r"[#*_^<]")

_ITEM = re.compile(r"^Punkt\s+(?P<number>\d{1,4})\s*[:.]\s*(?P<rest>.*)$", re.IGNORECASE)
_SUBHEADING = re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<title>\S.*)$")
# The title ends in a character that is not a space, and not a dot after a dot: a run of
# leader dots is then tried once as a leader, not once from each of its dots.
_TOC_ENTRY = re.compile(
    r"^(?P<title>.*?(?:[^\s.]|(?<!\.)\.))(?:\s*+\.{2,}+\s*+|\s++)(?P<page>\d{1,4})$"
)
_TOC_LEADER = re.compile(r"(?<![\s.])\s*\.{2,}\s*$")  # tried where a run starts
_LABEL = re.compile(
    r"(?P<label>Sagsnr|Sags\.?\s?nr|J\.\s?nr|Journalnr|Dokumentnr|Dok\.\s?nr)\.?\s*:?\s*(?P<value>[^\s:]+)",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"^(?P<kind>REFERAT|Referat|DAGSORDEN|Dagsorden|Beslutningsprotokol)\s+(?P<body>.+?)"
    r"(?:\s+(?:d\.|den)\s+(?P<date>.+))?$"
)
_HEADER_FIELD = re.compile(
    r"^(?P<name>Mødedato|Mødetidspunkt|Mødested|Mødedeltagere|Deltagere|Afbud|Fraværende)"
    r"\s*:?\s*(?P<value>.*)$"
)
_TIME = re.compile(r"\bkl\.?\s*(\d{1,2}[:.]\d{2})")
# A line that looks like a case number but matches no known format (new dialect: the
# first line under the heading): digits with separators, maybe a short prefix or suffix.
_NUMBER_LIKE = re.compile(r"[A-ZÆØÅ]{0,6}[-/]?\d[\d\-/.]*[\dA-Z]?")
_MIN_DIGITS = 4


def clean(line: str) -> str:
    """A line without Markdown, HTML tags and superscript residue, whitespace folded."""
    if _MARKUP.search(line) is None:  # most lines: skip four substitutions
        return " ".join(line.split())
    line = _MD_HEADING.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = _SUPERSCRIPT.sub(r"\1", line)
    line = _TAG.sub("", line)
    return " ".join(line.split())


def split_closed(title: str, vocab: Vocabulary) -> tuple[bool, str]:
    """(`Lukket:` given, title without it)."""
    match = re.match(rf"{re.escape(vocab.closed_prefix)}\s*:\s*", title, re.IGNORECASE)
    if match:
        return True, title[match.end() :]
    return False, title


def parse(text: Text, vocab: Vocabulary | None = None) -> Document:
    """Parse minutes; see the module docstring for what happens to odd input."""
    vocab = vocab or load_vocabulary()
    raw = text.lines
    cleaned = [clean(line) for line in raw]
    item_starts = [i for i, c in enumerate(cleaned) if _ITEM.match(c)]
    first_item = item_starts[0] if item_starts else len(cleaned)
    toc_index = next(
        (i for i in range(first_item) if cleaned[i].rstrip(":").casefold() in vocab.toc_headings),
        None,
    )
    header = _parse_header(raw, cleaned, toc_index if toc_index is not None else first_item)
    toc = _parse_toc(cleaned, toc_index + 1, first_item, vocab) if toc_index is not None else []
    items = [
        _parse_item(raw, cleaned, start, end, vocab)
        for start, end in zip(item_starts, [*item_starts[1:], len(cleaned)], strict=False)
    ]
    return Document(
        text=text,
        header=header,
        toc=toc,
        toc_line=toc_index + 1 if toc_index is not None else None,
        items=items,
        is_minutes=bool(items),
    )


def _field(raw_line: str, value: str, line: int) -> Field:
    column = raw_line.find(value)
    return Field(value, line, column + 1 if column >= 0 else 1)


def _parse_header(raw: list[str], cleaned: list[str], end: int) -> Header:
    header = Header()
    participants: list[str] = []  # the list may wrap, even mid-name, onto more lines
    in_participants = False
    for i in range(end):
        line = cleaned[i]
        if not line:
            in_participants = False
            continue
        if header.title is None:
            header.title = _field(raw[i], line, i + 1)
            match = _TITLE.match(line)
            if match:
                header.body = match["body"]
                if match["date"]:
                    header.title_date = _field(raw[i], match["date"], i + 1)
            continue
        match = _HEADER_FIELD.match(line)
        if match:
            name, value = match["name"], match["value"]
            in_participants = name in ("Mødedeltagere", "Deltagere")
            if in_participants:
                participants.append(value)
            elif name == "Mødedato" and value:
                header.date = _field(raw[i], value, i + 1)
                time = _TIME.search(value)
                header.time = time.group(1) if time else None
            elif name == "Mødested" and value:
                header.place = _field(raw[i], value, i + 1)
        elif in_participants:
            participants.append(line)
    header.participants = [n.strip() for n in " ".join(participants).split(",") if n.strip()]
    return header


def _parse_toc(cleaned: list[str], start: int, end: int, vocab: Vocabulary) -> list[TocEntry]:
    entries: list[TocEntry] = []
    pending: list[str] = []
    pending_line = 0
    for i in range(start, end):
        line = cleaned[i].removeprefix("- ").strip()
        if not line:
            continue
        if not pending:
            pending_line = i + 1
        pending.append(line)
        match = _TOC_ENTRY.match(" ".join(pending))
        if match:
            closed, title = split_closed(match["title"], vocab)
            entries.append(
                TocEntry(_TOC_LEADER.sub("", title), closed, int(match["page"]), pending_line)
            )
            pending = []
    if pending:  # a last entry with no page number
        closed, title = split_closed(" ".join(pending), vocab)
        entries.append(TocEntry(_TOC_LEADER.sub("", title), closed, None, pending_line))
    return entries


def _is_structural(line: str, vocab: Vocabulary) -> bool:
    """Whether a line is a known part of an item's layout (so not a wrapped title)."""
    return bool(
        not line
        or _ITEM.match(line)
        or _section_name(line, vocab)
        or _decision_match(line, vocab)
        or vocab.is_case_number(line)
        or _LABEL.match(line)
        or vocab.is_marker(line)
        or _SUBHEADING.match(line)
    )


def _section_name(line: str, vocab: Vocabulary) -> str | None:
    return vocab.section_headings.get(line.rstrip(":").strip().casefold())


def _decision_match(line: str, vocab: Vocabulary) -> re.Match[str] | None:
    if len(line) > 120:
        return None
    for pattern in vocab.decision_headings:
        match = pattern.match(line)
        if match:
            return match
    return None


def _parse_item(
    raw: list[str], cleaned: list[str], start: int, end: int, vocab: Vocabulary
) -> Item:
    match = _ITEM.match(cleaned[start])
    assert match is not None
    title = match["rest"]
    title_lines = [start + 1]
    body_start = start + 1
    while body_start < end and not _is_structural(cleaned[body_start], vocab):
        title = f"{title} {cleaned[body_start]}".strip()
        title_lines.append(body_start + 1)
        body_start += 1
    closed, title = split_closed(title, vocab)
    last = end
    while last - 1 > start and not cleaned[last - 1]:
        last -= 1
    item = Item(
        number=int(match["number"]),
        title=title,
        closed=closed,
        line=start + 1,
        end_line=last,
        title_lines=tuple(title_lines),
        header_end=body_start,
    )
    in_header = True
    expect_case_type = False
    body: list[tuple[int, str]] | None = None
    first = next((i for i in range(body_start, end) if cleaned[i]), None)
    for i in range(body_start, end):
        line, number = cleaned[i], i + 1
        if not line:
            continue
        if expect_case_type:  # "Beslutning." under Sagstype is the case type, not a decision
            expect_case_type = False
            if body is not None:
                body.append((number, line))
            continue
        decision = _decision_match(line, vocab)
        if decision:
            in_header = False
            item.decision = _decision(decision, raw[i], line, number)
            item.decisions.append(item.decision)
            body = item.decision.body
            continue
        name = _section_name(line, vocab)
        if name:
            if name.casefold() != "sagsfremstilling":
                in_header = False
            section = Section(name, number, number)
            item.sections.append(section)
            body = section.body
            expect_case_type = name == vocab.case_type_heading
            continue
        if in_header and _header_line(item, raw[i], line, number, vocab):
            item.header_end = number
            continue
        if i == first and _looks_like_case_number(line):
            item.case_numbers.append(_field(raw[i], line, number))
            item.malformed_case_numbers.append(item.case_numbers[-1])
            item.header_end = number
            continue
        if body is not None:
            body.append((number, line))
        else:
            item.unplaced.append((number, line))
    for section in item.sections:
        section.end_line = section.body[-1][0] if section.body else section.line
    return item


def _decision(match: re.Match[str], raw_line: str, line: str, number: int) -> Decision:
    groups = match.groupdict()
    date = groups.get("date")
    return Decision(
        line,
        number,
        committee=groups.get("body"),
        date=_field(raw_line, date, number) if date else None,
    )


def _looks_like_case_number(line: str) -> bool:
    return bool(_NUMBER_LIKE.fullmatch(line)) and sum(c.isdigit() for c in line) >= _MIN_DIGITS


def _header_line(item: Item, raw_line: str, line: str, number: int, vocab: Vocabulary) -> bool:
    """Record a case-number, journal-number, marker or sub-heading line; True if it was one."""
    labels = list(_LABEL.finditer(line))
    if labels:
        for label in labels:
            kind = label["label"].casefold().replace(" ", "").replace(".", "")
            target = (
                item.document_numbers
                if kind.startswith("dok")
                else item.journal_numbers
                if kind.startswith("j")
                else item.case_numbers
            )
            target.append(_field(raw_line, label["value"], number))
            if target is item.case_numbers and not vocab.is_case_number(label["value"]):
                item.malformed_case_numbers.append(target[-1])
        return True
    if vocab.is_case_number(line):
        item.case_numbers.append(_field(raw_line, line, number))
        return True
    if vocab.is_marker(line):
        return True
    sub = _SUBHEADING.match(line)
    if sub and item.subheading is None:
        item.subheading = Field(line, number, 1)
        return True
    return False
