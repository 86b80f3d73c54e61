"""Which language messages are shown in."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("da", "en")


def default_lang(env: Mapping[str, str] | None = None) -> str:
    """Danish for a `da_*` locale, English otherwise (the first of LC_ALL, LC_MESSAGES, LANG)."""
    env = os.environ if env is None else env
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"
