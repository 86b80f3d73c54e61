"""Configuration: `[tool.referat-lint]` in pyproject.toml or `.referat-lint.toml`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.checking.findings import Severity
from referat_lint.checking.rule import Rule
from referat_lint.document.layout import LayoutError, load_layouts, load_project_profile
from referat_lint.input import locate, user_regex, watch
from referat_lint.input.identity import relative_path
from referat_lint.input.locate import CACHE_DIR as CACHE_DIR  # named here as ever
from referat_lint.input.locate import CONFIG_FILE as CONFIG_FILE
from referat_lint.input.reading import InputError, read_regular, toml_data
from referat_lint.input.user_regex import glob_match
from referat_lint.out.messages import Message
from referat_lint.schemas import load_schema, schema_problem

if TYPE_CHECKING:
    from typing import Any

DEFAULT_INCLUDE = ("*.txt", "*.md")
# Folders no archive of minutes keeps its minutes in: VCS data, virtual environments, build
# and tool caches. `exclude` replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "*.egg-info",
    "build",
    "dist",
    "node_modules",
    "__pycache__",
    ".cache",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".referat-lint-cache",
)
FAIL_ON = ("error", "warning")
# Minutes are tens of kilobytes; a year of them in one file is a few megabytes. At about
# 2 s and 15 bytes of memory per byte of hostile text, 10 MB bounds one file to seconds and
# a few hundred megabytes; anything larger is not minutes (raise max-file-size if it is).
DEFAULT_MAX_FILE_SIZE = 10 * 1000 * 1000
_MAX_CONFIG = 1000 * 1000


class ConfigError(Exception):
    """The configuration is invalid; the message is one line for the user."""


class Config(NamedTuple):
    """A validated configuration."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = {}
    severity: Mapping[str, Severity] = {}
    rule_options: Mapping[str, Mapping[str, Any]] = {}
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    case_number_patterns: tuple[tuple[str, str], ...] = ()
    lang: str | None = None
    # Layouts: a forced layout and kind (also per file pattern), the project's own
    # profiles as (name, JSON of the file), and the standard items replacing the layouts'.
    layout: str | None = None
    kind: str | None = None
    per_file_layout: Mapping[str, str] = {}
    per_file_kind: Mapping[str, str] = {}
    layouts: tuple[tuple[str, str], ...] = ()
    standard_items: tuple[str, ...] | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    check_all_text: bool = False  # run the encoding rules on files that are not minutes
    respect_gitignore: bool = True
    force_exclude: bool = False  # exclude applies to files named on the command line too
    fail_on: str = "warning"  # the lowest severity that makes the exit code 1
    path: Path | None = None  # the file it came from
    root: Path = Path()  # per-file-ignores are relative to this (the current folder by default)

    def enabled(self, rule: Rule, path: str | None = None) -> bool:
        """Whether `rule` runs (on `path`, when per-file-ignores apply)."""
        if not any(matches(s, rule) for s in self.select):
            return False
        if any(matches(s, rule) for s in self.ignore):
            return False
        if path is not None and self.per_file_ignores:
            # Every rule asks for every file: the globs are matched once per file, not once
            # per rule (a long per-file-ignores table cost seconds per hundred files).
            relative = _relative(path, self.root)
            for pattern in _globs_matching(relative, tuple(self.per_file_ignores)):
                if any(matches(s, rule) for s in self.per_file_ignores[pattern]):
                    return False
        return True

    def layout_for(self, path: str | None) -> str | None:
        """The layout forced for `path` (per-file-layout first, then layout), or None."""
        return self._per_file(self.per_file_layout, path) or self.layout

    def kind_for(self, path: str | None) -> str | None:
        """The kind forced for `path` (per-file-kind first, then kind), or None."""
        return self._per_file(self.per_file_kind, path) or self.kind

    def _per_file(self, table: Mapping[str, str], path: str | None) -> str | None:
        if path is None or not table:
            return None
        relative = _relative(path, self.root)
        return next((value for pattern, value in table.items() if _glob(relative, pattern)), None)

    def options(self, rule: Rule) -> dict[str, Any]:
        """The rule's default options overlaid with the configured ones."""
        return {**rule.options, **self.rule_options.get(rule.name, {})}


def matches(selector: str, rule: Rule) -> bool:
    """A selector is ALL, a rule name, a code or a code prefix (RL4)."""
    return selector == "ALL" or selector == rule.name or rule.code.startswith(selector.upper())


def _relative(path: str, root: Path) -> str:
    return relative_path(path, root) or PurePath(path).as_posix()


@lru_cache(maxsize=1024)
def _globs_matching(relative: str, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The patterns of `patterns` that match the file `relative`."""
    return tuple(pattern for pattern in patterns if _glob(relative, pattern))


def _glob(relative: str, pattern: str) -> bool:
    return glob_match(relative, pattern) or glob_match(PurePath(relative).name, pattern)


def did_you_mean(word: str, choices: Iterable[str]) -> Message | str:
    """ " (did you mean 'x'?)" for the closest of `choices`, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return Message("hint.did-you-mean", name=close[0]) if close else ""


def _selector_names(rules: Sequence[Rule]) -> list[str]:
    return ["ALL", *(rule.name for rule in rules), *(rule.code for rule in rules)]


def find_config_file(start: Path) -> Path | None:
    """The nearest .referat-lint.toml, or pyproject.toml with [tool.referat-lint], upward
    (in one folder .referat-lint.toml wins). A pyproject.toml that mentions referat-lint but
    cannot be read or parsed is a ConfigError, never skipped."""
    for path, text in locate.configs_above(str(start), _read_text):
        if text is None or _has_table(path, text):
            return Path(path)
    return None


def config_in(folder: Path) -> Path | None:
    """The config file in `folder` itself (not above), as find_config_file chooses it."""
    found = locate.in_folder(str(folder), _read_text)
    if found is None:
        return None
    path, text = found
    return Path(path) if text is None or _has_table(path, text) else None


def _read_text(path: str) -> str:
    return _read(Path(path))


def _has_table(path: str, text: str) -> bool:
    return "referat-lint" in _parse(Path(path), text).get("tool", {})


def _read(path: Path) -> str:
    watch.look(path)  # the record of a run that may be replayed stamps what it read
    try:
        return read_regular(path, _MAX_CONFIG).decode("utf-8")
    except InputError as error:
        raise ConfigError(Message("config.cannot-read", path=path, reason=error)) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(Message("config.cannot-read", path=path, reason=reason)) from error
    except UnicodeDecodeError as error:
        raise ConfigError(Message("config.not-utf8", path=path)) from error


def _parse(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # only a run with a config file: 4 ms of start-up

    try:
        return _parsed(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(Message("config.invalid-toml", path=path, reason=error)) from error


@lru_cache(maxsize=64)
def _parsed(text: str) -> dict[str, Any]:
    """A config file's data, parsed once per run however often the file is looked at (found,
    loaded, and again for the files of its folder); read, never changed."""
    return toml_data(text)


def load_config(path: Path | None, rules: Sequence[Rule]) -> Config:
    """Read and validate a config file; no file gives the defaults."""
    if path is None:
        return Config(root=Path.cwd())
    data = _parse(path, _read(path))
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("referat-lint", {})
    elif "tool" in data:  # .referat-lint.toml may hold the same table as pyproject.toml
        section = data["tool"].get("referat-lint") if isinstance(data["tool"], dict) else None
        if not isinstance(section, dict):
            raise ConfigError(Message("config.no-tool-table", path=path))
        if len(data) > 1:
            raise ConfigError(Message("config.both-tables", path=path))
        data = section
    return build_config(data, rules, path)


def build_config(data: Mapping[str, Any], rules: Sequence[Rule], path: Path | None) -> Config:
    """Validate raw settings against the schema and the rules' own options."""
    where = f"{path}: " if path else ""
    _unknown_keys(data, where)
    by_name = {rule.name: rule for rule in rules}
    for name in [*_table(data, "severity"), *_table(data, "rules")]:
        if name not in by_name:
            hint = did_you_mean(name, by_name)
            raise ConfigError(Message("config.unknown-rule", where=where, name=name, hint=hint))
    _validate_schema(data, where)
    for key in ("select", "ignore", "extend-select"):
        for selector in data.get(key, []):
            if not any(matches(selector, rule) for rule in rules):
                hint = did_you_mean(selector, _selector_names(rules))
                raise ConfigError(
                    Message(
                        "config.no-rule-matches", where=where, key=key, selector=selector, hint=hint
                    )
                )
    _check_rule_options(data, by_name, where)
    patterns = tuple(data.get("case-number-patterns", {}).items())
    for name, pattern in patterns:
        try:
            user_regex.check(pattern)  # runs in RE2: linear time whatever the pattern
        except user_regex.PatternError as error:
            raise ConfigError(
                Message("config.bad-pattern", where=where, name=name, reason=error)
            ) from error
    root = path.parent if path else Path.cwd()
    layouts = _project_layouts(data, root, where, patterns)
    return Config(
        select=tuple(data.get("select", ["ALL"])) + tuple(data.get("extend-select", [])),
        ignore=tuple(data.get("ignore", [])),
        per_file_ignores={k: tuple(v) for k, v in data.get("per-file-ignores", {}).items()},
        severity={k: Severity(v) for k, v in data.get("severity", {}).items()},
        rule_options=data.get("rules", {}),
        include=tuple(data.get("include", DEFAULT_INCLUDE)),
        exclude=tuple(data.get("exclude", DEFAULT_EXCLUDE)) + tuple(data.get("extend-exclude", [])),
        case_number_patterns=patterns,
        lang=data.get("lang"),
        layout=data.get("layout"),
        kind=data.get("kind"),
        per_file_layout=dict(data.get("per-file-layout", {})),
        per_file_kind=dict(data.get("per-file-kind", {})),
        layouts=layouts,
        standard_items=tuple(data["standard-items"]) if "standard-items" in data else None,
        max_file_size=data.get("max-file-size", DEFAULT_MAX_FILE_SIZE),
        check_all_text=data.get("check-all-text", False),
        respect_gitignore=data.get("respect-gitignore", True),
        force_exclude=data.get("force-exclude", False),
        fail_on=data.get("fail-on", "warning"),
        path=path,
        root=root,
    )


def _check_rule_options(data: Mapping[str, Any], by_name: Mapping[str, Rule], where: str) -> None:
    """Each `[rules.<name>]` option is one the rule has, of the type of its default."""
    for name, options in data.get("rules", {}).items():
        rule = by_name[name]
        for option, value in options.items():
            if option not in rule.options:
                known = ", ".join(rule.options) or "–"
                raise ConfigError(
                    Message(
                        "config.unknown-option",
                        where=where,
                        name=name,
                        option=option,
                        known=known,
                        hint=did_you_mean(option, rule.options),
                    )
                )
            if type(value) is not type(rule.options[option]):
                expected = type(rule.options[option]).__name__
                raise ConfigError(
                    Message(
                        "config.wrong-type",
                        where=where,
                        name=name,
                        option=option,
                        expected=expected,
                    )
                )


def _project_layouts(
    data: Mapping[str, Any], root: Path, where: str, patterns: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The project's own layout profiles, validated, and every layout name the config uses
    checked against the known ones."""
    project = []
    try:
        for name in data.get("layouts", []):
            watch.look(root / name)
            profile = load_project_profile(root / name)
            project.append((profile["name"], _as_key(profile)))
        known = {layout.name for layout in load_layouts(tuple(project), patterns)}
    except LayoutError as error:
        raise ConfigError(f"{where}{error}") from None
    named = [data.get("layout"), *data.get("per-file-layout", {}).values()]
    for name in named:
        if name is not None and name not in known:
            raise ConfigError(f"{where}unknown layout {name!r} (known: {', '.join(sorted(known))})")
    return tuple(project)


def _as_key(profile: dict[str, Any]) -> str:
    """A project profile as text the layouts' cache can key."""
    import json  # only a project's own profiles: 2 ms of every other start-up

    return json.dumps(profile, sort_keys=True)


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    return value if isinstance(value, Mapping) else {}


def _unknown_keys(data: Mapping[str, Any], where: str) -> None:
    """A key the schema does not know, worded with the closest known key."""
    known = load_schema("config.schema.json")["properties"]
    for key in data:
        if key not in known:
            hint = did_you_mean(key, known)
            raise ConfigError(Message("config.unknown-key", where=where, key=key, hint=hint))


def _validate_schema(data: Mapping[str, Any], where: str) -> None:
    problem = schema_problem(data, "config.schema.json")
    if problem is not None:
        raise ConfigError(_worded(data, where, problem))


def _worded(data: Mapping[str, Any], where: str, problem: str) -> Message:
    """The schema's complaint in the user's language: a wrong type or a value not among
    the choices (with the closest one) by name, anything else with jsonschema's words."""
    import jsonschema  # only to word an invalid config: 30 ms to import

    validator = jsonschema.Draft202012Validator(load_schema("config.schema.json"))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    location, _, reason = problem.partition(": ")
    types = ("array", "object", "string", "integer", "boolean")
    if error is not None and error.validator == "type" and error.validator_value in types:
        expected = Message(f"type.{error.validator_value}")
        return Message("config.value-type", where=where, location=location, expected=expected)
    if error is not None and error.validator == "enum" and isinstance(error.instance, str):
        choices = [str(choice) for choice in error.validator_value]
        return Message(
            "config.value-choice",
            where=where,
            location=location,
            value=error.instance,
            choices=", ".join(choices),
            hint=did_you_mean(error.instance, choices),
        )
    return Message("config.invalid-value", where=where, location=location, reason=reason)
