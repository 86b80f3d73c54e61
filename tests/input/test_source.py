"""Reading bytes: UTF-8, BOMs, UTF-16, Danish code pages, binary; file-encoding findings."""

from __future__ import annotations

import codecs

import pytest

from referat_lint.input.source import DecodeError, decode

from conftest import FIXTURES, findings_of, rule_lines

CLEAN = (FIXTURES / "old_clean.txt").read_text("utf-8")


def test_utf8_is_kept_as_is() -> None:
    source = decode(CLEAN.encode("utf-8"))
    assert (source.text, source.encoding, source.bom, source.is_utf8) == (
        CLEAN,
        "utf-8",
        False,
        True,
    )


@pytest.mark.parametrize("encoding", ["cp1252", "latin_1", "iso8859_15"])
def test_danish_code_pages_decode_to_the_same_text(encoding: str) -> None:
    source = decode(CLEAN.encode(encoding))
    assert source.text == CLEAN
    assert source.confident
    assert source.encoding == "cp1252"  # identical decodings are named by the commonest


def test_mac_roman_is_recognised_by_its_danish_letters() -> None:
    source = decode(CLEAN.encode("mac_roman"))
    assert (source.text, source.encoding, source.confident) == (CLEAN, "mac_roman", True)


def test_cp865_is_recognised_by_its_danish_letters() -> None:
    source = decode(CLEAN.encode("cp865"))
    assert source.text == CLEAN and source.confident


def test_utf8_bom_and_utf16_are_detected() -> None:
    assert decode(codecs.BOM_UTF8 + CLEAN.encode("utf-8")).bom
    source = decode(CLEAN.encode("utf-16"))
    assert (source.text, source.encoding, source.bom) == (CLEAN, "utf-16", True)


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_short_text_without_danish_letters_is_uncertain() -> None:
    source = decode(b"Referat \x80\x99 ok")
    assert not source.confident


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (CLEAN.encode("cp1252"), "default"),
        (codecs.BOM_UTF8 + CLEAN.encode("utf-8"), "bom"),
        (CLEAN.encode("utf-16"), "default"),
    ],
)
def test_file_encoding_finding(data: bytes, key: str) -> None:
    findings = findings_of(data)
    assert rule_lines(findings) == [("file-encoding", 1)]
    assert findings[0].message_key == key
    assert findings[0].fix is not None and findings[0].fix.encode_as == "utf-8"


def test_encode_round_trips_every_kind() -> None:
    for data in (
        CLEAN.encode("utf-8"),
        codecs.BOM_UTF8 + CLEAN.encode("utf-8"),
        CLEAN.encode("utf-16"),
        CLEAN.encode("cp1252"),
        CLEAN.replace("\n", "\r\n").encode("utf-8"),
    ):
        source = decode(data)
        assert source.encode(source.text) == data
