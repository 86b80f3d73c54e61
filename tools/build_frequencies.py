"""Build the word-frequency table the lossy repair breaks ties with, from wordfreq's Danish list.

    pip install wordfreq && python tools/build_frequencies.py lint/data/da_freq.tsv

Only words holding æ, ø or å are kept (the lossy repair only ever compares such words), as
`word<TAB>zipf` with one decimal. wordfreq's data is CC BY-SA 4.0 (see lint/data/NOTICE.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import get_frequency_dict, zipf_frequency


def main(out: str) -> None:
    rows = []
    for word in sorted(get_frequency_dict("da")):
        if not any(letter in word for letter in "æøå") or not word.isalpha():
            continue
        zipf = zipf_frequency(word, "da")
        if zipf >= 1.0:
            rows.append(f"{word}\t{zipf:.1f}")
    Path(out).write_text("\n".join(rows) + "\n", "utf-8")
    print(f"{len(rows)} words")


if __name__ == "__main__":
    main(sys.argv[1])
