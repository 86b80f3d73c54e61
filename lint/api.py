"""The Python API: check minutes held in memory, with the same results as the CLI.

>>> import referat_lint
>>> minutes = (
...     "REFERAT Byrådet d. 19-06-2024\\n\\nPunkt 1: Godkendelse af dagsorden\\n\\n"
...     "24-000001\\n\\nBeslutning\\n\\nGodkendt med den Ã¦ndring.\\n"
... )
>>> result = referat_lint.check(minutes, path="byraadet.txt")
>>> [(f.rule, f.span.line) for f in result.findings]
[('mojibake', 9)]
>>> result.lines()[0]
'byraadet.txt:9:18: error RL101 mojibake [*] mis-decoded text `Ã¦`, should read `æ`'
>>> result.findings[0].message
'mis-decoded text `Ã¦`, should read `æ`'
>>> referat_lint.check(minutes, path="byraadet.txt", fix=True).fixed.splitlines()[-1]
'Godkendt med den ændring.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from os import PathLike, fspath
from pathlib import Path
from typing import Any, NamedTuple

from referat_lint.checking.findings import Finding, Fix, FixView, Severity, Span, Stage
from referat_lint.checking.pipeline import Options, check_file
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import FileResult, Mode, read_bytes
from referat_lint.config import Config, build_config, load_config
from referat_lint.out.messages import Message, say
from referat_lint.out.privacy import for_format, outward
from referat_lint.out.report import ReportContext
from referat_lint.out.report.text_report import finding_line
from referat_lint.rules import all_rules

__all__ = ["CheckResult", "check"]


class CheckedFinding(NamedTuple):
    """A finding with its message worded (in the language `check` was asked for): the
    fields of `Finding`, in its order, then `message`."""

    rule: str
    code: str
    severity: Severity
    span: Span
    message_key: str = "default"
    args: dict[str, Any] = {}  # noqa: RUF012 -- read only, as a Finding's
    fix: Fix | None = None
    stage: Stage = Stage.STRUCTURE
    snippet: str = ""
    fix_view: FixView | None = None
    page: int | None = None
    message: str = ""

    def finding(self) -> Finding:
        """The finding without its worded message."""
        return Finding._make(self[:-1])


class CheckResult(NamedTuple):
    """What `check` found in one text."""

    path: str
    findings: tuple[CheckedFinding, ...]  # in document order; with fix=True, what is left
    fixed: bytes | str | None  # with fix=True: the repaired text, of the input's type
    encoding: str | None  # the encoding the bytes were read in
    problem: str | None  # the text could not be checked (empty, binary): why
    lang: str = "en"  # the language of the messages

    def lines(self, lang: str | None = None) -> list[str]:
        """The findings as the CLI's text output prints them, one line each (control
        characters escaped as the CLI escapes them)."""
        context = ReportContext({rule.name: rule for rule in all_rules()}, lang or self.lang)
        findings = tuple(finding.finding() for finding in self.findings)
        (result,) = for_format([FileResult(self.path, findings)], "text")
        return [finding_line(result, finding, context) for finding in result.findings]


# The API's one entry point: each accepted input form and option is handled in view of
# the others, in the order the docstring lists them.
def check(
    data: bytes | str | PathLike[str],
    path: str | None = None,
    config: Config | Mapping[str, object] | str | PathLike[str] | None = None,
    *,
    fix: bool = False,
    unsafe: bool = False,
    lang: str = "en",
) -> CheckResult:
    """Check the minutes in `data`: bytes as read from a file, text (a `str` is always
    text, never a file name), or a `Path`, whose file is read (never written).

    `path` names the text in findings and decides `per-file-ignores` (default: the Path's
    own name, else "<data>"); nothing is read from or written to it. `config` is a
    Config, the settings of a `[tool.referat-lint]` table as a mapping, the path of a
    config file, or None for the defaults. With `fix=True` the safe fixes (and with
    `unsafe=True` the unsafe ones) are applied, the repaired text is in `.fixed` (a
    `str` for `str` input, else bytes) and `.findings` holds what is left. Each finding's
    `.message` is worded in `lang`. A config that is not valid raises
    `referat_lint.config.ConfigError`; a text that cannot be checked is not an exception
    but a result with `.problem` set. As in every report, CPR numbers are masked in the
    findings (never in `.fixed`).
    """
    rules = all_rules()
    settings = _config(config, rules)
    if path is None:
        path = fspath(data) if isinstance(data, PathLike) else "<data>"
    if isinstance(data, PathLike):
        try:
            raw = read_bytes(fspath(data), settings)
        except OSError as error:
            unread = Message("problem.cannot-read", reason=error.strerror or str(error))
            return CheckResult(path, (), None, None, say(unread, lang), lang)
        except ValueError as error:  # too large, or not a regular file
            return CheckResult(path, (), None, None, say(error.args[0], lang), lang)
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    options = Options(Mode.FIX if fix else Mode.CHECK, unsafe, write=False)
    result = check_file(raw, settings, path, rules, options)
    fixed_bytes = (result.output if result.output is not None else raw) if fix else None
    fixed: bytes | str | None = fixed_bytes
    if isinstance(data, str) and fixed_bytes is not None:
        fixed = fixed_bytes.decode("utf-8")  # text in, text out (fixes keep it UTF-8)
    # The findings leave the library as any report does: CPR numbers masked. The repaired
    # text is the caller's own and stays whole.
    result = outward(result)
    by_name = {rule.name: rule for rule in rules}
    findings = tuple(
        CheckedFinding(*finding, message=by_name[finding.rule].message(finding, lang))
        for finding in result.findings
    )
    why = say(result.problem, lang) if result.problem is not None else None
    return CheckResult(path, findings, fixed, result.encoding, why, lang)


def _config(
    config: Config | Mapping[str, object] | str | PathLike[str] | None, rules: Sequence[Rule]
) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return build_config(config, rules, None)
    return load_config(Path(config), rules)
