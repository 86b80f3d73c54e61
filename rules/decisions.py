"""Decision rules: every open agenda item records what was decided."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from referat_lint.checking.findings import Finding, Severity, Stage
from referat_lint.checking.rule import Context, Rule


def check_empty_decision(ctx: Context) -> Iterator[Finding]:
    placeholders = {str(p).strip() for p in ctx.options["placeholders"]}
    titles = ctx.options["placeholder-titles"]
    placeholder_titles = {str(t).casefold() for t in titles}
    # Configured titles replace the layout's standard items for this rule.
    standard = titles == ctx.rule.options["placeholder-titles"]
    for item in ctx.doc.items:
        if item.closed or item.group or (standard and item.standard):
            continue
        args: dict[str, Any] = {"number": item.number, "title": item.title}
        if item.decision is None:
            yield ctx.finding(ctx.text.span(item.line), "missing", snippet=item.title, **args)
            continue
        decision_text = item.decision.text
        line = item.decision.line
        if not decision_text:
            yield ctx.finding(ctx.text.span(line), "empty", snippet=item.title, **args)
        elif decision_text in placeholders and (
            item.title.rstrip(".").casefold() not in placeholder_titles
        ):
            body_line = item.decision.body[0][0]
            yield ctx.finding(
                ctx.text.span(body_line),
                "placeholder",
                snippet=decision_text,
                placeholder=decision_text,
                **args,
            )


RULES = [
    Rule(
        code="RL401",
        name="empty-decision",
        stage=Stage.STRUCTURE,
        severity=Severity.ERROR,
        options={"placeholders": ["-", "–", "—"], "placeholder-titles": ["Eventuelt"]},
        check=check_empty_decision,
        kind="minutes",
    ),
]
