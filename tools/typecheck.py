"""mypy over lint/ and rules/ (and schema/, which they import) under the names they
install as (`referat_lint`, `referat_lint.rules`): pyproject's package-dir maps the folders
to other names, which mypy cannot follow through an editable install. Settings: [tool.mypy]
in pyproject.toml.

Usage: python tools/typecheck.py   (exit 0 clean, 1 type errors, 2 mypy failed)
"""

from __future__ import annotations

import sys
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"lint": "referat_lint", "rules": "referat_lint.rules", "schema": "referat_lint.schema"}


def main() -> int:
    sources, options = process_options(
        [str(ROOT / folder) for folder in PACKAGES], require_targets=True
    )
    renamed = []
    for source in sources:
        top, _, rest = (source.module or "").partition(".")
        package = PACKAGES[top]
        renamed.append(BuildSource(source.path, f"{package}.{rest}" if rest else package))
    try:
        result = build.build(renamed, options)
    except CompileError as error:
        print("\n".join(error.messages), file=sys.stderr)
        return 2
    for message in result.errors:
        print(message)
    files = len({source.path for source in renamed})
    if result.errors:
        errors = sum(": error:" in message for message in result.errors)
        print(f"mypy: {errors} error(s) in {files} files", file=sys.stderr)
        return 1
    print(f"mypy: no issues in {files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
