"""One finding on the HTML page: its lines in context, what its fix changes, and the
readings it suggests."""

from __future__ import annotations

from collections.abc import Sequence

from referat_lint.checking.findings import Applicability, Finding, FixView, Span
from referat_lint.checking.splice import splice
from referat_lint.document.model import excerpt
from referat_lint.out.privacy import mask_parts
from referat_lint.out.report import ReportContext
from referat_lint.out.report.html_text import TEXTS, _e, _Texts
from referat_lint.out.report.line_fixes import merged_view

CONTEXT_LINES = 2  # shown above and below a finding's lines
MAX_LINE = 400  # characters of a line shown; a longer one is cut around the finding


def _whole_file(finding: Finding) -> bool:
    """A finding about the file as a whole (its encoding), with no text to show around it."""
    return finding.fix is not None and finding.fix.encode_as is not None


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line cut to the part around [start, end), with the bounds moved to match."""
    if len(line) <= MAX_LINE:
        return line, start, end
    shown, shift = excerpt(line, start, end, MAX_LINE // 2)
    return shown, start - shift, end - shift


def _line_regions(number: int, line: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """The parts of line `number` that `spans` cover, as [start, end) columns."""
    regions = []
    for span in spans:
        if span.line <= number <= span.end_line:
            start = span.column - 1 if number == span.line else 0
            end = span.end_column - 1 if number == span.end_line else len(line)
            regions.append((start, end))
    return sorted(regions)


def _context(spans: Sequence[Span], lines: Sequence[str], context: ReportContext) -> str:
    """The findings' lines and a few around them, each span marked."""
    if not lines:
        return ""
    t = TEXTS[context.lang]
    first = max(1, min(s.line for s in spans) - CONTEXT_LINES)
    last = min(len(lines), max(s.end_line for s in spans) + CONTEXT_LINES)
    rendered = []
    for number in range(first, last + 1):
        line = lines[number - 1]
        regions = _line_regions(number, line, spans)
        if regions:
            low = min(r[0] for r in regions)
            high = max(r[1] for r in regions)
            shown, low_shown, _ = _window(line, low, high)
            shift = low - low_shown
            body, position = [], 0
            for start, end in regions:
                start, end = max(start - shift, position), min(end - shift, len(shown))
                if end <= start or (start, end) == (0, len(shown)):
                    continue  # a whole line: the line's own highlight shows it
                body += [_e(shown[position:start]), f"<mark>{_e(shown[start:end])}</mark>"]
                position = end
            body.append(_e(shown[position:]))
            text_html = "".join(body)
        else:
            text_html = _e(_window(line, 0, 0)[0])
        css = "line hit" if regions else "line"
        rendered.append(
            f'<span class="{css}"><span class="number" aria-hidden="true">{number}</span>'
            f'<span class="text">{text_html}</span></span>'
        )
    caption = t["context"].format(first=first, last=last)
    return (
        f'<figure class="context"><figcaption>{_e(caption)}</figcaption>'
        f"<pre>{''.join(rendered)}</pre></figure>"
    )


_CHANGE_LABEL = {
    Applicability.SAFE: "change",
    Applicability.UNSAFE: "change_unsafe",
    Applicability.DISPLAY_ONLY: "change_suggested",
}


def _changes(group: list[Finding], context: ReportContext) -> list[str]:
    """What the fixes of one line's findings change: one before/after per kind of fix, the
    "after" holding every fix of that kind on the line."""
    t = TEXTS[context.lang]
    out: list[str] = []
    for applicability in Applicability:
        fixes = [f for f in group if f.fix is not None and f.fix.applicability is applicability]
        if not fixes:
            continue
        suggested = applicability is Applicability.DISPLAY_ONLY
        for finding in fixes:
            if finding.fix is not None and finding.fix.encode_as:
                key = "reencode_suggested" if suggested else "reencode"
                target = finding.fix.encode_as.upper()
                out.append(f'<p class="change">{_e(t[key].format(target=target))}</p>')
        edits = [f for f in fixes if f.fix_view is not None]
        merged = merged_view(edits)
        views = [merged] if merged is not None else [f.fix_view for f in edits if f.fix_view]
        for view in views:
            out.append(_diff(view, t[_CHANGE_LABEL[applicability]], t))
        out += [_suggestions(finding, t) for finding in fixes if _suggestions(finding, t)]
    return out


def _diff(view: FixView, label: str, t: _Texts) -> str:
    regions = [
        (e.span.column - 1, e.span.end_column - 1, e.replacement)
        for e in view.edits
        if e.span.line == e.span.end_line == view.line
    ]
    before, after = _marked(view.before, regions)
    return (
        f'<div class="change"><p>{_e(label)}</p><table class="diff">'
        f'<tr class="before"><th scope="row">− {_e(t["before"])}</th><td><code>{before}</code>'
        f'</td></tr><tr class="after"><th scope="row">+ {_e(t["after"])}</th><td><code>{after}'
        "</code></td></tr></table></div>"
    )


def _suggestions(finding: Finding, t: _Texts) -> str:
    """Other readings the rule could not rule out, for a person to choose."""
    if finding.fix is None or not finding.fix.suggestions:
        return ""
    readings = ", ".join(f"<code>{_e(reading)}</code>" for reading in finding.fix.suggestions)
    return f'<p class="suggestions">{_e(t["suggestions"])} {readings}</p>'


def _marked(line: str, regions: list[tuple[int, int, str]]) -> tuple[str, str]:
    """The line before and after the edits, with the removed and inserted text marked."""
    pieces, rest = splice(line, regions)
    # Masked on the text before it is cut by the markup: a number split by <ins> is one.
    before = mask_parts([part for kept, removed, _ in pieces for part in (kept, removed)] + [rest])
    after = mask_parts([part for kept, _, added in pieces for part in (kept, added)] + [rest])
    return _tagged(before, "del"), _tagged(after, "ins")


def _tagged(parts: list[str], tag: str) -> str:
    """Kept and changed parts alternating, the last one kept: the changed ones in `tag`."""
    return "".join(
        f"<{tag}>{_e(part)}</{tag}>" if index % 2 else _e(part) for index, part in enumerate(parts)
    )
