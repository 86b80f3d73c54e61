"""Hand-written PDF files for the tests and the benchmark: exactly the defects asked for.

A PDF-writing library would not write a font with a deliberately wrong ToUnicode map or
leave out the document language on request, so the few objects a text PDF needs are
written here by hand (uncompressed, with a correct cross-reference table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# Helvetica under WinAnsiEncoding: a standard font every reader knows; cp1252 is WinAnsi.
HELVETICA = "Helvetica"


@dataclass(frozen=True)
class Font:
    """A simple Type 1 font with WinAnsiEncoding, optionally with its own ToUnicode map."""

    resource: str  # the name in the page's /Font resources, e.g. "F1"
    base: str = HELVETICA
    to_unicode: dict[str, str] | None = None  # character (its cp1252 code) -> what it maps to
    identity_without_map: bool = False  # a Type0 Identity-H font without ToUnicode


# The lossy pattern as a font writes it: å as `Å¥`, æ and ø as `Å,`.
BROKEN_MAP = {"å": "Å¥", "ø": "Å,", "æ": "Å,", "Å": "Å¥", "Ø": "Å,", "Æ": "Å,"}


@dataclass
class Page:
    """One A4 page: lines of text in fonts, and optionally an image (a scanned page)."""

    lines: Sequence[tuple[Font, str]] = ()
    image: bool = False
    raw: bytes = b""  # text operators written as they are, after the lines (hostile shapes)


@dataclass
class _Writer:
    objects: list[bytes] = field(default_factory=list)

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def reserve(self) -> int:
        return self.add(b"")

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def stream(self, data: bytes, extra: bytes = b"") -> int:
        return self.add(b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data))

    def bytes(self, root: int, info: int | None) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        trailer = b"/Size %d /Root %d 0 R" % (len(self.objects) + 1, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
        return bytes(out)


def _literal(text: bytes) -> bytes:
    return b"(" + text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _utf16(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _cmap(mapping: dict[int, str], two_byte: bool = False) -> bytes:
    width = 4 if two_byte else 2
    low, high = ("0000", "FFFF") if two_byte else ("00", "FF")
    entries = b"".join(
        b"<%s> <%s>\n"
        % (f"{code:0{width}X}".encode(), text.encode("utf-16-be").hex().upper().encode())
        for code, text in sorted(mapping.items())
    )
    return (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<%s> <%s>\nendcodespacerange\n"
        b"%d beginbfchar\n%sendbfchar\nendcmap\n"
        b"CMapName currentdict /CMap defineresource pop\nend\nend"
        % (low.encode(), high.encode(), len(mapping), entries)
    )


def _font_object(writer: _Writer, font: Font) -> int:
    if font.identity_without_map:
        # Glyph ids with no way back to characters: a reader gets nothing it can search.
        descendant = writer.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/DW 500 >>" % font.base.encode()
        )
        return writer.add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
            b"/DescendantFonts [%d 0 R] >>" % (font.base.encode(), descendant)
        )
    extra = b""
    if font.to_unicode is not None:
        mapping = {code: bytes([code]).decode("cp1252") for code in range(0x20, 0x7F)}
        for char in "æøåÆØÅéü§–":
            mapping[char.encode("cp1252")[0]] = char
        for char, text in font.to_unicode.items():
            mapping[char.encode("cp1252")[0]] = text
        extra = b" /ToUnicode %d 0 R" % writer.stream(_cmap(mapping))
    return writer.add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding%s >>"
        % (font.base.encode(), extra)
    )


def _show(font: Font, text: str) -> bytes:
    if font.identity_without_map:
        glyphs = "".join(f"{ord(char) + 3:04X}" for char in text)
        return b"<%s> Tj" % glyphs.encode()
    return b"%s Tj" % _literal(text.encode("cp1252"))


def _xmp(title: str | None, pdfa: bool) -> bytes:
    parts = ['<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>']
    parts.append('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF ')
    parts.append('xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    parts.append('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" ')
    parts.append('xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">')
    if pdfa:
        parts.append("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>")
    if title:
        parts.append(f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li>')
        parts.append("</rdf:Alt></dc:title>")
    parts.append('</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
    return "".join(parts).encode("utf-8")


def build_pdf(
    pages: Sequence[Page],
    *,
    title: str | None = "Referat",
    lang: str | None = "da-DK",
    pdfa: bool = False,
    xmp: bool = False,
) -> bytes:
    """A PDF of `pages`; `title` goes in the Info dictionary (and XMP when `xmp` or `pdfa`)."""
    writer = _Writer()
    root = writer.reserve()
    pages_id = writer.reserve()
    fonts: dict[str, int] = {}  # by resource name: one object per font
    image = None
    page_ids = []
    for page in pages:
        used: dict[str, int] = {}
        ops = (
            [b"BT /%s 11 Tf 14 TL 56 790 Td" % page.lines[0][0].resource.encode()]
            if page.lines
            else []
        )
        current = page.lines[0][0] if page.lines else None
        for font, text in page.lines:
            if font.resource not in fonts:
                fonts[font.resource] = _font_object(writer, font)
            used[font.resource] = fonts[font.resource]
            if font is not current:
                ops.append(b"/%s 11 Tf" % font.resource.encode())
                current = font
            ops.append(b"%s T*" % _show(font, text))
        if ops:
            ops.append(page.raw)
            ops.append(b"ET")
        resources = b"/Font << %s >>" % b" ".join(
            b"/%s %d 0 R" % (name.encode(), number) for name, number in used.items()
        )
        if page.image:
            if image is None:
                pixels = bytes(range(0, 256, 4)) * 64  # 64 x 64 grey ramp
                image = writer.stream(
                    pixels,
                    b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8 ",
                )
            resources += b" /XObject << /Im1 %d 0 R >>" % image
            ops.append(b"q 480 0 0 700 56 70 cm /Im1 Do Q")
        content = writer.stream(b"\n".join(ops))
        page_ids.append(
            writer.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << %s >> /Contents %d 0 R >>" % (pages_id, resources, content)
            )
        )
    kids = b" ".join(b"%d 0 R" % number for number in page_ids)
    writer.set(pages_id, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    catalog = b"<< /Type /Catalog /Pages %d 0 R" % pages_id
    if lang:
        catalog += b" /Lang %s" % _literal(lang.encode("ascii"))
    if xmp or pdfa:
        metadata = writer.stream(_xmp(title, pdfa), b"/Type /Metadata /Subtype /XML ")
        catalog += b" /Metadata %d 0 R" % metadata
    writer.set(root, catalog + b" >>")
    info = None
    if title is not None:
        info = writer.add(b"<< /Title %s /Producer (referat-lint tests) >>" % _utf16(title))
    return writer.bytes(root, info)


def text_pdf(
    page_texts: Sequence[Sequence[str]], font: Font | None = None, **options: object
) -> bytes:
    """A PDF with one page per list of lines, all in one font (plain Helvetica by default)."""
    font = font or Font("F1")
    return build_pdf([Page([(font, line) for line in lines]) for lines in page_texts], **options)
