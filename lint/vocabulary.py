"""The dialect vocabulary (lint/vocabulary.toml) as compiled patterns."""

from __future__ import annotations

import json
import re
from collections import namedtuple
from collections.abc import Sequence
from functools import cache
from pathlib import Path


class CaseNumberFormat(namedtuple("CaseNumberFormat", "name pattern example")):
    """A case system's number format, e.g. KMD `326-2017-43971`."""

    __slots__ = ()
    name: str
    pattern: str
    example: str


class Vocabulary(
    namedtuple(
        "Vocabulary",
        "section_headings case_type_heading decision_headings open_markers "
        "closed_markers closed_prefix toc_headings case_number_formats "
        "case_number",
    )
):
    """Headings, markers and number formats the parser recognises."""

    __slots__ = ()
    section_headings: dict[str, str]  # casefolded -> canonical spelling
    case_type_heading: str
    decision_headings: tuple[re.Pattern[str], ...]
    open_markers: frozenset[str]
    closed_markers: frozenset[str]
    closed_prefix: str
    toc_headings: frozenset[str]
    case_number_formats: tuple[CaseNumberFormat, ...]
    case_number: re.Pattern[str]  # any format, whole string

    def is_case_number(self, value: str) -> bool:
        return self.case_number.fullmatch(value) is not None

    def is_marker(self, line: str) -> bool:
        """An `Åbent` or `Lukket` marker line."""
        return line.casefold() in self.open_markers or line.casefold() in self.closed_markers


VOCABULARY = Path(__file__).with_name("vocabulary.toml")
# The same data, as JSON: loading it needs no TOML parser, which would cost every run
# start-up time. `python -m referat_lint.vocabulary` writes it; a test keeps it in step.
VOCABULARY_JSON = Path(__file__).with_name("vocabulary.json")


def read_toml() -> dict:
    """The vocabulary as the TOML file says it (the source of truth)."""
    import tomllib

    return tomllib.loads(VOCABULARY.read_text("utf-8"))


@cache
def _builtin() -> dict:
    return json.loads(VOCABULARY_JSON.read_text("utf-8"))


@cache
def load_vocabulary(extra_case_numbers: Sequence[tuple[str, str]] = ()) -> Vocabulary:
    """The built-in vocabulary plus case-number formats from the project config."""
    data = _builtin()
    formats = [
        CaseNumberFormat(f["name"], f["pattern"], f["example"])
        for f in data["case-number-patterns"]
    ]
    formats += [CaseNumberFormat(name, pattern, "") for name, pattern in extra_case_numbers]
    any_format = "|".join(f"(?:{f.pattern})" for f in formats)
    return Vocabulary(
        section_headings={h.casefold(): h for h in data["section-headings"]},
        case_type_heading=data["case-type-heading"],
        decision_headings=tuple(re.compile(p) for p in data["decision-headings"]),
        open_markers=frozenset(m.casefold() for m in data["open-markers"]),
        closed_markers=frozenset(m.casefold() for m in data["closed-markers"]),
        closed_prefix=data["closed-prefix"],
        toc_headings=frozenset(h.casefold() for h in data["toc-headings"]),
        case_number_formats=tuple(formats),
        case_number=re.compile(any_format),
    )


if __name__ == "__main__":
    text = json.dumps(read_toml(), ensure_ascii=False, indent=1)
    VOCABULARY_JSON.write_text(text + "\n", "utf-8")
