"""The text of a tagged PDF's marked-content sequences, gathered during extraction."""

from __future__ import annotations

from pypdf.generic import DictionaryObject

ARTIFACT = -1  # on the marked-content stack: inside an /Artifact sequence


class MarkedText:
    """The text of each marked-content sequence (`/P <</MCID 3>> BDC ... EMC`) of a page,
    and the pages that draw text outside any (neither tagged nor an artifact), gathered
    from pypdf's visitors during the one extraction pass.

    pypdf hands text over late (at a line break, a font change, ET), possibly after the
    sequence ended: each text-showing operator notes the MCID it was drawn in, and text
    handed over belongs to the MCID of the first operator not yet accounted for.
    """

    _SHOWS = frozenset((b"Tj", b"TJ", b"'", b'"'))

    def __init__(self) -> None:
        self.page = 0
        self.texts: dict[tuple[int, int], list[str]] = {}
        self.untagged: set[int] = set()  # pages with text outside marked content
        self._stack: list[int | None] = []
        self._pending: list[int | None] = []
        self._operator = b""

    def start(self, page: int) -> None:
        self.page, self._stack, self._pending = page, [], []

    def operator(self, operator: bytes, operands: list, _cm: object, _tm: object) -> None:
        """pypdf's visitor_operand_before (called for every operator: kept lean)."""
        self._operator = operator
        stack = self._stack
        if operator in self._SHOWS:
            self._pending.append(stack[-1] if stack else None)
        elif operator == b"BDC" or operator == b"BMC":
            # The stack holds what counts inside each sequence: its MCID, ARTIFACT, or
            # (a sequence of neither) what counted outside it.
            props = operands[1] if len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
            if operands and operands[0] == "/Artifact":
                stack.append(ARTIFACT)
            elif isinstance(mcid, int):
                stack.append(int(mcid))
            else:
                stack.append(stack[-1] if stack else None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(self, text: str) -> None:
        """Called with each piece of text pypdf hands to its text visitor."""
        if not self._pending:
            return
        # Handed over while a new piece is shown: that piece is not in this text yet.
        showing = self._operator in self._SHOWS and len(self._pending) > 1
        mcid = self._pending[0]
        self._pending = self._pending[-1:] if showing else []
        if not text.strip():
            return
        if mcid is None:
            self.untagged.add(self.page)
        elif mcid != ARTIFACT:
            self.texts.setdefault((self.page, mcid), []).append(text)

    def by_page(self) -> dict[int, tuple[tuple[int, str], ...]]:
        """Each page's (MCID, text) in drawing order."""
        pages: dict[int, list[tuple[int, str]]] = {}
        for (page, mcid), pieces in self.texts.items():
            pages.setdefault(page, []).append((mcid, " ".join("".join(pieces).split())))
        return {page: tuple(found) for page, found in pages.items()}
