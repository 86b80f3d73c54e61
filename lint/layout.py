"""Layout profiles (lint/layouts/*.toml) as compiled patterns, and choosing one per file.

A profile is data: how a layout heads its items, writes its table of contents, case
numbers, decisions, closed items and page furniture. The parser is one walker driven by a
profile. Shipped profiles are read from a JSON copy (`layouts.json`, written by
`python -m referat_lint.layout` and kept in step by a test): a TOML parser would cost every
run start-up time. Patterns compile on first use, so detection pays only for what it tries.
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

FOLDER = Path(__file__).with_name("layouts")
COMPILED = FOLDER / "layouts.json"
BASE = "base"
_MAX_PROFILE = 1000 * 1000  # a profile is a few kilobytes; /dev/zero is not one


class LayoutError(Exception):
    """A profile is invalid; the message is one line for the user."""


class CaseNumberFormat(NamedTuple):
    """A case system's number format, e.g. KMD `326-2017-43971`."""

    name: str
    pattern: str
    example: str


_NAMED = re.compile(r"\(\?P<\w+>")


def _fold(word: str) -> str:
    return " ".join(word.split()).rstrip(":").strip().casefold()


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(_fold(v) for v in values)


def _one(patterns: list[str]) -> re.Pattern[str] | None:
    """The patterns as one alternation (one match call per line), or None when empty."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@cache
def _shipped_strings() -> frozenset[str]:
    """Every string of the shipped profiles: their patterns are trusted to run in `re`."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(_shipped())
    return frozenset(found)


def _shipped_pattern(*parts: str) -> bool:
    return all(part in _shipped_strings() for part in parts)


def _regex(pattern: str, flags: int = 0, parts: Iterable[str] | None = None) -> re.Pattern[str]:
    """`pattern` compiled by `re` when it is built only of shipped `parts` (default: itself);
    by RE2 when a project wrote any of it, so its matching time stays linear."""
    if _shipped_pattern(*(parts if parts is not None else (pattern,))):
        return re.compile(pattern, flags)
    from .user_regex import compiled

    return compiled(pattern, flags)


def _compile(patterns: Iterable[str], flags: int = 0) -> tuple[re.Pattern[str], ...]:
    return tuple(_regex(p, flags) for p in patterns)


class Layout:
    """One resolved profile (its `extends` chain merged), compiled on first use."""

    def __init__(
        self, data: dict[str, Any], extra_case_numbers: Sequence[tuple[str, str]] = ()
    ) -> None:
        self.data = data
        self.name: str = data["name"]
        self.abstract: bool = data.get("abstract", False)
        self.extra_case_numbers = tuple(extra_case_numbers)

    def __repr__(self) -> str:
        return f"Layout({self.name!r})"

    def get(self, table: str, key: str, default: Any = None) -> Any:  # noqa: ANN401 (TOML values)
        return self.data.get(table, {}).get(key, default)

    # detection
    @cached_property
    def detect_opening(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("detect", "opening", []))

    @cached_property
    def detect_lines(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("detect", "lines", []), re.MULTILINE)

    @cached_property
    def heading_scan(self) -> tuple[tuple[re.Pattern[str], bool], ...]:
        """Item-heading patterns for a whole-text scan: (pattern, on the raw text). Each
        starts with a line break (the text is scanned with one put in front): the regex
        engine finds a literal first character fast, and `^` in multi-line mode it does not."""

        def scan(key: str) -> tuple[re.Pattern[str], ...]:
            patterns = self.get("items", key, [])
            return tuple(
                _regex(f"\n(?:{p.removeprefix('^')})", re.MULTILINE, (p,)) for p in patterns
            )

        cleaned, raw = scan("headings"), scan("raw-headings")
        return tuple((p, False) for p in cleaned) + tuple((p, True) for p in raw)

    # header and kind
    @cached_property
    def title_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("header", "title", []))

    @cached_property
    def header_labels(self) -> re.Pattern[str]:
        """`Label[:] value` for every header label; group `label` and `value`."""
        labels = [
            label
            for key in ("date", "time", "place", "participant", "other")
            for label in self.get("header", f"{key}-labels", [])
        ]
        alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        if not alternatives:
            return re.compile(r"(?!)(?P<label>)(?P<value>)")
        return re.compile(rf"^(?P<label>{alternatives})(?![\w/])\s*:?\s*(?P<value>.*)$", re.I)

    def label_kind(self, label: str) -> str:
        folded = _fold(label)
        for key in ("date", "time", "place", "participant"):
            if folded in _words(self.get("header", f"{key}-labels", [])):
                return key
        return "other"

    @cached_property
    def minutes_words(self) -> frozenset[str]:
        return _words(self.get("kind", "minutes", []))

    @cached_property
    def agenda_words(self) -> frozenset[str]:
        return _words(self.get("kind", "agenda", []))

    # items
    @cached_property
    def item_headings(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("items", "headings", []))

    @cached_property
    def raw_item_headings(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("items", "raw-headings", []))

    @cached_property
    def item_links(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("items", "links", []))

    @cached_property
    def subheading(self) -> re.Pattern[str] | None:
        pattern = self.get("items", "subheading", "")
        return _regex(pattern) if pattern else None

    # table of contents
    @cached_property
    def toc_headings(self) -> frozenset[str]:
        return _words(self.get("toc", "headings", []))

    @cached_property
    def toc_entries(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("toc", "entries", []))

    @cached_property
    def toc_leader(self) -> re.Pattern[str] | None:
        pattern = self.get("toc", "leader", "")
        return _regex(pattern) if pattern else None

    @cached_property
    def toc_skip(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("toc", "skip", []))

    # case numbers
    @cached_property
    def number_labels(self) -> re.Pattern[str] | None:
        """Every case, journal and document label with its value (groups case, journal,
        document, value); the value is missing when the label ends the line."""
        groups = []
        for kind, key in (("case", "labels"), ("journal", "journal-labels")):
            groups.append((kind, self.get("case-numbers", key, [])))
        groups.append(("document", self.get("case-numbers", "document-labels", [])))
        alternatives = [f"(?P<{kind}>{'|'.join(p)})" for kind, p in groups if p]
        if not alternatives:
            return None
        return _regex(
            rf"(?:{'|'.join(alternatives)})\.?\s*:?\s*(?P<value>[^\s:]+)?",
            re.IGNORECASE,
            [p for _, patterns in groups for p in patterns],
        )

    @cached_property
    def case_number_formats(self) -> tuple[CaseNumberFormat, ...]:
        formats = [
            CaseNumberFormat(f["name"], f["pattern"], f.get("example", ""))
            for f in self.get("case-numbers", "formats", [])
        ]
        formats += [
            CaseNumberFormat(name, pattern, "") for name, pattern in self.extra_case_numbers
        ]
        return tuple(formats)

    @cached_property
    def case_number(self) -> re.Pattern[str]:
        formats = self.case_number_formats
        if not formats:
            return re.compile(r"(?!)")
        any_format = "|".join(f"(?:{f.pattern})" for f in formats)
        return _regex(any_format, 0, [f.pattern for f in formats])

    def is_case_number(self, value: str) -> bool:
        return self.case_number.fullmatch(value) is not None

    # sections and decisions
    @cached_property
    def sections(self) -> dict[str, str]:
        """Casefolded heading -> canonical spelling."""
        names = [
            *self.get("sections", "headings", []),
            *self.get("decisions", "sections", []),
            *self.get("decisions", "history-headings", []),
        ]
        return {_fold(name): name for name in names}

    def word_set(self, table: str, key: str) -> frozenset[str]:
        return self._word_sets(table, key)

    @cache  # noqa: B019 - one Layout per profile, kept for the process
    def _word_sets(self, table: str, key: str) -> frozenset[str]:
        return _words(self.get(table, key, []))

    @cached_property
    def decision_headings(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "headings", []))

    @cached_property
    def decision_next_line(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "next-line", []))

    @cached_property
    def decision_end_lines(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "end-lines", []))

    @cached_property
    def attendance_line(self) -> re.Pattern[str] | None:
        return _one(self.get("decisions", "attendance-lines", []))

    @cached_property
    def proposal_line(self) -> re.Pattern[str] | None:
        return _one(self.get("decisions", "proposal-lines", []))

    @cached_property
    def history_lines(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("decisions", "history-lines", []))

    @cached_property
    def closed_prefix(self) -> re.Pattern[str] | None:
        prefixes = sorted(self.get("closed", "prefixes", []), key=len, reverse=True)
        if not prefixes:
            return None
        # `Lukket: Title`, or `Lukket - Title` as some exports write it
        return re.compile(
            rf"(?:{'|'.join(map(re.escape, prefixes))})\s*(?::|[-–]\s)\s*", re.IGNORECASE
        )

    @cached_property
    def closed_suffix(self) -> re.Pattern[str] | None:
        suffixes = sorted(self.get("closed", "suffixes", []), key=len, reverse=True)
        if not suffixes:
            return None
        return re.compile(rf"\s*(?:{'|'.join(map(re.escape, suffixes))})\s*$", re.IGNORECASE)

    @cached_property
    def line_scan(self) -> tuple[re.Pattern[str], ...]:
        """One pattern for the lines the walker must look at twice (item headings, page
        furniture, group headings): one match call per line finds them all. Several
        patterns when they cannot be joined (a back-reference to a named group)."""
        parts = [
            *self.get("items", "headings", []),
            *self.get("furniture", "lines", []),
            *(f"(?i:{p.pattern})" for p in self.group_heading),
        ]
        separate = (*self.item_headings, *self.furniture, *self.group_heading)
        own = [*self.get("items", "headings", []), *self.get("furniture", "lines", [])]
        if not parts or any("(?P=" in p for p in parts) or not _shipped_pattern(*own):
            return separate
        try:
            return (re.compile("|".join(f"(?:{_NAMED.sub('(?:', p)})" for p in parts)),)
        except re.error:  # e.g. a pattern with global flags
            return separate

    @cached_property
    def group_heading(self) -> tuple[re.Pattern[str], ...]:
        """Candidates for closed and open group headings (confirmed by the word lists)."""
        words = [*self.get("closed", "closed-groups", []), *self.get("closed", "open-groups", [])]
        if not words:
            return ()
        alternatives = "|".join(re.escape(" ".join(w.split())) for w in words)
        return (re.compile(rf"(?:{alternatives})\s*:?$", re.IGNORECASE),)

    @cached_property
    def furniture(self) -> tuple[re.Pattern[str], ...]:
        return _compile(self.get("furniture", "lines", []))


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over `base`: tables merge, `extra-<key>` adds to a list, the rest replaces."""
    merged = dict(base)
    for key, value in override.items():
        if key.startswith("extra-"):
            target = key.removeprefix("extra-")
            merged[target] = [*merged.get(target, []), *value]
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve(raw: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every profile of `raw` (name -> file data) with its `extends` chain merged in."""
    resolved: dict[str, dict[str, Any]] = {}

    def one(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
        if name in resolved:
            return resolved[name]
        if name in seen:
            raise LayoutError(f"layout {name!r} extends itself ({' -> '.join([*seen, name])})")
        data = raw[name]
        parent = data.get("extends", BASE if name != BASE else None)
        if parent is None:
            result = {k: v for k, v in data.items() if k != "extends"}
        else:
            if parent not in raw:
                raise LayoutError(f"layout {name!r} extends unknown layout {parent!r}")
            inherited = {k: v for k, v in one(parent, (*seen, name)).items() if k != "abstract"}
            result = merge(inherited, {k: v for k, v in data.items() if k != "extends"})
        result["name"] = name
        resolved[name] = result
        return result

    for name in raw:
        one(name, ())
    return resolved


def read_toml_profiles() -> dict[str, dict[str, Any]]:
    """The shipped profiles as their TOML files say (the source of truth), by name."""
    import tomllib

    profiles = {}
    for path in sorted(FOLDER.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        profiles[data["name"]] = data
    return profiles


@cache
def _shipped() -> dict[str, dict[str, Any]]:
    return json.loads(COMPILED.read_text("utf-8"))


def check_profile(data: dict[str, Any], where: str) -> None:
    """Schema and pattern checks of one resolved profile; LayoutError with one line."""
    from .schemas import schema_problem

    problem = schema_problem(data, "layout.schema.json")
    if problem is not None:
        raise LayoutError(f"{where}{problem}")
    needs = {("items", "headings"): "number", ("items", "raw-headings"): "number"}
    needs[("toc", "entries")] = "title"
    for table, values in data.items():
        if not isinstance(values, dict):
            continue
        for key, value in values.items():
            patterns = value if isinstance(value, list) else [value]
            for index, pattern in enumerate(patterns):
                if isinstance(pattern, dict):
                    pattern = pattern.get("pattern", "")
                if not isinstance(pattern, str) or not _is_pattern_key(table, key):
                    continue
                try:
                    compiled = _regex(pattern)
                except (re.error, ValueError) as error:  # ValueError: user_regex.PatternError
                    raise LayoutError(
                        f"{where}{table}.{key}[{index}]: bad pattern: {error}"
                    ) from None
                group = needs.get((table, key))
                if group and group not in compiled.groupindex:
                    raise LayoutError(
                        f"{where}{table}.{key}[{index}]: needs a group (?P<{group}>...)"
                    )


_PATTERN_KEYS = {
    "detect": {"opening", "lines"},
    "header": {"title"},
    "items": {"headings", "raw-headings", "subheading", "links"},
    "toc": {"entries", "leader", "skip"},
    "case-numbers": {"labels", "journal-labels", "document-labels", "formats"},
    "decisions": {
        "headings",
        "next-line",
        "history-lines",
        "end-lines",
        "attendance-lines",
        "proposal-lines",
    },
    "furniture": {"lines"},
}


def _is_pattern_key(table: str, key: str) -> bool:
    return key.removeprefix("extra-") in _PATTERN_KEYS.get(table, ())


def load_project_profile(path: Path) -> dict[str, Any]:
    """A project's own profile file, read and schema-checked (before merging)."""
    import tomllib

    from .reading import InputError, read_regular

    where = f"{path}: "
    try:
        data = tomllib.loads(read_regular(path, _MAX_PROFILE).decode("utf-8"))
    except InputError as error:
        raise LayoutError(f"{where}cannot read layout: {error}") from None
    except OSError as error:
        raise LayoutError(f"{where}cannot read layout: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LayoutError(f"{where}layout is not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"{where}invalid TOML: {error}") from None
    check_profile(data, where)
    return data


@cache
def load_layouts(
    project: tuple[tuple[str, str], ...] = (), extra_case_numbers: tuple[tuple[str, str], ...] = ()
) -> tuple[Layout, ...]:
    """Every concrete layout: the shipped ones and the project's (name, JSON of its file).

    A project profile may extend a shipped one or another project profile.
    """
    raw = dict(_shipped())
    for name, text in project:
        raw[name] = json.loads(text)
    resolved = resolve(raw) if project else raw
    if project:
        for name, _ in project:
            check_profile(resolved[name], f"layout {name!r}: ")
    return tuple(
        Layout(data, extra_case_numbers) for data in resolved.values() if not data.get("abstract")
    )


def by_name(layouts: Sequence[Layout], name: str) -> Layout | None:
    return next((layout for layout in layouts if layout.name == name), None)


def write_compiled() -> None:
    """Write layouts.json from the TOML files (run after editing a profile)."""
    profiles = resolve(read_toml_profiles())
    for name, data in profiles.items():
        check_profile(data, f"{name}: ")
    text = json.dumps(profiles, ensure_ascii=False, indent=1)
    COMPILED.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    write_compiled()
