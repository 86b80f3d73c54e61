"""Which language messages are shown in."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

LANGUAGES = ("da", "en")


def default_lang(env: Mapping[str, str] | None = None, system: str | None = None) -> str:
    """Danish for a Danish locale, English otherwise: the first of LC_ALL, LC_MESSAGES and
    LANG, or, with none set (Windows sets none), the system's locale (`system`, by default
    locale.getlocale(): `da_DK` on Linux, `Danish_Denmark` on a Danish Windows)."""
    env = os.environ if env is None else env
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if value:
            return _lang_of(value)
    if system is None:
        system = locale.getlocale()[0] or ""
    return _lang_of(system)


def _lang_of(name: str) -> str:
    lowered = name.lower()
    return "da" if lowered.startswith(("da_", "da-", "danish")) or lowered == "da" else "en"
