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
>>> referat_lint.check(minutes, path="byraadet.txt", fix=True).fixed.decode().splitlines()[-1]
'Godkendt med den ændring.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import NamedTuple

from referat_lint.checking.findings import Finding
from referat_lint.checking.rule import Rule
from referat_lint.checking.runner import FileResult, Mode, check_file
from referat_lint.config import Config, build_config, load_config
from referat_lint.out.messages import say
from referat_lint.out.privacy import outward

__all__ = ["CheckResult", "check"]


class CheckResult(NamedTuple):
    """What `check` found in one text."""

    path: str
    findings: tuple[Finding, ...]  # in document order; with fix=True, what the fixes left
    fixed: bytes | None  # with fix=True: the repaired bytes (the input when nothing changed)
    encoding: str | None  # the encoding the bytes were read in
    problem: str | None  # the text could not be checked (empty, binary): why, in English

    def lines(self, lang: str = "en") -> list[str]:
        """The findings as the CLI's text output prints them, one line each."""
        from referat_lint.out.report import ReportContext
        from referat_lint.out.report.text_report import finding_line
        from referat_lint.rules import all_rules

        context = ReportContext({rule.name: rule for rule in all_rules()}, lang, False)
        result = FileResult(self.path, self.findings)
        return [finding_line(result, finding, context) for finding in self.findings]


def check(
    data: bytes | str,
    path: str = "<data>",
    config: Config | Mapping[str, object] | str | PathLike[str] | None = None,
    *,
    fix: bool = False,
    unsafe: bool = False,
) -> CheckResult:
    """Check the minutes in `data` (bytes as read from a file, or text).

    `path` names the text in findings and decides `per-file-ignores`; nothing is read
    from or written to it. `config` is a Config, the settings of a `[tool.referat-lint]`
    table as a mapping, the path of a config file, or None for the defaults. With
    `fix=True` the safe fixes (and with `unsafe=True` the unsafe ones) are applied, the
    repaired bytes are in `.fixed` and `.findings` holds what is left. A config that is
    not valid raises `referat_lint.config.ConfigError`; a text that cannot be checked is
    not an exception but a result with `.problem` set. As in every report, CPR numbers
    are masked in the findings (never in `.fixed`).
    """
    from referat_lint.rules import all_rules

    rules = all_rules()
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    result = check_file(
        path,
        rules,
        _config(config, rules),
        Mode.FIX if fix else Mode.CHECK,
        unsafe=unsafe,
        data=raw,
        write=False,
    )
    fixed = (result.output if result.output is not None else raw) if fix else None
    # The findings leave the library as any report does: CPR numbers masked. The repaired
    # bytes are the caller's own text and stay whole.
    result = outward(result)
    problem = say(result.problem, "en") if result.problem is not None else None
    return CheckResult(path, result.findings, fixed, result.encoding, problem)


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
