"""How well the lossy repair restores sentences damaged by the broken PDF font.

    python benchmarks/lossy_accuracy.py [--corpus FILE] [--space-rate 0.2] [--seed 3]

Each sentence of the corpus (clean Danish, one a line, written for this purpose) is damaged
the way seed 002 shows: å -> `Å¥`; ø, æ, Ø, Æ -> `Å,`, followed by a space before d and g
(as in the seed) and before any other letter with probability --space-rate; a real Å is
left as it is. The damaged sentence is then repaired in two settings:

- alone: the sentence is the whole document (no document vocabulary to lean on);
- in a document: the sentence stands among its 20 neighbours, which are intact (as the
  damaged item 5 of seed 002 stands among intact items).

Reported per setting, over the sentences the damage touched:
- exact under --unsafe-fixes: the repaired sentence equals the original;
- exact under --fix: only the confident repairs applied, and the sentence equals the original;
- wrong under --fix: a confident repair wrote something other than the original word;
- left for review: sentences with at least one repair only suggested (not confident).
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "saetninger.txt"
NEIGHBOURS = 10  # on each side


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

    def line(self, name: str) -> str:
        n = self.sentences
        return (
            f"| {name} | {n} | {self.unsafe_exact / n:.1%} | {self.fix_exact / n:.1%} | "
            f"{self.fix_wrong / n:.1%} | {self.review / n:.1%} | "
            f"{self.confident_words}/{self.words} | {self.confident_wrong} | {self.best_wrong} |"
        )


def measure(sentences: list[str], space_rate: float, seed: int, in_document: bool) -> Tally:
    from referat_lint import lossy

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
        repairs = [r for r in lossy.repairs(document) if r.line == line]
        unsafe, plain = damaged, damaged
        wrong = review = False
        for repair in sorted(repairs, key=lambda r: r.start, reverse=True):
            original = sentence[origin[repair.start] : origin[repair.end - 1] + 1]
            tally.words += 1
            unsafe = unsafe[: repair.start] + repair.replacement + unsafe[repair.end :]
            tally.best_wrong += repair.replacement != original
            if repair.confident:
                tally.confident_words += 1
                plain = plain[: repair.start] + repair.replacement + plain[repair.end :]
                if repair.replacement != original:
                    wrong = True
                    tally.confident_wrong += 1
            else:
                review = True
        tally.unsafe_exact += unsafe == sentence
        tally.fix_exact += plain == sentence
        tally.fix_wrong += wrong
        tally.review += review
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--space-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    sentences = [s for s in args.corpus.read_text("utf-8").splitlines() if s.strip()]

    started = time.perf_counter()
    from referat_lint.lexicon import load

    load()
    loaded = time.perf_counter()
    alone = measure(sentences, args.space_rate, args.seed, in_document=False)
    in_document = measure(sentences, args.space_rate, args.seed, in_document=True)
    finished = time.perf_counter()

    print(f"corpus {args.corpus.name}: {len(sentences)} sentences; space rate {args.space_rate}")
    print(
        "| setting | damaged sentences | exact, --unsafe-fixes | exact, --fix | "
        "wrong change, --fix | left for review | words repaired by --fix | "
        "of them wrong | best guesses wrong |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(alone.line("alone"))
    print(in_document.line("in a document"))
    print(
        f"lexicon load {loaded - started:.2f} s; repair of both settings {finished - loaded:.2f} s"
    )


if __name__ == "__main__":
    main()
