"""Every text the tool itself shows a user, in Danish and English, in one place.

The rules' own texts (summary, explanation, finding messages) are data beside the rules
(rules/<module>.toml); everything else a user reads (severity names, --list-rules and --explain
labels, problems with files, the summary, error lines, the HTML page's words) is in
messages.toml beside this module, read here. A test checks that every key has both
languages with the same placeholders.

A plural is written `one|many` and chosen by the `n` argument.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from referat_lint.input.packaged import packaged

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

_FILE = Path(__file__).with_name("messages.toml")


def _flat(tree: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """`[group.name]` tables as `group.name` keys: a table of strings is one text."""
    for name, value in tree.items():
        if all(isinstance(v, str) for v in value.values()):
            yield prefix + name, value
        else:
            yield from _flat(value, f"{prefix}{name}.")


def read_toml_texts() -> dict[str, dict[str, str]]:
    """The texts as messages.toml says, by `group.name` key."""
    import tomllib  # only when the kept copy is missing or stale (input/packaged.py)

    return dict(_flat(tomllib.loads(_FILE.read_text("utf-8"))))


TEXTS: dict[str, dict[str, str]] = packaged("messages", [_FILE], read_toml_texts)


def text(key: str, lang: str, /, **args: Any) -> str:
    """The text `key` in `lang`, filled in; `n` picks the singular or plural form."""
    template = TEXTS[key].get(lang) or TEXTS[key]["en"]
    if "|" in template:
        one, many = template.split("|", 1)
        template = one if args.get("n") == 1 else many
    return template.format(**args)


class _MessageFields(NamedTuple):
    key: str
    args: dict[str, Any]


class Message(_MessageFields):
    """A text for the user, kept as its key and arguments until the language is known
    (a problem found in a worker process is worded by the reporter)."""

    __slots__ = ()

    def __new__(cls, message_key: str, /, **args: Any) -> Message:
        return super().__new__(cls, message_key, args)

    # Picklable for worker processes despite the keyword-only __new__.
    def __reduce__(self) -> tuple[Callable[..., Message], tuple[str, dict[str, Any]]]:
        return (_message, (self.key, self.args))

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str) -> str:
        args = {k: v.render(lang) if isinstance(v, Message) else v for k, v in self.args.items()}
        return text(self.key, lang, **args)


def _message(key: str, args: dict[str, Any]) -> Message:
    return Message(key, **args)


def say(message: object, lang: str) -> str:
    """A Message in `lang`; any other object (a plain string) as it is."""
    return message.render(lang) if isinstance(message, Message) else str(message)
