"""ftfy, imported without wcwidth until something asks ftfy for a display width.

ftfy's package imports its display helpers (`ftfy.formatting`), and they import wcwidth
at once: 23 ms of the 48 ms ftfy costs each process that repairs a line, for functions
the linter never calls (it repairs encodings; it never pads text for a terminal). While
ftfy loads, `wcwidth` is a stand-in whose two functions import the real module when
first called; it leaves `sys.modules` as soon as ftfy is loaded, so any other import of
wcwidth gets the real module. Where wcwidth is already loaded, or an ftfy asks the
stand-in for a name it lacks, ftfy is imported plainly.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

_NAMES = ("wcswidth", "wcwidth")  # what ftfy.formatting imports from wcwidth


def load_ftfy() -> types.ModuleType:
    """The ftfy package (imported once per process, as any import)."""
    if "ftfy" in sys.modules or "wcwidth" in sys.modules:
        return importlib.import_module("ftfy")
    stand_in = types.ModuleType("wcwidth", "Stands for wcwidth while ftfy loads.")
    for name in _NAMES:
        setattr(stand_in, name, _deferred(name))
    sys.modules["wcwidth"] = stand_in
    try:
        return importlib.import_module("ftfy")
    except ImportError:  # an ftfy that needs more of wcwidth: imported plainly below
        for name in [n for n in sys.modules if n == "ftfy" or n.startswith("ftfy.")]:
            del sys.modules[name]
    finally:
        if sys.modules.get("wcwidth") is stand_in:
            del sys.modules["wcwidth"]
    return importlib.import_module("ftfy")


def _deferred(name: str) -> Callable[..., Any]:
    """wcwidth's function `name`, imported when first called."""

    def call(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 (wcwidth's own signature)
        return getattr(importlib.import_module("wcwidth"), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call
