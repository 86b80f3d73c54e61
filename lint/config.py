"""Configuration: `[tool.referat-lint]` in pyproject.toml or `.referat-lint.toml`."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from . import regex_guard
from .findings import Severity
from .reading import InputError, read_regular
from .rule import Rule
from .schemas import schema_problem

# typing only for the type checker: importing it costs every run start-up time
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONFIG_FILE = ".referat-lint.toml"
DEFAULT_INCLUDE = ("*.txt", "*.md")
DEFAULT_EXCLUDE = (".git", ".venv", "venv", "node_modules", ".referat-lint-cache", "__pycache__")
# Minutes are tens of kilobytes; a year of them in one file is a few megabytes. At about
# 2 s and 15 bytes of memory per byte of hostile text, 10 MB bounds one file to seconds and
# a few hundred megabytes; anything larger is not minutes (raise max-file-size if it is).
DEFAULT_MAX_FILE_SIZE = 10 * 1000 * 1000


_MAX_CONFIG = 1000 * 1000


class ConfigError(Exception):
    """The configuration is invalid; the message is one line for the user."""


@dataclass(frozen=True)
class Config:
    """A validated configuration."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    case_number_patterns: tuple[tuple[str, str], ...] = ()
    lang: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # per-file-ignores are relative to this

    def enabled(self, rule: Rule, path: str | None = None) -> bool:
        """Whether `rule` runs (on `path`, when per-file-ignores apply)."""
        if not any(matches(s, rule) for s in self.select):
            return False
        if any(matches(s, rule) for s in self.ignore):
            return False
        if path is not None and self.per_file_ignores:
            relative = _relative(path, self.root)
            for pattern, selectors in self.per_file_ignores.items():
                if _glob(relative, pattern) and any(matches(s, rule) for s in selectors):
                    return False
        return True

    def options(self, rule: Rule) -> dict[str, Any]:
        """The rule's default options overlaid with the configured ones."""
        return {**rule.options, **self.rule_options.get(rule.name, {})}


def matches(selector: str, rule: Rule) -> bool:
    """A selector is ALL, a rule name, a code or a code prefix (RL4)."""
    return selector == "ALL" or selector == rule.name or rule.code.startswith(selector.upper())


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return PurePath(path).as_posix()


def _glob(relative: str, pattern: str) -> bool:
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePath(relative).name, pattern)


def find_config_file(start: Path) -> Path | None:
    """The nearest .referat-lint.toml, or pyproject.toml with [tool.referat-lint], upward."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "referat-lint" not in text:  # most projects' pyproject: no TOML parse needed
                continue
            import tomllib

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                continue
            if "referat-lint" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None, rules: Sequence[Rule]) -> Config:
    """Read and validate a config file; no file gives the defaults."""
    if path is None:
        return Config()
    import tomllib

    try:
        data = tomllib.loads(read_regular(path, _MAX_CONFIG).decode("utf-8"))
    except InputError as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from error
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: config is not UTF-8") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("referat-lint", {})
    return build_config(data, rules, path)


def build_config(data: Mapping[str, Any], rules: Sequence[Rule], path: Path | None) -> Config:
    """Validate raw settings against the schema and the rules' own options."""
    where = f"{path}: " if path else ""
    _validate_schema(data, where)
    by_name = {rule.name: rule for rule in rules}
    for key in ("select", "ignore", "extend-select"):
        for selector in data.get(key, []):
            if not any(matches(selector, rule) for rule in rules):
                raise ConfigError(f"{where}{key}: no rule matches {selector!r}")
    for name in [*data.get("severity", {}), *data.get("rules", {})]:
        if name not in by_name:
            raise ConfigError(f"{where}unknown rule {name!r} (see --list-rules)")
    for name, options in data.get("rules", {}).items():
        rule = by_name[name]
        for option, value in options.items():
            if option not in rule.options:
                known = ", ".join(rule.options) or "none"
                raise ConfigError(
                    f"{where}rules.{name}: unknown option {option!r} (known: {known})"
                )
            if type(value) is not type(rule.options[option]):
                expected = type(rule.options[option]).__name__
                raise ConfigError(f"{where}rules.{name}.{option}: expected {expected}")
    patterns = tuple(data.get("case-number-patterns", {}).items())
    for name, pattern in patterns:
        try:
            regex_guard.check(pattern)  # compiles, and refuses catastrophic backtracking
        except re.error as error:
            raise ConfigError(
                f"{where}case-number-patterns.{name}: bad pattern: {error}"
            ) from error
    root = path.parent if path else Path.cwd()
    return Config(
        select=tuple(data.get("select", ["ALL"])) + tuple(data.get("extend-select", [])),
        ignore=tuple(data.get("ignore", [])),
        per_file_ignores={k: tuple(v) for k, v in data.get("per-file-ignores", {}).items()},
        severity={k: Severity(v) for k, v in data.get("severity", {}).items()},
        rule_options=data.get("rules", {}),
        include=tuple(data.get("include", DEFAULT_INCLUDE)),
        exclude=DEFAULT_EXCLUDE + tuple(data.get("exclude", [])),
        case_number_patterns=patterns,
        lang=data.get("lang"),
        max_file_size=data.get("max-file-size", DEFAULT_MAX_FILE_SIZE),
        path=path,
        root=root,
    )


def _validate_schema(data: Mapping[str, Any], where: str) -> None:
    problem = schema_problem(data, "config.schema.json")
    if problem is not None:
        raise ConfigError(f"{where}{problem}")
