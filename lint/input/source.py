"""Bytes to text and back: detect the encoding, keep BOM and line endings exactly."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, NamedTuple

from referat_lint.out.messages import Message

if TYPE_CHECKING:
    from referat_lint.input.extract.facts import Extracted

# Single-byte encodings Danish minutes turn up in, in order of preference when several
# decode a file to the same text (the Windows code page is by far the most common).
DANISH_SINGLE_BYTE = ("cp1252", "iso8859_15", "latin_1", "mac_roman", "cp865", "cp850")

_DANISH_LETTERS = frozenset("æøåÆØÅ")
_OTHER_LETTERS = frozenset("éèêëáàâäöüóòôíìïñçÉÈÜÖÄ")
# Typography that is normal in minutes; anything else non-ASCII counts against a decoding.
_MIN_DANISH_LETTERS = 2
_MIN_MARGIN = 3
_MAX_NON_ASCII_LETTERS = 0.15  # of all letters; Danish prose has about 0.02
_MAX_UNUSUAL = 0.005  # characters that are neither letters nor common typography
_COMMON_MARKS = frozenset("–—„“”‘’‚…•·§½¼¾²³°€£×÷«»¹µ\u00a0\t")


class DecodeError(Exception):
    """The bytes are not text that referat-lint can read (binary, or no encoding fits)."""


class Source(NamedTuple):
    """Decoded text plus what is needed to write it back byte for byte."""

    text: str
    encoding: str  # codec name used to decode, e.g. "utf-8", "cp1252", "utf-16"
    bom: bool = False  # the file started with a byte-order mark
    confident: bool = True  # False when a non-UTF-8 guess is too weak to act on
    detected_by: str = "utf-8"  # "utf-8", "bom" or "charset-normalizer"
    # Text extracted from a PDF or DOCX: the page of each line and the document's facts.
    extracted: Extracted | None = None

    @property
    def is_utf8(self) -> bool:
        return self.encoding == "utf-8" and not self.bom

    def encode(self, text: str, encoding: str | None = None) -> bytes:
        """Encode `text` as this source was encoded, or as `encoding` (no BOM) if given."""
        if encoding is not None:
            return text.encode(encoding)
        if self.encoding == "utf-8":
            return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")
        if self.encoding == "utf-16":
            return text.encode("utf-16")  # writes the BOM itself
        return text.encode(self.encoding)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> Source:
    """Decode a file's bytes: BOM, then strict UTF-8, then the likely Danish code pages."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                if encoding == "utf-8":
                    return Source(data[len(bom) :].decode("utf-8"), "utf-8", True, True, "bom")
                return Source(data.decode(encoding), encoding, True, True, "bom")
            except UnicodeDecodeError as error:
                raise DecodeError(Message("problem.bad-bom", encoding=encoding)) from error
    if b"\x00" in data:
        raise DecodeError(Message("problem.binary"))
    try:
        return Source(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_single_byte(data)


def danish_plausibility(text: str) -> int:
    """Score a decoding: Danish letters count for it, unusual characters against it."""
    score = 0
    for char in text:
        if char.isascii():
            if char < " " and char not in "\t\r\n\f":
                score -= 5
        elif char in _DANISH_LETTERS:
            score += 3
        elif char in _OTHER_LETTERS:
            score += 1
        elif char not in _COMMON_MARKS:
            score -= 3
    return score


def _decode_single_byte(data: bytes) -> Source:
    """Pick among single-byte Danish code pages by a plausibility check on the letters."""
    # charset-normalizer proposes; narrowed to the code pages Danish text really comes in,
    # since on its own it picks iso8859_3 (å→ċ) for cp1252 Danish text.
    from charset_normalizer import from_bytes

    proposals = [
        match.encoding for match in from_bytes(data, cp_isolation=list(DANISH_SINGLE_BYTE))
    ]
    candidates: dict[str, str] = {}
    for encoding in [*proposals, *DANISH_SINGLE_BYTE]:
        if encoding in candidates:
            continue
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DecodeError(Message("problem.not-text"))
    # Prefer the best score; on equal text, the earlier (more common) code page.
    order = {name: i for i, name in enumerate(DANISH_SINGLE_BYTE)}
    ranked = sorted(
        candidates.items(),
        key=lambda item: (-danish_plausibility(item[1]), order.get(item[0], 99)),
    )
    best_name, best_text = ranked[0]
    best_score = danish_plausibility(best_text)
    rival_scores = [danish_plausibility(text) for _, text in ranked[1:] if text != best_text]
    # Too little Danish to judge by, or a rival decoding nearly as plausible: report only.
    enough_letters = sum(char in _DANISH_LETTERS for char in best_text) >= _MIN_DANISH_LETTERS
    clear_winner = all(best_score - score >= _MIN_MARGIN for score in rival_scores)
    confident = enough_letters and clear_winner and reads_as_danish(best_text)
    return Source(best_text, best_name, False, confident, "charset-normalizer")


def reads_as_danish(text: str) -> bool:
    """Whether a decoded text has the shape of Danish prose: nearly all letters ASCII (æøå
    are about 2 % of Danish letters), no control characters, almost nothing unusual.
    Random bytes or another script decoded in a Western code page fail this, however well
    a few Danish letters among them score."""
    letters = non_ascii_letters = unusual = 0
    for char in text:
        if char.isascii():
            if char < " " and char not in "\t\r\n\f":
                return False
            letters += char.isalpha()
        elif char.isalpha():
            letters += 1
            non_ascii_letters += 1
        elif char not in _COMMON_MARKS:
            unusual += 1
    if letters == 0:
        return False
    return (
        non_ascii_letters <= _MAX_NON_ASCII_LETTERS * letters
        and unusual <= _MAX_UNUSUAL * len(text) + 1
    )
