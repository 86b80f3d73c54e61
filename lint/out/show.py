"""`--show-document`: the parsed document as JSON (schema/document.schema.json), to see
why a rule fired and to write a layout profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat_lint.document.model import Decision, Document, Field, SubHeading
from referat_lint.out.privacy import mask

if TYPE_CHECKING:
    from typing import Any


def _field(field: Field | SubHeading | None) -> dict[str, Any] | None:
    if field is None:
        return None
    return {"value": mask(field.value), "line": field.line, "column": field.column}


def _decision(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "line": decision.line,
        "heading": mask(decision.heading),
        "body": decision.committee,
        "date": _field(decision.date),
        "text": mask(decision.text),
    }


def document_data(document: Document, path: str) -> dict[str, Any]:
    """The document as plain data."""
    header = document.header
    return {
        "tool": "referat-lint",
        "path": path,
        "layout": document.layout,
        "kind": document.kind,
        "markup": document.markup,
        "header": {
            "title": _field(header.title),
            "body": header.body,
            "title_date": _field(header.title_date),
            "date": _field(header.date),
            "time": header.time,
            "place": _field(header.place),
            "participants": [mask(name) for name in header.participants],
        },
        "toc": [
            {
                "title": mask(entry.title),
                "number": entry.number,
                "closed": entry.closed,
                "page": entry.page,
                "line": entry.line,
            }
            for entry in document.toc
        ],
        "items": [
            {
                "number": item.label,
                "title": mask(item.title),
                "closed": item.closed,
                "closed_by": item.closed_by,
                "standard": item.standard,
                "group": item.group,
                "line": item.line,
                "end_line": item.end_line,
                "case_numbers": [_field(f) for f in item.case_numbers],
                "journal_numbers": [_field(f) for f in item.journal_numbers],
                "document_numbers": [_field(f) for f in item.document_numbers],
                "subheading": _field(item.subheading) if item.subheading else None,
                "sections": [
                    {"name": s.name, "line": s.line, "end_line": s.end_line} for s in item.sections
                ],
                "decision": _decision(item.decision),
                "history": [_decision(block) for block in item.history],
            }
            for item in document.items
        ],
    }
