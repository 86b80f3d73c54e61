"""ftfy loaded without wcwidth: the same repairs, the same display widths when asked for,
and the real wcwidth for anyone who imports it afterwards."""

from __future__ import annotations

import subprocess
import sys

import pytest


def fresh(code: str) -> list[str]:
    """What `code` prints, run in a new interpreter (nothing imported yet)."""
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return run.stdout.splitlines()


def test_ftfy_loads_without_wcwidth_and_repairs_alike() -> None:
    out = fresh(
        "import sys\n"
        "from referat_lint.repair.ftfy_loader import load_ftfy\n"
        "ftfy = load_ftfy()\n"
        "print('wcwidth' in sys.modules)\n"
        "print(ftfy.fix_encoding('DrÃ¸ftet pÃ¥ mÃ¸det'))\n"
    )
    assert out == ["False", "Drøftet på mødet"]


def test_display_widths_load_wcwidth_when_asked_for() -> None:
    out = fresh(
        "import sys\n"
        "from referat_lint.repair.ftfy_loader import load_ftfy\n"
        "ftfy = load_ftfy()\n"
        "print(ftfy.formatting.display_ljust('漢字æ', 7, '*'))\n"
        "print(ftfy.formatting.monospaced_width('漢字'))\n"
        "import wcwidth\n"
        "print(sys.modules['wcwidth'] is wcwidth, hasattr(wcwidth, 'wrap'))\n"
    )
    assert out == ["漢字æ**", "4", "True True"]


@pytest.mark.parametrize(
    "before",
    [
        "import wcwidth",  # already loaded: ftfy imported plainly
        # an ftfy that asks wcwidth for a name the stand-in lacks: imported plainly
        "import referat_lint.repair.ftfy_loader as loader; loader._NAMES = ('wcwidth',)",
    ],
)
def test_otherwise_ftfy_is_imported_plainly(before: str) -> None:
    out = fresh(
        f"{before}\n"
        "import sys\n"
        "from referat_lint.repair.ftfy_loader import load_ftfy\n"
        "ftfy = load_ftfy()\n"
        "print(ftfy.formatting.wcwidth is sys.modules['wcwidth'].wcwidth)\n"
        "print(ftfy.fix_encoding('DrÃ¸ftet'))\n"
    )
    assert out == ["True", "Drøftet"]
