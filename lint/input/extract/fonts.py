"""The fonts of a PDF that set text: what their extracted text looks like (damage and
samples) and whether their program and code map are in the file."""

from __future__ import annotations

import re
from typing import NamedTuple

from pypdf import PageObject
from pypdf._codecs.adobe_glyphs import adobe_glyphs
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, PdfObject

# The lossy pattern of a broken font (`Å¥` for å, `Å,` for æ/ø) and the replacement
# character: text a font's map got wrong. (The same pattern lint/repair/lossy.py repairs.)
_DAMAGE = re.compile(r"[^\W\d_]*(?:Å¥|(?<=[^\W\d_])Å,|Å,(?=[^\W\d_])|\ufffd)[^\W\d_,]*")


_MARK = re.compile(r"Å¥|(?<=[^\W\d_])Å,|Å,(?=[^\W\d_])|\ufffd")


_LETTER = re.compile(r"[^\W\d_]")


def damaged_words(text: str) -> list[str]:
    """What `_DAMAGE.finditer` finds, in linear time: started at each mark's own word, not
    tried at every letter of a long word without one (which is quadratic)."""
    words: list[str] = []
    covered = 0
    for mark in _MARK.finditer(text):
        start = mark.start()
        if start < covered:
            continue
        while start > covered and _LETTER.match(text, start - 1):
            start -= 1
        found = _DAMAGE.match(text, start)
        if found is not None:
            words.append(found.group())
            covered = found.end()
    return words


_SUBSET = re.compile(r"^[A-Z]{6}\+")


MAX_SAMPLES = 3


class PdfFont(NamedTuple):
    """A font that set text, and what its text looks like after extraction."""

    resource: str  # the name in the page resources, e.g. "F2"
    name: str  # the BaseFont without a subset prefix, e.g. "Arial"
    to_unicode: bool  # whether it has a ToUnicode map
    pages: tuple[int, ...]  # the pages it sets text on
    damaged: tuple[int, ...]  # the pages where its text shows damage
    samples: tuple[str, ...]  # damaged words as extracted (a few)
    # (line, column, length) of the first damaged word in the extracted text: found once
    # here, so that the finding stays put when --fix has repaired the word
    where: tuple[int, int, int] | None = None
    embedded: bool = True  # its font program is in the file (or it is a Type3 font)
    mappable: bool = True  # its codes map to Unicode (ToUnicode or a standard encoding)


class _FontUse:
    """A font's use across pages, filled in while the pages are extracted."""

    def __init__(self, font: DictionaryObject, resource: str | None) -> None:
        base = str(font.get("/BaseFont", "")).lstrip("/")
        self.name = _SUBSET.sub("", base) or "?"
        self.resource = (resource or base or "?").lstrip("/")
        self.to_unicode = "/ToUnicode" in font
        # A Type0 font with Identity encoding and no ToUnicode map: its codes are glyph
        # numbers, and whatever a reader extracts from them is not the text.
        encoding = str(font.get("/Encoding", ""))
        self.glyph_ids = (
            not self.to_unicode and font.get("/Subtype") == "/Type0" and "Identity" in encoding
        )
        self.embedded, self.mappable = _font_program(font, self.to_unicode)
        self.pages: set[int] = set()
        self.damaged: set[int] = set()
        self.samples: list[str] = []

    def look(self, page: int, text: str) -> None:
        damage = damaged_words(text)
        if self.glyph_ids and text.strip():
            damage = damage or [text.strip()[:30]]
        if damage:
            self.damaged.add(page)
            for word in damage:
                if word not in self.samples and len(self.samples) < MAX_SAMPLES:
                    self.samples.append(word)

    def font(self, lines: list[str], pages: list[int]) -> PdfFont:
        damaged = tuple(sorted(self.damaged))
        return PdfFont(
            self.resource,
            self.name,
            self.to_unicode,
            tuple(sorted(self.pages)),
            damaged,
            tuple(self.samples),
            self._where(lines, pages, damaged[0]) if damaged else None,
            self.embedded,
            self.mappable,
        )

    def _where(self, lines: list[str], pages: list[int], page: int) -> tuple[int, int, int]:
        """The first damaged word on the first damaged page; else that page's first line."""
        first = None
        for number, (line, on) in enumerate(zip(lines, pages, strict=True), start=1):
            if on != page:
                continue
            first = first or number
            for sample in self.samples:
                column = line.find(sample)
                if column >= 0:
                    return number, column + 1, len(sample)
        return first or 1, 1, 0


_STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding")


_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


_UNI_NAME = re.compile(r"/(?:uni[0-9A-F]{4}|u[0-9A-F]{4,6})$")


def _font_program(font: DictionaryObject, to_unicode: bool) -> tuple[bool, bool]:
    """Whether the font's program is embedded, and whether its codes map to Unicode (a
    ToUnicode map, a standard encoding, or a CID font of a registered character collection:
    ISO 32000-1, 9.10.2)."""
    try:
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            return True, to_unicode or "/Encoding" in font
        described = font
        if subtype == "/Type0":
            kids = font.get("/DescendantFonts")
            kids = kids.get_object() if kids is not None else None
            described = kids[0].get_object() if kids else font
        descriptor = described.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        embedded = descriptor is not None and any(key in descriptor for key in _FONT_FILES)
        if to_unicode:
            return embedded, True
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        if subtype == "/Type0":
            info = described.get("/CIDSystemInfo")
            ordering = str(info.get_object().get("/Ordering", "")) if info is not None else ""
            return embedded, ordering in ("GB1", "CNS1", "Japan1", "Korea1")
        if isinstance(encoding, DictionaryObject):
            differences = encoding.get("/Differences")
            differences = differences.get_object() if differences is not None else ()
            names = [str(n) for n in differences if isinstance(n, NameObject)]
            return embedded, all(n in adobe_glyphs or _UNI_NAME.match(n) for n in names)
        # a standard encoding, or the font's own (named glyphs of a Type1 font)
        return embedded, encoding is None or encoding in _STANDARD_ENCODINGS
    except (AttributeError, IndexError, TypeError, PyPdfError):
        return True, True  # a font dictionary too broken to tell: no claim about it


def _font_key(font: PdfObject) -> object:
    reference = font.indirect_reference
    return (reference.idnum, reference.generation) if reference is not None else id(font)


def _font_names(page: PageObject) -> dict[object, str]:
    """The page's font resource names by font object."""
    try:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            return {}
        names = {}
        for name, value in fonts.get_object().items():
            font = value.get_object() if isinstance(value, IndirectObject) else value
            if font is not None:
                names[_font_key(font)] = str(name)
        return names
    except (AttributeError, PyPdfError):
        return {}


def _by_font(pieces: list[tuple[_FontUse, str]]) -> list[tuple[_FontUse, str]]:
    """Consecutive pieces of text in one font, joined (a word may come in several)."""
    joined: list[tuple[_FontUse, list[str]]] = []
    for use, text in pieces:
        if joined and joined[-1][0] is use:
            joined[-1][1].append(text)
        else:
            joined.append((use, [text]))
    return [(use, "".join(texts)) for use, texts in joined]
