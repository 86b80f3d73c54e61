"""Rule metadata rendered for people: the one place that says what a rule is, in one language.

`--list-rules` and the README table show a rule's row; `--explain`, SARIF's rule list and the
HTML page show its description (summary, explanation, how it is fixed) in their own markup.
`python -m referat_lint.out.docs README.md` rewrites the README's table in place and writes each
rule's page, `docs/rules/<name>.md` beside it (the `--explain` text in both languages), which
the table and SARIF's `helpUri` link to; a test keeps them in step.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from referat_lint.checking.rule import Rule
from referat_lint.out.messages import text
from referat_lint.out.privacy import mask
from referat_lint.rules import all_rules

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
PAGES = Path("docs") / "rules"  # the rule pages, relative to the README


def page_path(rule: Rule) -> str:
    """The rule's page, relative to the repository's root (POSIX)."""
    return (PAGES / f"{rule.name}.md").as_posix()


def rule_page(rule: Rule) -> str:
    """The rule's documentation page: its `--explain` text in English and Danish."""
    parts = [f"# {rule.name} ({rule.code})\n\n<!-- {text('docs.generated', 'en')} -->\n"]
    for lang, heading in (("en", "English"), ("da", "Dansk")):
        parts.append(f"\n## {heading}\n\n```text\n{explain(rule, lang)}```\n")
    return "".join(parts)


def repository_url() -> str | None:
    """The project's repository (the `Repository` URL of the installed package's metadata),
    or None when the package names none."""
    from importlib.metadata import PackageNotFoundError, metadata  # 25 ms, SARIF only

    try:
        urls = metadata("referat-lint").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("repository", "source") and url.strip():
            return url.strip().rstrip("/")
    return None


def help_uri(rule: Rule, repository: str | None) -> str | None:
    """Where the rule's page is read on the web: its file in the repository."""
    return f"{repository}/blob/HEAD/{page_path(rule)}" if repository else None


def severity_word(rule: Rule, lang: str) -> str:
    return text(f"severity.{rule.severity.value}", lang)


def row(rule: Rule, lang: str) -> tuple[str, str, str, str, str]:
    """Code, name, severity, fix availability, summary: a rule in one line."""
    fix = rule.fix_availability.value
    return rule.code, rule.name, severity_word(rule, lang), fix, rule.summary[lang]


def description(rule: Rule, lang: str, how: str) -> tuple[str, str, str]:
    """The summary as a sentence, the explanation, and `how` (the output's words on fixing)."""
    return f"{rule.summary[lang]}.", rule.explanation[lang], how


def list_rules(rules: Sequence[Rule], lang: str) -> str:
    """`--list-rules`: one aligned line a rule."""
    rows = [row(rule, lang) for rule in rules]
    width = max(len(name) for _, name, _, _, _ in rows)
    level_width = max(len(severity) for _, _, severity, _, _ in rows)
    marks = {fix: text(f"list.fix.{fix}", lang) if fix != "never" else "" for *_, fix, _ in rows}
    mark_width = max(len(mark) for mark in marks.values())
    return "".join(
        f"{code}  {name:<{width}}  {marks[fix]:<{mark_width}}  "
        f"{severity:<{level_width}}  {summary}\n"
        for code, name, severity, fix, summary in rows
    )


def examples(rule: Rule, lang: str) -> str:
    """The rule's bad and good example, each indented under its label (a CPR number in an
    example is masked, as in every output)."""
    example = rule.example
    if not example:
        return ""

    parts = []
    for kind in ("bad", "good"):
        label = text(f"explain.{kind}", lang)
        if kind == "bad" and "encoding" in example:
            label += f" ({text('explain.saved-as', lang, encoding=example['encoding'])})"
        body = "".join(f"    {line}".rstrip() + "\n" for line in mask(example[kind]).splitlines())
        parts.append(f"\n{label}:\n\n{body}")
    return "".join(parts)


def explain(rule: Rule, lang: str) -> str:
    """`--explain`: the description, the rule's facts, then its examples."""
    code, name, severity, fix, _ = row(rule, lang)
    summary, explanation, _ = description(rule, lang, "")
    options = ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()) or "–"
    return (
        f"{name} ({code})\n\n{summary}\n\n{explanation}\n\n"
        f"{text('explain.code', lang)}: {code}\n"
        f"{text('explain.severity', lang)}: {severity}\n"
        f"{text('explain.fix', lang)}: {text(f'fix.{fix}', lang)}\n"
        f"{text('explain.options', lang)}: {options}\n"
        f"{examples(rule, lang)}"
    )


def rule_table(rules: Sequence[Rule]) -> str:
    """A Markdown table: code, name, severity, fix availability, English and Danish summary."""
    rows = [
        "| Code | Name | Severity | Fix | What it checks | Hvad den kontrollerer |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        code, name, _, fix, summary_en = row(rule, "en")
        rows.append(
            f"| {code} | [`{name}`]({page_path(rule)}) | {rule.severity.value} | "
            f"{'' if fix == 'never' else fix} | {summary_en} | {rule.summary['da']} |"
        )
    return "\n".join(rows)


def with_table(readme: str, rules: Sequence[Rule]) -> str:
    """The README text with the part between the markers replaced by the current table."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_table(rules)}\n{END}{tail}"


def main(argv: Sequence[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    path.write_text(with_table(path.read_text("utf-8"), all_rules()), "utf-8")
    pages = path.parent / PAGES
    pages.mkdir(parents=True, exist_ok=True)
    for rule in all_rules():
        (pages / f"{rule.name}.md").write_text(rule_page(rule), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
