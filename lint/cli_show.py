"""The options that print something and exit: --list-rules, --explain, --show-document,
--show-settings and --show-files."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from referat_lint.checking.findings import Stage
from referat_lint.checking.pipeline import Options, check_file
from referat_lint.checking.runner import read_bytes
from referat_lint.cli_args import EXIT_CLEAN, EXIT_ERROR, UsageError
from referat_lint.config import did_you_mean
from referat_lint.out import docs, privacy
from referat_lint.out.messages import Message, say, text
from referat_lint.out.show import document_data
from referat_lint.rules import all_rules, rule_by_name_or_code
from referat_lint.settings import show_settings

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence

    from referat_lint.checking.rule import Rule
    from referat_lint.config import Config
    from referat_lint.input.files import Target
    from referat_lint.settings import Resolver


def _show(
    args: argparse.Namespace, rules: Sequence[Rule], resolver: Resolver, lang: str
) -> int | None:
    """The options that print something and exit (their exit code), or None."""
    if args.list_rules:
        sys.stdout.write(list_rules(rules, lang))
        return EXIT_CLEAN
    if args.explain:
        sys.stdout.write(explain(args.explain, rules, lang))
        return EXIT_CLEAN
    if args.show_document:
        return _show_document(args.show_document, resolver.for_path(args.show_document))
    if args.show_settings:
        name = privacy.display_path(args.show_settings)  # valid text, as in every report
        settings = show_settings(name, resolver.for_path(args.show_settings))
        sys.stdout.write(privacy.seal(settings, "json"))
        return EXIT_CLEAN
    return None


def _show_files(targets: Iterable[Target], lang: str) -> int:
    """--show-files: each file a run would check, one a line; problems with paths on stderr."""
    code = EXIT_CLEAN
    for target in targets:
        if target.problem is None:
            print(privacy.line(target.path))
            continue
        level = text("level.error" if target.fatal else "level.warning", lang)
        line = f"referat-lint: {level}: {target.path}: {say(target.problem, lang)}"
        print(privacy.line(line), file=sys.stderr)
        code = EXIT_ERROR if target.fatal else code
    return code


def _show_document(path: str, config: Config) -> int:
    """Print what the parser reads from one file (`-`: stdin) as JSON."""
    import json  # only --show-document prints JSON: 2 ms of every other start-up

    try:
        data = read_bytes(path, config)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    except ValueError as error:  # too large, or not a regular file: one line, no traceback
        raise UsageError(f"{path}: {say(error.args[0], 'en')}") from None
    # The document as the structure rules read it: after the encoding rules' repairs.
    rules = [rule for rule in all_rules() if rule.stage is Stage.ENCODING]
    result = check_file(data, config, path, rules, Options(document=True))
    if result.decoded is None or result.decoded.document is None:
        raise UsageError(f"{path}: {say(result.problem, 'en')}")
    shown = document_data(result.decoded.document, privacy.display_path(path))
    sys.stdout.write(privacy.seal(json.dumps(shown, ensure_ascii=False, indent=1) + "\n", "json"))
    return EXIT_CLEAN


def list_rules(rules: Sequence[Rule], lang: str) -> str:
    return docs.list_rules(rules, lang)


def explain(key: str, rules: Sequence[Rule], lang: str) -> str:
    rule = rule_by_name_or_code(key)
    if rule is None:
        hint = did_you_mean(key, [r.name for r in rules] + [r.code for r in rules])
        raise UsageError(Message("usage.unknown-rule", key=key, hint=hint))
    return docs.explain(rule, lang)
