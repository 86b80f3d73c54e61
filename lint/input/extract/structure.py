"""A tagged PDF's structure tree, read once and bounded, for the accessibility rules.

The walk is iterative (no recursion limit to hit), visits every element once (a cycle or
an element reached twice is noticed, not followed) and stops after a budget of nodes that
grows with the page count: a hostile tree (a cycle, ten thousand levels, an array of a
million kids) costs linear time and gives one `problem` line, never a hang. Nothing is
written back: pypdf objects are only read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    PdfObject,
)

if TYPE_CHECKING:
    from referat_lint.input.extract.marked import MarkedText

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD = frozenset(
    (  # noqa: SIM905 (a list of 49 quoted names reads worse)
        "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H "
        "H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note "
        "Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form"
    ).split()
)
HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})
MAX_DEPTH = 100  # real trees are about ten levels deep (Document/Sect/Table/TR/TD/P/Span)
NODES_PER_PAGE = 400  # real documents have tens of elements a page
MIN_NODES = 20_000
MAX_ROLE_CHAIN = 16
MAX_SAMPLES = 5
_HEADING_LEVEL = re.compile(r"H([1-6])")
_NOTED = HEADINGS | {"Figure", "Table", "L"}  # the types whose elements the rules read


class Heading(NamedTuple):
    """A heading element: its level (0 for plain `H`) and its page (None: unknown)."""

    level: int
    page: int | None


class Flaw(NamedTuple):
    """An element that breaks a rule: what is wrong (a key), its type and page."""

    key: str
    kind: str
    page: int | None


class Structure(NamedTuple):
    """What the accessibility rules read of the catalogue and the structure tree."""

    marked: bool  # /MarkInfo /Marked true
    has_tree: bool  # a /StructTreeRoot with at least one element
    elements: int
    problem: str | None  # why the tree could not be read whole (a cycle, too deep, ...)
    unreachable: tuple[int, ...]  # pages with content the tree does not reach (01-005)
    headings: tuple[Heading, ...]  # in the tree's order
    flaws: tuple[Flaw, ...]  # figures, tables, lists, role map: in the tree's order
    # (page, MCID) -> the standard type of the element that owns it (an unmapped type: its name)
    mcid_types: dict[tuple[int, int], str]
    info_title: str
    xmp_title: str
    display_title: bool | None  # /ViewerPreferences /DisplayDocTitle (None: not set)
    bookmarks: int  # top-level outline entries


def read(reader: PdfReader, content: MarkedText | None, xmp_title: str) -> Structure:
    """The structure facts of `reader`; `content`: the marked content its pages showed."""
    root = reader.root_object
    mark_info = _dict(root.get("/MarkInfo"))
    flag = mark_info.get("/Marked") if mark_info is not None else None
    marked = isinstance(flag, BooleanObject) and flag.value  # bool(BooleanObject) is True
    tree_root = _dict(root.get("/StructTreeRoot"))
    pages = {_ref(page.indirect_reference): n for n, page in enumerate(reader.pages, start=1)}
    walk = _Walk(pages, _role_map(tree_root), max(MIN_NODES, NODES_PER_PAGE * len(pages)))
    unreachable: tuple[int, ...] = ()
    try:
        if tree_root is not None:
            walk.run(tree_root)
        if tree_root is not None and walk.elements and walk.problem is None:
            unreachable = _unreachable(reader, walk, content)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:
        # A tree too broken to read is a problem of the tree, not a reason to refuse the
        # text (pypdf bounds what it parses and raises in many ways on damaged objects).
        walk.problem = f"the PDF library stopped at {type(error).__name__}"
    info = reader.metadata
    preferences = _dict(root.get("/ViewerPreferences"))
    display = preferences.get("/DisplayDocTitle") if preferences is not None else None
    return Structure(
        marked=marked,
        has_tree=walk.elements > 0,
        elements=walk.elements,
        problem=walk.problem,
        unreachable=unreachable,
        headings=tuple(walk.headings),
        flaws=tuple(walk.flaws),
        mcid_types=walk.mcids,
        info_title=str(info.title).strip() if info is not None and info.title else "",
        xmp_title=xmp_title,
        display_title=display.value if isinstance(display, BooleanObject) else None,
        bookmarks=_bookmarks(root),
    )


def _dict(value: PdfObject | None) -> DictionaryObject | None:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return value if isinstance(value, DictionaryObject) else None


def _ref(reference: IndirectObject | None) -> object:
    return (reference.idnum, reference.generation) if reference is not None else None


def _name(value: object) -> str:
    return str(value).lstrip("/") if value is not None else ""


def _role_map(tree_root: DictionaryObject | None) -> dict[str, str]:
    roles = _dict(tree_root.get("/RoleMap")) if tree_root is not None else None
    return {_name(k): _name(v) for k, v in (roles or {}).items()}


def standard_type(kind: str, roles: dict[str, str]) -> tuple[str | None, str | None]:
    """The standard type `kind` maps to (None: none) and what is wrong with the mapping
    ("unmapped", "circular" or "remapped": a standard type mapped to another)."""
    if kind in STANDARD:
        mapped = roles.get(kind)
        return kind, ("remapped" if mapped is not None and mapped != kind else None)
    seen = {kind}
    for _ in range(MAX_ROLE_CHAIN):
        kind_next = roles.get(kind)
        if kind_next is None:
            return None, "unmapped"
        if kind_next in STANDARD:
            return kind_next, None
        if kind_next in seen:
            return None, "circular"
        seen.add(kind_next)
        kind = kind_next
    return None, "circular"


class _Walk:
    """One bounded, iterative walk of the structure tree."""

    def __init__(self, pages: dict[object, int], roles: dict[str, str], budget: int) -> None:
        self.pages = pages
        self.roles = roles
        self.budget = budget
        self.elements = 0
        self.problem: str | None = None
        self.headings: list[Heading] = []
        self.flaws: list[Flaw] = []
        self.mcids: dict[tuple[int, int], str] = {}
        self.role_flaws: set[str] = set()
        self.seen: set[object] = set()

    def run(self, tree_root: DictionaryObject) -> None:
        # (node, depth, inherited page, the standard type of the parent element, or of the
        # heading it is in)
        stack: list[tuple[PdfObject, int, int | None, str | None]] = [
            (kid, 1, None, None) for kid in reversed(list(self._kids(tree_root.get("/K"))))
        ]
        while stack:
            if self.problem is not None:
                return
            node, depth, page, parent = stack.pop()
            self._spend()
            if depth > MAX_DEPTH:
                self.problem = f"deeper than {MAX_DEPTH} levels"
                return
            if isinstance(node, IndirectObject):
                key = _ref(node)
                if key in self.seen:
                    self.problem = "an element is reached twice (a cycle)"
                    return
                self.seen.add(key)
            value = node.get_object() if isinstance(node, IndirectObject) else node
            if isinstance(value, int):
                if page is not None and parent is not None:
                    self.mcids[(page, int(value))] = parent
                continue
            if not isinstance(value, DictionaryObject):
                continue
            kind = value.get("/Type")
            if kind == "/MCR":
                on = self._page(value, page)
                mcid = value.get("/MCID")
                if on is not None and isinstance(mcid, int) and parent is not None:
                    self.mcids[(on, int(mcid))] = parent
                continue
            if kind == "/OBJR" or "/S" not in value:
                continue
            children = list(self._kids(value.get("/K")))
            page = self._page(value, page)  # /Pg, inherited by MCIDs given as integers
            standard = self._element(value, children, page)
            # Content inside a heading (a Span in an H1) belongs to the heading.
            owner = parent if parent in HEADINGS else standard
            nested = self._own(children, page, owner)
            stack.extend((kid, depth + 1, page, owner) for kid in reversed(nested))

    def _own(self, children: list[PdfObject], page: int | None, owner: str) -> list[PdfObject]:
        """Note the MCIDs among `children` (on the element's page) as `owner`'s; the other
        kids, to walk."""
        nested = []
        for kid in children:
            if isinstance(kid, int):
                if page is not None:
                    self.mcids[(page, int(kid))] = owner
            else:
                nested.append(kid)
        return nested

    def _spend(self, cost: int = 1) -> None:
        self.budget -= cost
        if self.budget < 0 and self.problem is None:
            self.problem = "more elements than a document of this length can have"

    def _page(self, node: DictionaryObject, inherited: int | None) -> int | None:
        page = node.get("/Pg")
        if isinstance(page, IndirectObject):
            return self.pages.get(_ref(page), inherited)
        return inherited

    def _first_page(self, children: list[PdfObject]) -> int | None:
        """The page of an element without /Pg: that of its first marked-content reference,
        looked for down the first kids (a table's first row, its first cell)."""
        for _ in range(8):
            kid = _dict(children[0]) if children else None
            if kid is None:
                return None
            if kid.get("/Type") == "/MCR" or "/Pg" in kid:
                return self._page(kid, None)
            if "/S" not in kid:
                return None
            children = list(self._kids(kid.get("/K")))[:1]
        return None

    def _kids(self, value: PdfObject | None) -> Iterator[PdfObject]:
        resolved = value.get_object() if isinstance(value, IndirectObject) else value
        if isinstance(resolved, ArrayObject):
            self._spend(len(resolved))
            if self.problem is None:
                yield from resolved
        elif value is not None:
            yield value

    def _element(
        self, element: DictionaryObject, children: list[PdfObject], inherited: int | None
    ) -> str:
        """The element's standard type (an unmapped type: its own name), its flaws and
        headings noted with the page it is shown on."""
        self.elements += 1
        kind = _name(element.get("/S"))
        standard, wrong = standard_type(kind, self.roles)
        if wrong is None and standard not in _NOTED:
            return standard or kind
        page = self._first_page(children) or inherited
        if standard in ("Table", "L"):
            self._check_container(standard, element, page)
        if wrong is not None and kind not in self.role_flaws:
            self.role_flaws.add(kind)
            self.flaws.append(Flaw(f"role-{wrong}", kind, page))
        if standard == "Figure" and "/Alt" not in element and "/ActualText" not in element:
            self.flaws.append(Flaw("figure-alt", kind, page))
        if standard in HEADINGS:
            match = _HEADING_LEVEL.fullmatch(standard)
            self.headings.append(Heading(int(match.group(1)) if match else 0, page))
        return standard or kind  # an unmapped type keeps its own name

    def _types(self, value: PdfObject | None) -> list[tuple[str | None, DictionaryObject]]:
        """The standard types of the element kids of `value` (a /K), with the kids."""
        found = []
        for kid in self._kids(value):
            element = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(element, DictionaryObject) and "/S" in element:
                found.append((standard_type(_name(element.get("/S")), self.roles)[0], element))
        return found

    def _check_container(self, kind: str, element: DictionaryObject, page: int | None) -> None:
        """Tables: rows (TR, or THead/TBody/TFoot of TR) of TH/TD cells, some TH; lists:
        LI items of Lbl/LBody (ISO 32000-1, tables 336 and 337)."""
        kids = [(t, e) for t, e in self._types(element.get("/K")) if t != "Caption"]
        if kind == "L":
            items = [e for t, e in kids if t == "LI"]
            parts = {t for item in items for t, _ in self._types(item.get("/K"))}
            if not items or len(items) < len(kids) or not parts <= {"Lbl", "LBody"}:
                self.flaws.append(Flaw("list", kind, page))
            return
        rows: list[DictionaryObject] = []
        regular = bool(kids)
        for t, e in kids:
            if t == "TR":
                rows.append(e)
            elif t in ("THead", "TBody", "TFoot"):
                group = self._types(e.get("/K"))
                regular &= all(g == "TR" for g, _ in group)
                rows.extend(r for g, r in group if g == "TR")
            else:
                regular = False
        cells = [t for row in rows for t, _ in self._types(row.get("/K"))]
        regular &= bool(cells) and all(t in ("TH", "TD") for t in cells)
        if not regular:
            self.flaws.append(Flaw("table-rows", kind, page))
        elif "TH" not in cells:
            self.flaws.append(Flaw("table-header", kind, page))


def _unreachable(reader: PdfReader, walk: _Walk, marked: MarkedText | None) -> tuple[int, ...]:
    """Pages whose content the structure tree does not reach (Matterhorn 01-005): text
    drawn outside marked content, marked content no element owns, or marked content on a
    page without /StructParents (the way back from the content to the tree)."""
    if marked is None:
        return ()
    missing = set(marked.untagged)
    for page, mcid in marked.texts:
        if (page, mcid) not in walk.mcids:
            missing.add(page)
    for page in {page for page, _ in marked.texts} - missing:
        if not isinstance(reader.pages[page - 1].get("/StructParents"), int):
            missing.add(page)
    return tuple(sorted(missing))


def _bookmarks(root: DictionaryObject) -> int:
    outlines = _dict(root.get("/Outlines"))
    if outlines is None:
        return 0
    count, item = 0, _dict(outlines.get("/First"))
    seen: set[int] = set()
    while item is not None and id(item) not in seen and count < 10_000:
        seen.add(id(item))
        count += 1
        item = _dict(item.get("/Next"))
    return count
