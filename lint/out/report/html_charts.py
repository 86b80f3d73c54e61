"""The HTML page's summary charts: bars drawn with CSS (no image, no script, nothing
fetched), each with its numbers in words beside it, so colour is never the only carrier."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Sequence

from referat_lint.checking.findings import Finding
from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule
from referat_lint.out.messages import text
from referat_lint.out.report.html_advice import checked_findings, needs_person

# (label as HTML, findings that need a person, findings repaired automatically, files or None)
Row = tuple[str, int, int, int | None]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def chart(caption: str, rows: Sequence[Row], lang: str, css: str) -> str:
    """A bar per row, its length the row's findings against the largest row's."""
    largest = max((manual + auto for _, manual, auto, _ in rows), default=0) or 1
    body = []
    for label, manual, auto, files in rows:
        words = text("html.chart_counts", lang, manual=manual, auto=auto)
        if files is not None:
            words = f"{text('html.chart_files', lang, n=files)} · {words}"
        bars = "".join(
            f'<span class="bar {kind}" style="width: {100 * count / largest:.1f}%"></span>'
            for kind, count in (("manual", manual), ("auto", auto))
            if count
        )
        body.append(
            f'<tr><th scope="row">{label}</th><td class="bars" aria-hidden="true">{bars}</td>'
            f'<td class="words">{_e(words)}</td></tr>'
        )
    return (
        f'<table class="chart {css}"><caption>{_e(caption)}</caption>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _split(findings: Sequence[Finding]) -> tuple[int, int]:
    manual = sum(1 for f in findings if needs_person(f))
    return manual, len(findings) - manual


def by_rule(results: Sequence[FileResult], rules: dict[str, Rule], lang: str) -> str:
    findings = [f for r in results for f in checked_findings(r)]
    counts = Counter(f.rule for f in findings)
    rows: list[Row] = []
    for name in sorted(counts, key=lambda name: (-counts[name], rules[name].code)):
        rule = rules[name]
        label = f'{_e(rule.title[lang])} <code class="rule-name">{_e(rule.name)}</code>'
        rows.append((label, *_split([f for f in findings if f.rule == name]), None))
    return chart(text("html.chart_rule", lang), rows, lang, "by-rule")


def _grouped(
    results: Sequence[FileResult], key: Callable[[FileResult], object], order: str
) -> list[Row]:
    groups: dict[object, list[FileResult]] = {}
    for result in results:
        value = key(result)
        if value is not None:
            groups.setdefault(value, []).append(result)
    rows: list[Row] = []
    for value, members in groups.items():
        findings = [f for r in members for f in checked_findings(r)]
        rows.append((_e(value), *_split(findings), len(members)))
    if order == "label":
        return sorted(rows, key=lambda row: row[0])
    return sorted(rows, key=lambda row: (-(row[1] + row[2]), row[0]))


def by_meeting(results: Sequence[FileResult], lang: str) -> list[str]:
    """Per year and per committee, where the headers give two or more of them."""
    out = []
    years = _grouped(results, lambda r: r.year, "label")
    if len(years) > 1:
        out.append(chart(text("html.chart_year", lang), years, lang, "by-year"))
    committees = _grouped(results, lambda r: r.committee, "count")
    if len(committees) > 1:
        out.append(chart(text("html.chart_committee", lang), committees, lang, "by-committee"))
    return out
