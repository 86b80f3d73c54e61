"""The HTML page's words in the chosen language, and its escaping."""

from __future__ import annotations

import html
import re

from referat_lint.out.messages import TEXTS as _ALL_TEXTS
from referat_lint.out.messages import text

_CODE = re.compile(r"`([^`]+)`")


class _Texts:
    """The page's words in one language: t["title"] is the text of key html.title."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return _ALL_TEXTS[f"html.{key}"][self.lang]

    def n(self, key: str, n: int, **args: object) -> str:
        return text(f"html.{key}", self.lang, n=n, **args)


TEXTS = {lang: _Texts(lang) for lang in ("da", "en")}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _inline(text: str) -> str:
    """Escaped text with `backticked` parts as <code>, as the rules' texts are written."""
    return _CODE.sub(r"<code>\1</code>", _e(text))
