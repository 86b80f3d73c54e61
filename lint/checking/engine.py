"""Run the enabled rules on one decoded file: encoding rules first, then structure rules
on the text as it reads after encoding repair."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from referat_lint.checking import suppress
from referat_lint.checking.findings import (
    Applicability,
    Edit,
    Finding,
    FixView,
    PlacedEdit,
    Severity,
    Span,
    Stage,
)
from referat_lint.checking.rule import Context, Rule
from referat_lint.checking.splice import splice
from referat_lint.config import Config
from referat_lint.document.dates import find_date
from referat_lint.document.layout import load_layouts
from referat_lint.document.model import Document, Text, excerpt
from referat_lint.document.parse import parse
from referat_lint.input.source import Source
from referat_lint.rules.suppressions import message


class Analysis(NamedTuple):
    """The findings on one text, the text the structure rules read, and how it was read."""

    findings: tuple[Finding, ...]
    view: str  # the text after every proposed encoding repair
    layout: str | None = None  # the layout profile that fit (None: none, or no structure rule ran)
    kind: str | None = None  # "minutes" or "agenda"
    committee: str | None = None  # the body that met, as the header names it
    year: int | None = None  # the meeting's year, from the header's date
    document: Document | None = None  # the parse the structure rules read (None: not parsed)


def analyze(
    source: Source,
    rules: Sequence[Rule],
    config: Config,
    path: str | None,
    *,
    parse_always: bool = False,
) -> Analysis:
    """All findings of the enabled rules on `source`, in document order (`parse_always`:
    parse the text even when no structure rule needs it, for --show-document)."""
    plans = _plans(rules, config, path)
    text = Text(source.text)
    encoding_findings = _run(
        (p for p in plans if p.rule.stage is Stage.ENCODING), text, source, None
    )
    repairs = [
        f.fix
        for f in encoding_findings
        if f.fix and f.fix.edits and f.fix.applicability is not Applicability.DISPLAY_ONLY
    ]
    view = apply_edits(source.text, [edit for fix in repairs for edit in fix.edits])
    view_text = text if view == source.text else Text(view)
    structure_plans = [p for p in plans if p.rule.stage is Stage.STRUCTURE]
    structure_findings: list[Finding] = []
    document = None
    if structure_plans or not config.check_all_text or parse_always:
        document = _parse(view_text, config, path)
        if not document.is_minutes and not config.check_all_text and source.extracted is None:
            # Not minutes (a README, notes): its text is not ours to judge or repair, so
            # it gets the one not-minutes note and nothing else. A PDF or DOCX was chosen
            # for its own checks (its fonts, its metadata), which still run.
            encoding_findings, view, view_text = [], source.text, text
        runnable = (p for p in structure_plans if _applies(p.rule, document))
        structure_findings = _run(runnable, view_text, source, document)
    findings = sorted([*encoding_findings, *structure_findings], key=Finding.sort_key)
    if "referat-lint-" in source.text:  # an inline suppression comment, perhaps
        reported = document is None or document.is_minutes or config.check_all_text
        enabled = [plan.rule for plan in plans]
        findings = _suppressed(findings, enabled, config, text, reported)
    if document is None:
        return Analysis(tuple(findings), view)
    committee, year = meeting_of(document) if document.is_minutes else (None, None)
    return Analysis(
        tuple(findings), view, document.layout, document.kind, committee, year, document
    )


def meeting_of(document: Document) -> tuple[str | None, int | None]:
    """The committee and year the header gives (for the reports' per-meeting counts)."""
    header = document.header
    year = None
    for field in (header.date, header.title_date):
        mention = find_date(field.value) if field is not None else None
        if mention is not None and mention.year is not None:
            year = mention.year
            break
    committee = (header.body or "").strip() or None
    return committee, year


def _suppressed(
    findings: list[Finding], enabled: Sequence[Rule], config: Config, text: Text, report: bool
) -> list[Finding]:
    """The findings no inline comment suppresses, and (when `report`) a finding for each
    comment that suppressed nothing."""
    kept, unused = suppress.apply(findings, suppress.find(text.lines))
    rule = next((r for r in enabled if r.name == suppress.UNUSED), None)
    if rule is None or not report or not unused:
        return kept
    severity = config.severity.get(rule.name, rule.severity)
    for comment in unused:
        key, args = message(comment.selectors)
        line = text.lines[comment.span.line - 1]
        snippet = line[comment.span.column - 1 : comment.span.end_column - 1]
        kept.append(
            Finding(rule.name, rule.code, severity, comment.span, key, args, snippet=snippet)
        )
    return sorted(kept, key=Finding.sort_key)


def _parse(text: Text, config: Config, path: str | None) -> Document:
    """`text` parsed in the layout and kind the config gives `path` (or detected)."""
    return parse(
        text,
        load_layouts(config.layouts, config.case_number_patterns),
        layout=config.layout_for(path),
        kind=config.kind_for(path),
        standard_items=config.standard_items,
    )


def _applies(rule: Rule, document: Document) -> bool:
    """Structure rules need minutes (a layout that fits, items); decision rules need minutes
    and not an agenda, where no decision exists yet."""
    if rule.requires_minutes and not document.is_minutes:
        return False
    return rule.kind is None or rule.kind == document.kind


class _Plan(NamedTuple):
    """A rule as one config runs it: with its options and the severity the config gives."""

    rule: Rule
    options: Mapping[str, Any]  # read-only: every file's context shares it
    severity: Severity | None  # None: the rule's own


# The plans of the last few configs: worked out once per run, not once per rule per file.
# An entry holds its config and rules, so their ids stay theirs while it is kept.
_PER_CONFIG: dict[tuple[int, int], tuple[Config, Sequence[Rule], list[_Plan]]] = {}
_MAX_CONFIGS = 16


def _plans(rules: Sequence[Rule], config: Config, path: str | None) -> list[_Plan]:
    """The rules `config` enables on `path`, as it runs them."""
    known = _PER_CONFIG.get((id(config), id(rules)))
    if known is None or known[0] is not config or known[1] is not rules:
        if len(_PER_CONFIG) >= _MAX_CONFIGS:
            _PER_CONFIG.clear()
        plans = [
            _Plan(rule, MappingProxyType(config.options(rule)), config.severity.get(rule.name))
            for rule in rules
            if config.enabled(rule)
        ]
        known = (config, rules, plans)
        _PER_CONFIG[(id(config), id(rules))] = known
    if config.per_file_ignores:  # globs matched per file (config.enabled remembers them)
        return [plan for plan in known[2] if config.enabled(plan.rule, path)]
    return known[2]


def _run(
    plans: Iterable[_Plan], text: Text, source: Source, document: Document | None
) -> list[Finding]:
    findings: list[Finding] = []
    for rule, options, severity in plans:
        for finding in rule.check(Context(rule, text, source, options, document)):
            if severity is not None:
                finding = finding._replace(severity=severity)
            findings.append(_placed(finding, text))
    return findings


FIX_CONTEXT = 120  # characters shown on either side of a fix on a long line
FIX_SPREAD = 2000  # at most this far from a fix's first edit are its other edits shown


def _placed(finding: Finding, text: Text) -> Finding:
    """The finding with its fix placed in `text` (the text the rule saw), for reporters."""
    if finding.fix is None or not finding.fix.edits:
        return finding
    edits = tuple(
        PlacedEdit(Span(*text.position(e.start), *text.position(e.end)), e.replacement)
        for e in finding.fix.edits
    )
    number = finding.span.line
    line = text.lines[number - 1]
    line_start = text.starts[number - 1]
    on_line = [
        e for e in finding.fix.edits if line_start <= e.start and e.end <= line_start + len(line)
    ]
    # On a long line show a window around the edits: a copy of the whole line for each of
    # its findings would grow with the square of its length. Edits far apart (a tag opened
    # at one end of the line, closed at the other) are shown up to FIX_SPREAD from the first.
    first = min((e.start - line_start for e in on_line), default=0)
    on_line = [e for e in on_line if e.end - line_start <= first + FIX_SPREAD] or on_line[:1]
    last = max((e.end - line_start for e in on_line), default=len(line))
    before, shift = excerpt(line, first, last, FIX_CONTEXT)
    moved = line_start + shift
    after = apply_edits(
        before, [Edit(e.start - moved, e.end - moved, e.replacement) for e in on_line]
    )
    view = FixView(edits, number, before, after)
    return finding._replace(fix_view=view)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (an edit overlapping an earlier one is dropped)."""
    pieces, rest = splice(text, ((e.start, e.end, e.replacement) for e in edits))
    return "".join(kept + replacement for kept, _, replacement in pieces) + rest
