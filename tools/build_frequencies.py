"""Build the word-frequency table the lossy repair breaks ties with, from wordfreq's Danish list.

    pip install wordfreq && python tools/build_frequencies.py lint/repair/data/da_freq.tsv.xz

Every alphabetic word of wordfreq's Danish list with a Zipf frequency of at least 1, as
`word<TAB>zipf` with one decimal, xz-compressed. wordfreq's data is CC BY-SA 4.0 (see
lint/repair/data/NOTICE.md).
"""

from __future__ import annotations

import lzma
import sys
from pathlib import Path

from wordfreq import get_frequency_dict, zipf_frequency


def main(out: str) -> None:
    rows = []
    for word in sorted(get_frequency_dict("da")):
        if not word.isalpha():
            continue
        zipf = zipf_frequency(word, "da")
        if zipf >= 1.0:
            rows.append(f"{word}\t{zipf:.1f}")
    data = ("\n".join(rows) + "\n").encode("utf-8")
    Path(out).write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    print(f"{len(rows)} words")


if __name__ == "__main__":
    main(sys.argv[1])
