"""Mis-decoding the way real files get it: UTF-8 bytes read as Windows-1252 or Latin-1."""

from __future__ import annotations

ENCODINGS = ("cp1252", "latin_1")


def misdecode(text: str, encoding: str, times: int = 1) -> str:
    """`text` saved as UTF-8 and read as `encoding`, `times` times over. Bytes Windows-1252
    leaves undefined are read as Latin-1, as the programs that produce mojibake do."""
    for _ in range(times):
        data = text.encode("utf-8")
        if encoding == "cp1252":
            text = "".join(_cp1252(byte) for byte in data)
        else:
            text = data.decode(encoding)
    return text


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def misdecode_word(line: str, encoding: str, times: int = 1) -> str:
    """Only the first word holding a non-ASCII letter mis-decoded, the rest of the line clean."""
    words = line.split(" ")
    for i, word in enumerate(words):
        if not word.isascii():
            words[i] = misdecode(word, encoding, times)
            break
    return " ".join(words)
