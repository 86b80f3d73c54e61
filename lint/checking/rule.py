"""Rule metadata and the context a rule's check() receives.

A rule module declares its rules (code, name, severity, options) next to their checks; the
rules' texts in Danish and English (title, summary, explanation, page text for the HTML page,
finding messages) are data beside the module (`rules/<module>.toml`). `--list-rules`,
`--explain`, the README table, the reports and the config schema all read these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.checking.findings import Finding, Fix, FixAvailability, Severity, Span, Stage
from referat_lint.checking.rule_texts import module_texts, rule_texts
from referat_lint.document.model import Document, Text
from referat_lint.input.source import Source

if TYPE_CHECKING:
    from typing import Any

Lang = str  # "da" or "en"


class Rule(NamedTuple):
    """One rule: a stable kebab-case name, a code, texts in Danish and English, a check."""

    code: str
    name: str
    stage: Stage
    severity: Severity
    check: Callable[[Context], Iterable[Finding]]
    options: Mapping[str, Any] = {}
    fix_availability: FixAvailability = FixAvailability.NEVER
    # Structure rules are skipped on a text that is not minutes (one not-minutes warning
    # instead of a cascade); the rule that says so sets this to False.
    requires_minutes: bool = True
    # The kind of document the rule applies to ("minutes": decision rules skip agendas),
    # or None for every kind.
    kind: str | None = None
    # The offending text is personal data: reports that show the text around findings
    # show this rule's spans masked (a CPR number must not reach a report either).
    sensitive: bool = False

    @property
    def title(self) -> Mapping[Lang, str]:
        """The rule's name in plain words, as the HTML page shows it."""
        return _texts(self)["title"]

    @property
    def page(self) -> Mapping[Lang, str]:
        """What the rule finds, written for records staff (the HTML page): no option names,
        no technical terms."""
        return _texts(self)["page"]

    @property
    def summary(self) -> Mapping[Lang, str]:
        """One line saying what the rule finds."""
        return _texts(self)["summary"]

    @property
    def explanation(self) -> Mapping[Lang, str]:
        """What the rule checks and why, what it leaves alone, what `--fix` does."""
        return _texts(self)["explanation"]

    @property
    def example(self) -> Mapping[str, Any] | None:
        """Short fictional minutes: `bad` gives this rule's one finding, on `line`, and
        `good` none (`encoding`: the bad one is saved in that encoding); None for a rule
        no text can show (the PDF rules)."""
        return _texts(self).get("example")

    @property
    def messages(self) -> Mapping[str, Mapping[Lang, str]]:
        """The finding messages by key, each a template filled in from a finding's args."""
        return _texts(self)["messages"]

    def message(self, finding: Finding, lang: Lang) -> str:
        """The finding's message in `lang`, filled in from the finding's arguments."""
        templates = self.messages[finding.message_key]
        template = templates.get(lang) or templates["en"]
        return template.format(**finding.args)

    def page_message(self, finding: Finding, lang: Lang) -> str:
        """The message as the HTML page words it: the rule's `page-messages` form where
        the terminal's names an option or a setting, else the same message."""
        templates = _texts(self).get("page-messages", {}).get(finding.message_key)
        if templates is None:
            return self.message(finding, lang)
        return (templates.get(lang) or templates["en"]).format(**finding.args)


def _texts(rule: Rule) -> Mapping[str, Any]:
    """The rule's texts: from its own module's TOML file, else from all of them (a rule
    declared outside its family's module)."""
    texts = module_texts(rule.check.__module__).get(rule.name)
    return texts if texts is not None else rule_texts()[rule.name]


class Context(NamedTuple):
    """What one rule sees of one file: the text, its source, the parsed document, options."""

    rule: Rule
    text: Text
    source: Source
    options: Mapping[str, Any]
    document: Document | None = None

    @property
    def doc(self) -> Document:
        """The parsed document (structure-stage rules only)."""
        assert self.document is not None, f"{self.rule.name} runs before parsing"
        return self.document

    def finding(
        self,
        span: Span,
        key: str = "default",
        *,
        fix: Fix | None = None,
        snippet: str = "",
        **args: Any,
    ) -> Finding:
        """A finding of this rule at `span`, with message `key` filled in from `args`."""
        if key not in self.rule.messages:
            raise KeyError(f"{self.rule.name} has no message {key!r}")
        return Finding(
            rule=self.rule.name,
            code=self.rule.code,
            severity=self.rule.severity,
            span=span,
            message_key=key,
            args=args,
            fix=fix,
            stage=self.rule.stage,
            snippet=snippet,
        )
