"""ftfy, imported without its terminal-width helper until something asks for a width.

ftfy's package imports its `formatting` module (text padded to a terminal's width), which
imports wcwidth: 25 ms of ftfy's 50 ms import, paid by every process that repairs a line,
while encoding repair never asks for a width. During ftfy's import `wcwidth` names a
stand-in whose two functions load the real wcwidth when first called, so ftfy works in
full; once ftfy is imported, `import wcwidth` is the real module again. Should ftfy ask
wcwidth for anything else, ftfy is imported again the ordinary way.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

_WIDTH_MODULE = "wcwidth"
_WIDTH_FUNCTIONS = frozenset({"wcwidth", "wcswidth"})  # what ftfy.formatting imports


def ftfy() -> types.ModuleType:
    """The ftfy package, imported once per process."""
    loaded = sys.modules.get("ftfy")
    if loaded is not None or _WIDTH_MODULE in sys.modules:
        return loaded or importlib.import_module("ftfy")
    sys.modules[_WIDTH_MODULE] = _StandIn(_WIDTH_MODULE)
    try:
        return importlib.import_module("ftfy")
    except ImportError:  # another ftfy asks for more of wcwidth: the ordinary import
        for name in [n for n in sys.modules if n == "ftfy" or n.startswith("ftfy.")]:
            del sys.modules[name]
        sys.modules.pop(_WIDTH_MODULE, None)
        return importlib.import_module("ftfy")
    finally:
        if isinstance(sys.modules.get(_WIDTH_MODULE), _StandIn):
            del sys.modules[_WIDTH_MODULE]


class _StandIn(types.ModuleType):
    """wcwidth's two functions, each loading the real module when first called."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in _WIDTH_FUNCTIONS:
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 (wcwidth's own)
            return getattr(importlib.import_module(_WIDTH_MODULE), name)(*args, **kwargs)

        call.__name__ = name
        return call
