"""Hand-written PDF files for the tests and the benchmark: exactly the defects asked for.

A PDF-writing library would not write a font with a deliberately wrong ToUnicode map or
leave out the document language on request, so the few objects a text PDF needs are
written here by hand (uncompressed, with a correct cross-reference table).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    embedded: bool = True  # a FontDescriptor with a (stand-in) font program
    differences: tuple[str, ...] = ()  # glyph names in an /Encoding /Differences array


# The lossy pattern as a font writes it: å as `Å¥`, æ and ø as `Å,`.
BROKEN_MAP = {"å": "Å¥", "ø": "Å,", "æ": "Å,", "Å": "Å¥", "Ø": "Å,", "Æ": "Å,"}


@dataclass
class Page:
    """One A4 page: lines of text in fonts, and optionally an image (a scanned page)."""

    lines: Sequence[tuple[Font, str]] = ()
    image: bool = False
    raw: bytes = b""  # text operators written as they are, after the lines (hostile shapes)
    # In a tagged PDF: each line's structure path, e.g. "P", "H1", "Table/TR#2/TD",
    # "L/LI#1/LBody" (`#n` tells apart siblings of one type; lines in a row that share a
    # path prefix share its elements), "Artifact", or "" (drawn outside marked content);
    # None: the document's default.
    tags: Sequence[str] | None = None
    alt: str | None = None  # the image's Figure /Alt (tagged PDFs); None: no Alt


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


def _descriptor(writer: _Writer, font: Font) -> bytes:
    if not font.embedded:
        return b""
    # A stand-in program: the tests check that one is there, never render with it.
    program = writer.stream(b"\x00\x01\x00\x00 stand-in", b"/Length1 16 ")
    descriptor = writer.add(
        b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 "
        b"/FontFile2 %d 0 R >>" % (font.base.encode(), program)
    )
    return b" /FontDescriptor %d 0 R" % descriptor


def _font_object(writer: _Writer, font: Font) -> int:
    if font.identity_without_map:
        # Glyph ids with no way back to characters: a reader gets nothing it can search.
        descendant = writer.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/DW 500%s >>" % (font.base.encode(), _descriptor(writer, font))
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
    encoding = b"/WinAnsiEncoding"
    if font.differences:
        names = b" ".join(b"/" + name.encode() for name in font.differences)
        encoding = b"<< /BaseEncoding /WinAnsiEncoding /Differences [128 %s] >>" % names
    return writer.add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding %s%s%s >>"
        % (font.base.encode(), encoding, extra, _descriptor(writer, font))
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


@dataclass
class _Element:
    """A structure element being built: its object number, type, parent and kids."""

    number: int
    kind: str
    parent: int
    kids: list[bytes | tuple[int, int]] = field(default_factory=list)  # refs, (page, MCID)
    alt: str | None = None


@dataclass
class _Tagger:
    """The structure tree of a tagged PDF, grown line by line in document order."""

    writer: _Writer
    document: int
    default: Callable[[str], str]
    elements: list[_Element] = field(default_factory=list)
    open: list[tuple[str, _Element]] = field(default_factory=list)  # the current path
    top: list[bytes] = field(default_factory=list)  # the Document element's kids
    parents: list[list[int]] = field(default_factory=list)  # each page's MCID -> element

    def element(self, path: str, page: int, alt: str | None = None) -> tuple[_Element, int]:
        """The leaf element of `path` (opening what differs from the current path) and
        the new MCID on `page` (0-based) that it owns."""
        segments = path.split("/")
        keep = 0
        while keep < min(len(segments), len(self.open)) and self.open[keep][0] == segments[keep]:
            keep += 1
        del self.open[keep:]
        for segment in segments[keep:]:
            parent = self.open[-1][1] if self.open else None
            number = self.writer.reserve()
            kind = segment.split("#")[0]
            element = _Element(number, kind, parent.number if parent else self.document)
            (parent.kids if parent else self.top).append(b"%d 0 R" % number)
            self.elements.append(element)
            self.open.append((segment, element))
        leaf = self.open[-1][1]
        if alt is not None:
            leaf.alt = alt
        mcids = self.parents[page]
        mcids.append(leaf.number)
        return leaf, len(mcids) - 1

    def mark(
        self, path: str | None, text: str, page: int, ops: bytes, alt: str | None = None
    ) -> bytes:
        """`ops` as marked content of the element `path` (default: by the text) owns."""
        path = self.default(text) if path is None else path
        if not path:  # drawn outside marked content: neither tagged nor an artifact
            return ops
        if path == "Artifact":
            return b"/Artifact BMC %s EMC" % ops
        leaf, mcid = self.element(path, page, alt)
        leaf.kids.append((page, mcid))
        return b"/%s << /MCID %d >> BDC %s EMC" % (leaf.kind.encode(), mcid, ops)

    def write(self, page_ids: list[int]) -> None:
        for element in self.elements:
            pages = {kid[0] for kid in element.kids if isinstance(kid, tuple)}
            # As Word writes them: MCIDs on the element's page (/Pg) as plain integers,
            # marked-content references only for content on other pages.
            own = min(pages) if pages else None
            kids = b" ".join(
                kid
                if isinstance(kid, bytes)
                else b"%d" % kid[1]
                if kid[0] == own
                else b"<< /Type /MCR /Pg %d 0 R /MCID %d >>" % (page_ids[kid[0]], kid[1])
                for kid in element.kids
            )
            alt = b" /Pg %d 0 R" % page_ids[own] if own is not None else b""
            alt += b" /Alt %s" % _utf16(element.alt) if element.alt is not None else b""
            self.writer.set(
                element.number,
                b"<< /Type /StructElem /S /%s /P %d 0 R /K [%s]%s >>"
                % (element.kind.encode(), element.parent, kids, alt),
            )


def build_pdf(
    pages: Sequence[Page],
    *,
    title: str | None = "Referat",
    lang: str | None = "da-DK",
    pdfa: bool = False,
    xmp: bool = False,
    tagged: bool | Callable[[str], str] = False,
    marked: bool = True,
    role_map: dict[str, str] | None = None,
    display_title: bool | None = True,
    bookmarks: Sequence[str] = (),
    struct_parents: bool = True,
    extra_kids: Callable[[_Writer, int], bytes] | None = None,
) -> bytes:
    """A PDF of `pages`; `title` goes in the Info dictionary (and XMP when `xmp` or `pdfa`).

    `tagged`: a structure tree, each line tagged by its page's `tags`, else by the
    function given (text -> path), else as `P`; `marked` writes /MarkInfo, `role_map` the
    tree's /RoleMap, `struct_parents` the pages' /StructParents; `extra_kids(writer,
    document)` adds kids (raw references) to the Document element, hostile ones too.
    """
    writer = _Writer()
    root = writer.reserve()
    pages_id = writer.reserve()
    tagger = None
    if tagged:
        document = writer.reserve()
        default = tagged if callable(tagged) else (lambda _text: "P")
        tagger = _Tagger(writer, document, default)
    fonts: dict[str, int] = {}  # by resource name: one object per font
    images: list[int] = []  # the one image, once written
    page_ids = []
    for index, page in enumerate(pages):
        if tagger is not None:
            tagger.parents.append([])
        resources, content = _page(writer, page, index, fonts, images, tagger)
        parents = b" /StructParents %d" % index if tagger is not None and struct_parents else b""
        page_ids.append(
            writer.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << %s >> /Contents %d 0 R%s >>"
                % (pages_id, resources, content, parents)
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
    if display_title is not None:
        flag = b"true" if display_title else b"false"
        catalog += b" /ViewerPreferences << /DisplayDocTitle %s >>" % flag
    if tagger is not None:
        catalog += _tree(writer, tagger, page_ids, role_map, extra_kids)
        if marked:
            catalog += b" /MarkInfo << /Marked true >>"
    if bookmarks:
        catalog += b" /Outlines %d 0 R" % _outline(writer, bookmarks, page_ids[0])
    writer.set(root, catalog + b" >>")
    info = None
    if title is not None:
        info = writer.add(b"<< /Title %s /Producer (referat-lint tests) >>" % _utf16(title))
    return writer.bytes(root, info)


def _page(
    writer: _Writer,
    page: Page,
    index: int,
    fonts: dict[str, int],
    images: list[int],
    tagger: _Tagger | None,
) -> tuple[bytes, int]:
    """The page's resources and its content stream's object number."""
    used: dict[str, int] = {}
    ops = (
        [b"BT /%s 11 Tf 14 TL 56 790 Td" % page.lines[0][0].resource.encode()] if page.lines else []
    )
    current = page.lines[0][0] if page.lines else None
    for number, (font, text) in enumerate(page.lines):
        if font.resource not in fonts:
            fonts[font.resource] = _font_object(writer, font)
        used[font.resource] = fonts[font.resource]
        if font is not current:
            ops.append(b"/%s 11 Tf" % font.resource.encode())
            current = font
        shown = b"%s T*" % _show(font, text)
        if tagger is not None:
            shown = tagger.mark(page.tags[number] if page.tags else None, text, index, shown)
        ops.append(shown)
    if ops:
        ops.append(page.raw)
        ops.append(b"ET")
    resources = b"/Font << %s >>" % b" ".join(
        b"/%s %d 0 R" % (name.encode(), number) for name, number in used.items()
    )
    if page.image:
        if not images:
            pixels = bytes(range(0, 256, 4)) * 64  # 64 x 64 grey ramp
            images.append(
                writer.stream(
                    pixels,
                    b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8 ",
                )
            )
        resources += b" /XObject << /Im1 %d 0 R >>" % images[0]
        draw = b"q 480 0 0 700 56 70 cm /Im1 Do Q"
        if tagger is not None:
            tagger.open.clear()  # a figure of its own under Document
            draw = tagger.mark("Figure", "", index, draw, page.alt)
            tagger.open.clear()
        ops.append(draw)
    return resources, writer.stream(b"\n".join(ops))


def _tree(
    writer: _Writer,
    tagger: _Tagger,
    page_ids: list[int],
    role_map: dict[str, str] | None,
    extra_kids: Callable[[_Writer, int], bytes] | None,
) -> bytes:
    """The StructTreeRoot (its Document element, ParentTree, RoleMap) for the catalogue."""
    tagger.write(page_ids)
    tree_root = writer.reserve()
    extra = b" " + extra_kids(writer, tagger.document) if extra_kids else b""
    writer.set(
        tagger.document,
        b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s%s] >>"
        % (tree_root, b" ".join(tagger.top), extra),
    )
    nums = b" ".join(
        b"%d [%s]" % (index, b" ".join(b"%d 0 R" % n for n in mcids))
        for index, mcids in enumerate(tagger.parents)
    )
    parent_tree = writer.add(b"<< /Nums [%s] >>" % nums)
    roles = b""
    if role_map:
        roles = b" /RoleMap << %s >>" % b" ".join(
            b"/%s /%s" % (k.encode(), v.encode()) for k, v in role_map.items()
        )
    writer.set(
        tree_root,
        b"<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R%s >>"
        % (tagger.document, parent_tree, roles),
    )
    return b" /StructTreeRoot %d 0 R" % tree_root


def _outline(writer: _Writer, titles: Sequence[str], page: int) -> int:
    outline = writer.reserve()
    items = [writer.reserve() for _ in titles]
    for number, (item, text) in enumerate(zip(items, titles, strict=True)):
        links = b""
        if number > 0:
            links += b" /Prev %d 0 R" % items[number - 1]
        if number + 1 < len(items):
            links += b" /Next %d 0 R" % items[number + 1]
        writer.set(
            item,
            b"<< /Title %s /Parent %d 0 R /Dest [%d 0 R /Fit]%s >>"
            % (_utf16(text), outline, page, links),
        )
    writer.set(
        outline,
        b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
        % (items[0], items[-1], len(items)),
    )
    return outline


def text_pdf(
    page_texts: Sequence[Sequence[str]], font: Font | None = None, **options: object
) -> bytes:
    """A PDF with one page per list of lines, all in one font (plain Helvetica by default)."""
    font = font or Font("F1")
    return build_pdf([Page([(font, line) for line in lines]) for lines in page_texts], **options)
