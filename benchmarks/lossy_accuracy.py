"""How well the lossy repair restores sentences damaged by the broken PDF font.

    python benchmarks/lossy_accuracy.py [--source NAME ...] [--space-rate 0.2] [--seed 3]

Sources of clean Danish sentences, each measured on its own:

- `ours`: benchmarks/corpus/saetninger.txt, sentences in the style of minutes written for
  this purpose;
- `firstagenda`: the intact text of real minutes of the FirstAgenda export family, beside the
  checkout (read here, at benchmark time, never copied into the repository; lines that
  show the damage are skipped);
- `debian`: the Danish translations that Debian's packages on this machine ship
  (/usr/share/locale/da/LC_MESSAGES/*.mo: real Danish written by the translators of apt,
  coreutils, glib, ..., under their packages' licences, GPL and LGPL mostly), a fixed sample;
- `real`: the sentences of the real published minutes and agendas in ../shared/real (several
  municipalities and case systems; read at benchmark time, never copied; only sentences that
  begin with a capital or a digit, as a line in lowercase continues a wrapped sentence).

A source that is absent on this machine is skipped with a note.

Each sentence is damaged the way the FirstAgenda export family's broken font damages it: å
-> `Å¥`; ø, æ, Ø, Æ -> `Å,`, followed by a space before d and g (as in those minutes) and
before any other letter with probability --space-rate; a real Å is left as it is. The
damaged sentence is repaired in two settings: alone (the sentence is the whole document),
and in a document (among its 20 neighbours of the same source, intact, as a damaged item
stands among intact items in real minutes).

Reported per setting, over the sentences the damage touched: exact sentences under
--unsafe-fixes and under plain --fix, sentences where plain --fix wrote a wrong word, and
sentences left for review; then, per class of damaged word, the sentences holding
such a word, how many came back exact, and the wrong words written, for both modes.
"""

from __future__ import annotations

import argparse
import gettext
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referat_lint.repair.lexicon import Lexicon

HERE = Path(__file__).parent
CORPUS = HERE / "corpus" / "saetninger.txt"
FIRSTAGENDA = HERE.parent.parent / "shared" / "seeds"
REAL = HERE.parent.parent / "shared" / "real"
DEBIAN = Path("/usr/share/locale/da/LC_MESSAGES")
DEBIAN_SAMPLE = 900
NEIGHBOURS = 10  # on each side
_WORD = re.compile(r"[^\W\d_]+")
_DAMAGED = re.compile(r"[øæåØÆ]")
_SENTENCE_END = re.compile(r"(?<=[a-zæøå][.!?])\s+(?=[A-ZÆØÅ])")

CLASSES = {
    "1 å": "word with å (`Å¥`)",
    "2 ø/æ": "both ø and æ give a word",
    "3 capital": "word begins with Ø or Æ (case lost)",
    "4 space": "the font's space or a real break",
    "5 unknown": "word the lexicon does not know (names)",
    "6 initial": "damage at the start of a word",
}


def ours() -> list[str]:
    return [s for s in CORPUS.read_text("utf-8").splitlines() if s.strip()]


def firstagenda() -> list[str]:
    """Sentences of the real minutes, in document order (so neighbours are real context)."""
    return _sentences(sorted(FIRSTAGENDA.glob("*.txt")))


def real() -> list[str]:
    """Sentences of the real published minutes and agendas of several municipalities, in
    document order; a sentence that two exports of one meeting share counts once."""
    # A line that begins in lowercase continues a sentence the export wrapped: no sentence.
    sentences = _sentences(sorted(REAL.rglob("*.txt")))
    return list(dict.fromkeys(s for s in sentences if s[:1].isupper() or s[:1].isdigit()))


def _sentences(paths: list[Path]) -> list[str]:
    sentences: list[str] = []
    for path in paths:
        for line in path.read_text("utf-8", errors="replace").splitlines():
            if "Å," in line or "Å¥" in line or "Ã" in line:
                continue
            for sentence in _SENTENCE_END.split(line.strip()):
                if len(_WORD.findall(sentence)) >= 3:
                    sentences.append(sentence)
    return sentences


def debian() -> list[str]:
    """A fixed sample of the Danish messages Debian's packages ship, as clean sentences."""
    messages: set[str] = set()
    for path in sorted(DEBIAN.glob("*.mo")):
        try:
            with path.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog
        except (OSError, ValueError):
            continue
        for value in catalog.values():
            if not isinstance(value, str):
                continue
            text = " ".join(value.replace("_", "").split())
            # Only prose: no format codes, options, paths or markup.
            if re.search(r"[%$<>{}\\/=|@#]|--|\w\.\w", text):
                continue
            sentence = text[:1].isupper() and text[-1:] in ".!?"
            if sentence and 4 <= len(_WORD.findall(text)) <= 40 and _DAMAGED.search(text):
                messages.add(text)
    sample = sorted(messages)
    random.Random(0).shuffle(sample)
    return sample[:DEBIAN_SAMPLE]


SOURCES: dict[str, Callable[[], list[str]]] = {
    "ours": ours,
    "firstagenda": firstagenda,
    "debian": debian,
    "real": real,
}


def damage(text: str, rng: random.Random, space_rate: float) -> tuple[str, list[int]]:
    """The damaged text, and for each of its characters the index of its original one."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        following = text[i + 1 : i + 2]
        if char == "å":
            chunk = "Å¥"
        elif char in "øæØÆ":
            space = following.isalpha() and (following in "dg" or rng.random() < space_rate)
            chunk = "Å, " if space else "Å,"
        else:
            chunk = char
        out.append(chunk)
        origin.extend([i] * len(chunk))
    origin.append(len(text))
    return "".join(out), origin


def classes(word: str, damaged: str, lexicon: Lexicon) -> set[str]:
    """The classes of damage that one damaged word of the original falls in."""
    found: set[str] = set()
    lower = word.lower()
    if "å" in word:
        found.add("1 å")
    if any(lexicon.knows(lower[:i] + {"ø": "æ", "æ": "ø"}[c] + lower[i + 1 :])
           for i, c in enumerate(lower) if c in "øæ"):  # fmt: skip
        found.add("2 ø/æ")
    if word[:1] in "ØÆ" and not word.isupper():
        found.add("3 capital")
    if "Å, " in damaged:
        found.add("4 space")
    capital = lower[:1].upper() + lower[1:]
    if not (lexicon.knows(word) or lexicon.knows(lower) or lexicon.knows(capital)):
        found.add("5 unknown")
    if word[:1] in "øæØÆ":
        found.add("6 initial")
    return found


@dataclass
class ClassTally:
    sentences: int = 0
    fix_exact: int = 0
    unsafe_exact: int = 0
    fix_wrong: int = 0  # wrong words
    unsafe_wrong: int = 0


@dataclass
class Tally:
    sentences: int = 0
    unsafe_exact: int = 0
    fix_exact: int = 0
    fix_wrong: int = 0
    review: int = 0
    words: int = 0
    confident_words: int = 0
    confident_wrong: int = 0
    best_wrong: int = 0
    per_class: dict[str, ClassTally] = field(
        default_factory=lambda: {name: ClassTally() for name in CLASSES}
    )
    wrong_examples: list[str] = field(default_factory=list)
    review_examples: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        n = self.sentences
        return (
            f"| {name} | {n} | {self.unsafe_exact / n:.1%} | {self.fix_exact / n:.1%} | "
            f"{self.fix_wrong / n:.1%} ({self.fix_wrong}) | {self.review / n:.1%} | "
            f"{self.confident_words}/{self.words} | {self.confident_wrong} | {self.best_wrong} |"
        )


def measure(sentences: list[str], space_rate: float, seed: int, in_document: bool) -> Tally:
    from referat_lint.repair import lossy
    from referat_lint.repair.lexicon import load

    lexicon = load()
    rng = random.Random(seed)
    tally = Tally()
    for index, sentence in enumerate(sentences):
        damaged, origin = damage(sentence, rng, space_rate)
        if damaged == sentence:
            continue
        tally.sentences += 1
        if in_document:
            before = sentences[max(0, index - NEIGHBOURS) : index]
            after = sentences[index + 1 : index + 1 + NEIGHBOURS]
            document = "\n".join([*before, damaged, *after]) + "\n"
            line = len(before)
        else:
            document, line = damaged + "\n", 0
        # Where each damaged word of the original lies, and its classes.
        position = {o: i for i, o in reversed(list(enumerate(origin)))}
        words = []
        for match in _WORD.finditer(sentence):
            if _DAMAGED.search(match.group()):
                start, end = position[match.start()], position[match.end()]
                words.append((start, end, classes(match.group(), damaged[start:end], lexicon)))
        present = set().union(*(w[2] for w in words)) if words else set()
        repairs = [r for r in lossy.repairs(document) if r.line == line]
        unsafe, plain = damaged, damaged
        wrong = review = False
        for repair in sorted(repairs, key=lambda r: r.start, reverse=True):
            original = sentence[origin[repair.start] : origin[repair.end - 1] + 1]
            covered = set().union(
                *(w[2] for w in words if w[0] < repair.end and w[1] > repair.start)
            )
            tally.words += 1
            unsafe = unsafe[: repair.start] + repair.replacement + unsafe[repair.end :]
            is_wrong = repair.replacement != original
            tally.best_wrong += is_wrong
            for name in covered:
                tally.per_class[name].unsafe_wrong += is_wrong
            if repair.confident:
                tally.confident_words += 1
                plain = plain[: repair.start] + repair.replacement + plain[repair.end :]
                if is_wrong:
                    wrong = True
                    tally.confident_wrong += 1
                    tally.wrong_examples.append(
                        f"{repair.found!r} -> {repair.replacement!r}, was {original!r}"
                    )
                    for name in covered:
                        tally.per_class[name].fix_wrong += 1
            else:
                review = True
                tally.review_examples.append(
                    f"{repair.found!r} -> {repair.candidates}, was {original!r}"
                )
        tally.unsafe_exact += unsafe == sentence
        tally.fix_exact += plain == sentence
        tally.fix_wrong += wrong
        tally.review += review
        for name in present:
            counts = tally.per_class[name]
            counts.sentences += 1
            counts.fix_exact += plain == sentence
            counts.unsafe_exact += unsafe == sentence
    return tally


def per_class_table(tally: Tally) -> list[str]:
    rows = [
        "| class | sentences | exact, --fix | wrong words, --fix | exact, --unsafe-fixes | "
        "wrong words, --unsafe-fixes |",
        "|---|---|---|---|---|---|",
    ]
    for name, description in CLASSES.items():
        c = tally.per_class[name]
        if not c.sentences:
            rows.append(f"| {name}: {description} | 0 | | | | |")
            continue
        rows.append(
            f"| {name}: {description} | {c.sentences} | {c.fix_exact / c.sentences:.1%} | "
            f"{c.fix_wrong} | {c.unsafe_exact / c.sentences:.1%} | {c.unsafe_wrong} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", nargs="*", choices=sorted(SOURCES), default=list(SOURCES))
    parser.add_argument("--space-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show-wrong", action="store_true", help="list the wrong --fix words")
    parser.add_argument("--show-review", action="store_true", help="list the words left")
    args = parser.parse_args()

    started = time.perf_counter()
    from referat_lint.repair.lexicon import load

    load()
    loaded = time.perf_counter()
    print(f"lexicon load {loaded - started:.2f} s; space rate {args.space_rate}, seed {args.seed}")
    for name in args.source:
        sentences = SOURCES[name]()
        if not sentences:
            print(f"\n{name}: no sentences here, skipped")
            continue
        begun = time.perf_counter()
        alone = measure(sentences, args.space_rate, args.seed, in_document=False)
        in_document = measure(sentences, args.space_rate, args.seed, in_document=True)
        print(f"\n{name}: {len(sentences)} sentences, {time.perf_counter() - begun:.1f} s")
        print(
            "| setting | damaged sentences | exact, --unsafe-fixes | exact, --fix | "
            "wrong word, --fix | left for review | words repaired by --fix | "
            "of them wrong | best guesses wrong |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        print(alone.line("alone"))
        print(in_document.line("in a document"))
        print(f"\n{name}, alone, per class:")
        print("\n".join(per_class_table(alone)))
        print(f"\n{name}, in a document, per class:")
        print("\n".join(per_class_table(in_document)))
        if args.show_wrong:
            for setting, tally in (("alone", alone), ("in a document", in_document)):
                for example in tally.wrong_examples:
                    print(f"  wrong ({setting}): {example}")
        if args.show_review:
            for example in in_document.review_examples:
                print(f"  left ({name}): {example}")


if __name__ == "__main__":
    main()
