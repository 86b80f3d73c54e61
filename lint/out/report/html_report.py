"""A self-contained HTML review page for the secretariat: summary, findings in context, fixes.

One file with its CSS and script inline and nothing fetched from the network. Without the
script every finding is shown; with it, filters by rule, severity, file and fix, and a search
box, hide the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from importlib import resources

from referat_lint import __version__
from referat_lint.checking.findings import (
    Finding,
    FixAvailability,
    Severity,
)
from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule
from referat_lint.out.messages import say
from referat_lint.out.report import ReportContext, html_charts
from referat_lint.out.report.html_advice import (
    advice,
    checked_findings,
    is_not_minutes,
    needs_person,
    status,
)
from referat_lint.out.report.html_finding import (
    _changes,
    _context,
    _whole_file,
)
from referat_lint.out.report.html_text import TEXTS, _e, _inline
from referat_lint.out.report.line_fixes import by_line
from referat_lint.out.report.summary import summarize


def _asset(name: str) -> str:
    return resources.files("referat_lint.out.report").joinpath(name).read_text("utf-8")


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    t = TEXTS[context.lang]
    findings = [f for r in results for f in checked_findings(r)]
    used_rules = sorted({f.rule for f in findings}, key=lambda name: context.rules[name].code)
    date = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    parts = [
        "<!doctype html>",
        f'<html lang="{_e(context.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be loaded from anywhere: the page is read offline and archived.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{_e(t['title'])} – referat-lint</title>",
        f"<style>\n{_asset('report.css')}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#fund">{_e(t["skip"])}</a>',
        "<header>",
        f"<h1>{_e(t['title'])}</h1>",
        f'<p class="meta">{_e(t["generated"].format(version=__version__, date=date))}</p>',
        "</header>",
        "<main>",
        _summary(results, context),
        _findings_section(results, used_rules, context),
        _rules_section(used_rules, context),
        "</main>",
        f"<script>\n{_asset('report.js')}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(results: Sequence[FileResult], context: ReportContext) -> str:
    t = TEXTS[context.lang]
    summary = summarize(results)
    outside = [r for r in results if r.problem is None and is_not_minutes(r)]
    checked = [r for r in results if r.problem is None and not is_not_minutes(r)]
    clean = [r for r in checked if not r.findings]
    findings = [f for r in results for f in checked_findings(r)]
    manual = sum(1 for f in findings if needs_person(f))
    counts = [
        ("checked", t["files_checked"], len(checked)),
        ("clean", t["files_clean"], len(clean)),
        ("manual" if manual else "none", t["manual"], manual),
        ("auto", t["fixable"], len(findings) - manual),
    ]
    if outside:
        counts.append(("outside", t["not_minutes"], len(outside)))
    if context.fixing:
        counts.append(("fixed", t["fixed"], summary.fixed))
    if context.known:
        counts.append(("known", t["known"], context.known))
    if summary.errors:
        counts.append(("failed", t["not_checked"], summary.errors))
    out = [
        '<section aria-labelledby="summary-heading">',
        f'<h2 id="summary-heading">{_e(t["summary"])}</h2>',
        '<dl class="counts">',
        *(
            f'<div class="count {css}"><dt>{_e(label)}</dt><dd>{value}</dd></div>'
            for css, label, value in counts
        ),
        "</dl>",
    ]
    if findings:
        out.append('<div class="charts">')
        out.append(html_charts.by_rule(results, dict(context.rules), context.lang))
        out += html_charts.by_meeting([*checked, *outside], context.lang)
        out.append(f'<p class="legend">{_e(t["chart_legend"])}</p>')
        out.append("</div>")
    out += _file_lists(results, clean, outside, context.lang)
    out.append("</section>")
    return "\n".join(out)


def _file_lists(
    results: Sequence[FileResult], clean: list[FileResult], outside: list[FileResult], lang: str
) -> list[str]:
    """The summary's lists: the clean files, the files that are not minutes, the problems."""
    t = TEXTS[lang]
    out: list[str] = []
    out.append(
        f'<details class="clean"><summary>{_e(t.n("clean_details", len(clean)))}</summary>'
        f"{_path_list([r.path for r in clean], t['none'])}</details>"
    )
    if outside:
        out.append(
            f'<details class="not-checked"><summary>{_e(t.n("not_checked_list", len(outside)))}'
            f'</summary><ul class="paths">'
            + "".join(
                f'<li><span class="path">{_e(r.path)}</span> – {_e(t["advice_none"])}</li>'
                for r in outside
            )
            + "</ul></details>"
        )
    problems = [r for r in results if r.problem is not None]
    if problems:
        out.append(f"<h3>{_e(t['problems_list'])}</h3>")
        out.append("<ul>")
        for result in problems:
            kind = t["problem_error"] if result.fatal else t["problem_warning"]
            out.append(
                f'<li><span class="path">{_e(result.path)}</span> – {_e(kind)}: '
                f"{_e(say(result.problem, lang))}</li>"
            )
        out.append("</ul>")
    return out


def _path_list(paths: list[str], empty: str) -> str:
    if not paths:
        return f"<p>{_e(empty)}</p>"
    items = "".join(f'<li><span class="path">{_e(path)}</span></li>' for path in paths)
    return f'<ul class="paths">{items}</ul>'


def _findings_section(
    results: Sequence[FileResult], used_rules: list[str], context: ReportContext
) -> str:
    t = TEXTS[context.lang]
    with_findings = [r for r in results if checked_findings(r)]
    total = sum(len(checked_findings(r)) for r in with_findings)
    out = [
        '<section id="fund" aria-labelledby="findings-heading">',
        f'<h2 id="findings-heading">{_e(t["findings"])}</h2>',
    ]
    if not with_findings:
        out += [f"<p>{_e(t['no_findings'])}</p>", "</section>"]
        return "\n".join(out)
    out.append(_filters(with_findings, used_rules, context))
    status = t.n("status", total, shown="{shown}", total=total)  # the script fills in {shown}
    out.append(
        f'<p id="status" role="status" aria-live="polite" data-template="{_e(status)}">'
        f"{_e(status.format(shown=total))}</p>"
    )
    for index, result in enumerate(with_findings, start=1):
        out.append(_file_section(index, result, context))
    out.append("</section>")
    return "\n".join(out)


def _options(first: str, values: Iterable[tuple[str, str]]) -> str:
    options = [f'<option value="">{_e(first)}</option>']
    options += [f'<option value="{_e(value)}">{_e(label)}</option>' for value, label in values]
    return "".join(options)


def _filters(results: list[FileResult], used_rules: list[str], context: ReportContext) -> str:
    t = TEXTS[context.lang]
    findings = [f for r in results for f in checked_findings(r)]
    by_rule = Counter(f.rule for f in findings)
    by_severity = Counter(f.severity for f in findings)
    lang = context.lang
    rules = [(name, f"{context.rules[name].title[lang]} ({by_rule[name]})") for name in used_rules]
    severities = [(s.value, f"{t[s.value]} ({by_severity[s]})") for s in Severity if by_severity[s]]
    files = [(r.path, f"{r.path} ({len(checked_findings(r))})") for r in results]
    fixes = [("auto", t["filter_auto"]), ("manual", t["filter_manual"])]
    return "\n".join(
        [
            # Hidden until the script runs: without it the filters could do nothing.
            f'<form id="filters" class="filters" role="search" aria-label="{_e(t["filters"])}" '
            "hidden>",
            f'<label>{_e(t["rule"])} <select id="filter-rule" name="rule">'
            f"{_options(t['all_rules'], rules)}</select></label>",
            f'<label>{_e(t["severity"])} <select id="filter-severity" name="severity">'
            f"{_options(t['all_severities'], severities)}</select></label>",
            f'<label>{_e(t["file"])} <select id="filter-file" name="file">'
            f"{_options(t['all_files'], files)}</select></label>",
            f'<label>{_e(t["advice"])} <select id="filter-fix" name="fix">'
            f"{_options(t['all_fixes'], fixes)}</select></label>",
            f'<label>{_e(t["search"])} <input type="search" id="filter-search" name="search" '
            f'placeholder="{_e(t["search_hint"])}"></label>',
            f'<button type="reset">{_e(t["reset"])}</button>',
            "</form>",
        ]
    )


def _file_section(index: int, result: FileResult, context: ReportContext) -> str:
    """One file: a collapsible block whose summary line gives its status in colour and in
    words, and its counts."""
    t = TEXTS[context.lang]
    heading = f"file-{index}"
    findings = checked_findings(result)
    manual = sum(1 for f in findings if needs_person(f))
    state = status(findings)
    meta = t.n("file_meta", len(findings), encoding=result.encoding or "–")
    counts = t["file_counts"].format(manual=manual, auto=len(findings) - manual)
    out = [
        f'<details class="file status-{state}" data-file="{_e(result.path)}" open>',
        f'<summary><span class="status {state}">{_e(t["status_" + state])}</span> '
        f'<span id="{heading}" class="path">{_e(result.path)}</span> '
        f'<span class="file-counts">{_e(counts)}</span></summary>',
        f'<p class="meta">{_e(meta)}</p>',
        f'<table class="findings" aria-labelledby="{heading}">',
        f'<caption class="visually-hidden">{_e(t["findings_in"].format(path=result.path))}'
        "</caption>",
        f'<thead><tr><th scope="col">{_e(t["line"])}</th><th scope="col">{_e(t["severity"])}'
        f'</th><th scope="col">{_e(t["rule"])}</th><th scope="col">{_e(t["problem"])}</th>'
        f'<th scope="col">{_e(t["advice"])}</th></tr></thead>',
    ]
    number = 0
    for group in _groups(findings):
        anchors = [f"finding-{index}-{number + i}" for i in range(1, len(group) + 1)]
        number += len(group)
        out.append(_group(anchors, group, result, context))
    out += ["</table>", "</details>"]
    return "\n".join(out)


def _groups(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings on the same line share one context; a finding about the whole file (its
    encoding) stands alone."""
    groups: list[list[Finding]] = []
    for group in by_line(findings):
        whole = [f for f in group if _whole_file(f)]
        rest = [f for f in group if not _whole_file(f)]
        groups += [[f] for f in whole] + ([rest] if rest else [])
    return groups


def _group(
    anchors: list[str], group: list[Finding], result: FileResult, context: ReportContext
) -> str:
    """One line's findings: a row each, then the line in its context and what the fixes
    change on it, once."""
    detail = []
    if not _whole_file(group[0]):
        detail.append(_context([f.span for f in group], result.lines, context))
    detail += _changes(group, context)
    rows = [f'<tbody class="group" data-line="{group[0].span.line}">']
    rows += [_finding(a, f, result, context) for a, f in zip(anchors, group, strict=True)]
    if any(detail):
        rows.append(f'<tr class="detail"><td colspan="5">{"".join(detail)}</td></tr>')
    rows.append("</tbody>")
    return "\n".join(rows)


def _finding(anchor: str, finding: Finding, result: FileResult, context: ReportContext) -> str:
    t = TEXTS[context.lang]
    rule = context.rules[finding.rule]
    what = advice(finding).value
    span = finding.span
    page = "" if finding.page is None else t["page"].format(page=finding.page) + ", "
    return (
        f'<tr class="finding" id="{anchor}" data-rule="{_e(finding.rule)}" '
        f'data-severity="{_e(finding.severity.value)}" data-file="{_e(result.path)}" '
        f'data-fix="{"manual" if needs_person(finding) else "auto"}">'
        f'<th scope="row"><a href="#{anchor}">{_e(page)}{span.line}</a></th>'
        f'<td><span class="severity {_e(finding.severity.value)}">'
        f"{_e(t[finding.severity.value])}</span></td>"
        f'<td><a href="#rule-{_e(rule.code)}">{_e(rule.title[context.lang])}</a> '
        f'<code class="rule-name">{_e(rule.name)}</code></td>'
        f'<td class="message">{_inline(rule.page_message(finding, context.lang))}</td>'
        f'<td class="advice {what}">{_e(t["advice_" + what])}</td></tr>'
    )


def _rules_section(used_rules: list[str], context: ReportContext) -> str:
    if not used_rules:
        return ""
    t = TEXTS[context.lang]
    lang = context.lang
    out = [
        '<section aria-labelledby="rules-heading">',
        f'<h2 id="rules-heading">{_e(t["rules_section"])}</h2>',
    ]
    for name in used_rules:
        rule: Rule = context.rules[name]
        fixed = rule.fix_availability is not FixAvailability.NEVER
        how = t["rule_fixable"] if fixed else t["rule_manual"]
        out += [
            f'<section class="rule" id="rule-{_e(rule.code)}">',
            f'<h3>{_e(rule.title[lang])} <code class="rule-name">{_e(rule.name)}</code></h3>',
            f"<p>{_e(rule.page[lang])}</p>",
            f"<p>{_e(how)}</p>",
            "</section>",
        ]
    out.append("</section>")
    return "\n".join(out)
