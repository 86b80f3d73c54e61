"""Build the Danish word-pair table the lossy repair settles ø/æ and the font's space with.

    apt-get install libreoffice-help-da gimp-help-da debian-edu-doc-da manpages-da
    python tools/build_bigrams.py lint/repair/data/da_pairs.tsv.xz

Counts word pairs in the Danish prose these Debian packages ship (LibreOffice's help, MPL 2.0;
GIMP's help, GFDL 1.2+ without invariant sections; the Debian Edu manuals, GPL 2+; the Danish
manual pages, GPL 3+). Only what the repair asks is kept: words holding ø or æ with their
counts, and pairs of neighbouring words one of which holds ø or æ, seen at least twice;
lowercase, as `word<TAB>count` and `word word<TAB>count`, the first line `<TAB>total words`.

The Danish messages of /usr/share/locale/da (the translations `benchmarks/lossy_accuracy.py`
measures on) are kept out: a sentence equal to one of them is skipped, so the benchmark
measures text the table never saw.
"""

from __future__ import annotations

import gettext
import gzip
import html
import lzma
import re
import sys
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

SOURCES = {
    "html": [
        Path("/usr/share/libreoffice/help/da"),
        Path("/usr/share/gimp/2.0/help/da"),
        Path("/usr/share/doc/debian-edu-doc-da"),
    ],
    "man": [Path("/usr/share/man/da")],
}
BENCHMARK_MESSAGES = Path("/usr/share/locale/da/LC_MESSAGES")
MIN_PAIR = 2
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
_TARGET = re.compile(r"[øæ]")


class _Text(HTMLParser):
    """The text of an HTML page, a block element ending a run."""

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag not in ("a", "b", "i", "em", "strong", "span", "code"):
            self.runs.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag not in ("a", "b", "i", "em", "strong", "span", "code"):
            self.runs.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.runs.append(data)


def _html_runs(path: Path) -> Iterator[str]:
    parser = _Text()
    parser.feed(path.read_text("utf-8", errors="replace"))
    yield from "".join(parser.runs).split("\n")


def _man_runs(path: Path) -> Iterator[str]:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if line.startswith((".", "'")):
            line = line.partition(" ")[2] if line[1:3] in ("B ", "I ") else ""
        yield re.sub(r"\\f[BIRP]|\\\(..|\\.", "", line)


def _runs() -> Iterator[str]:
    for kind, roots in SOURCES.items():
        for root in roots:
            for path in sorted(root.rglob("*")):
                if not path.is_file():
                    continue
                if kind == "html" and path.suffix in (".html", ".htm"):
                    yield from _html_runs(path)
                elif kind == "man":
                    yield from _man_runs(path)


def _benchmark_messages() -> set[str]:
    messages: set[str] = set()
    for path in sorted(BENCHMARK_MESSAGES.glob("*.mo")):
        try:
            with path.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):
            continue
        for value in catalog.values():
            if isinstance(value, str):
                for sentence in _SENTENCE_END.split(" ".join(value.replace("_", "").split())):
                    if len(_WORD.findall(sentence)) >= 3:  # not a bare word or label
                        messages.add(sentence)
    return messages


def main(out: str) -> None:
    held_out = _benchmark_messages()
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    total = skipped = 0
    for run in _runs():
        text = " ".join(html.unescape(run).split())
        for sentence in _SENTENCE_END.split(text):
            if sentence in held_out:
                skipped += 1
                continue
            previous_end, previous = -2, ""
            for match in _WORD.finditer(sentence):
                word = match.group().lower()
                total += 1
                if _TARGET.search(word):
                    words[word] += 1
                adjacent = match.start() == previous_end + 1 and sentence[previous_end] == " "
                if adjacent and (_TARGET.search(word) or _TARGET.search(previous)):
                    pairs[previous, word] += 1
                previous_end, previous = match.end(), word
    rows = [f"\t{total}"]
    rows += [f"{word}\t{count}" for word, count in sorted(words.items())]
    rows += [f"{a} {b}\t{n}" for (a, b), n in sorted(pairs.items()) if n >= MIN_PAIR]
    data = ("\n".join(rows) + "\n").encode("utf-8")
    Path(out).write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    print(f"{total} words, {len(words)} with ø/æ, {len(rows) - len(words) - 1} pairs kept")
    print(f"{skipped} sentences skipped as benchmark messages")


if __name__ == "__main__":
    main(sys.argv[1])
