"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from referat_lint import __version__
from referat_lint.checking.findings import Applicability, Finding, Severity, Span
from referat_lint.checking.result import FileResult
from referat_lint.checking.rule import Rule
from referat_lint.out.docs import description, help_uri, repository_url
from referat_lint.out.messages import say, text
from referat_lint.out.report import ReportContext
from referat_lint.out.report.artifacts import ROOT_ID, artifact_uri, fingerprints
from referat_lint.out.report.diagnostic import diagnostic

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "referatLint/v1"
_MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_FIX_TEXTS = {
    Applicability.SAFE: "sarif.safe",
    Applicability.UNSAFE: "sarif.unsafe",
    Applicability.DISPLAY_ONLY: "sarif.display-only",
}


def _rule(rule: Rule, lang: str, repository: str | None) -> dict[str, Any]:
    how = text(f"sarif.fix.{rule.fix_availability.value}", lang)
    summary, explanation, how = description(rule, lang, how)
    uri = help_uri(rule, repository)
    return ({"helpUri": uri} if uri else {}) | {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[lang]},
        "fullDescription": {"text": explanation},
        "help": {
            "text": f"{summary}\n\n{explanation}\n\n{how}",
            "markdown": f"**{rule.summary[lang]}**\n\n{explanation}\n\n{how}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"fix": rule.fix_availability.value, "tags": [rule.stage.value]},
    }


def _region(span: Span) -> dict[str, Any]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _found_region(found: dict[str, Any]) -> dict[str, Any]:
    """The region of a diagnostic (the shared form of a finding)."""
    region = _region(Span(found["line"], found["column"], found["end_line"], found["end_column"]))
    if "page" in found:  # lines are those of the extracted text; the page is the PDF's
        region["properties"] = {"page": found["page"]}
    return region


def _fix(
    finding: Finding, found: dict[str, Any], location: dict[str, Any], lang: str
) -> list[dict[str, Any]]:
    """The finding's fix as SARIF `fixes`, its edits as the view's regions (the diagnostic
    `found` has them as offsets); a re-encoding of the whole file has no text edits to
    express, so it is left out."""
    if "fix" not in found or finding.fix_view is None:
        return []
    replacements = [
        {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.replacement}}
        for edit in finding.fix_view.edits
    ]
    description = text(_FIX_TEXTS[Applicability(found["fix"]["applicability"])], lang)
    fixes = [
        {
            "description": {"text": description},
            "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        }
    ]
    if len(finding.fix_view.edits) == 1:  # the other readings, each as a fix of its own
        region = _region(finding.fix_view.edits[0].span)
        fixes += [
            {
                "description": {"text": text("sarif.suggestion", lang, reading=reading)},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {"deletedRegion": region, "insertedContent": {"text": reading}}
                        ],
                    }
                ],
            }
            for reading in found["fix"].get("suggestions", ())
        ]
    return fixes


def render(results: Sequence[FileResult], context: ReportContext) -> str:
    return json.dumps(sarif_log(results, context, Path.cwd()), ensure_ascii=False, indent=2) + "\n"


# The log as SARIF nests it, read top to bottom: one pass over the files fills the
# artifacts, the results and the notifications that point at each other by index.
def sarif_log(results: Sequence[FileResult], context: ReportContext, root: Path) -> dict:
    """The SARIF log as plain data; paths are made relative to `root`."""
    lang = context.lang
    rules = sorted(context.rules.values(), key=lambda rule: rule.code)
    rule_index = {rule.name: index for index, rule in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        uri, base = artifact_uri(result.path, root)
        where: dict[str, Any] = {"uri": uri, "uriBaseId": base} if base else {"uri": uri}
        location = {**where, "index": len(artifacts)}
        artifact: dict[str, Any] = {"location": where}
        if result.encoding in _MIME_TYPES:  # a PDF or DOCX: its text was extracted
            artifact["mimeType"] = _MIME_TYPES[result.encoding]
        elif result.encoding:
            artifact["encoding"] = result.encoding
        artifacts.append(artifact)
        if result.problem is not None:
            notifications.append(
                {
                    "level": "error" if result.fatal else "warning",
                    "message": {"text": f"{result.path}: {say(result.problem, context.lang)}"},
                    "locations": [{"physicalLocation": {"artifactLocation": location}}],
                }
            )
        for finding, fingerprint in zip(result.findings, fingerprints(result, root), strict=True):
            found = diagnostic(finding, context)
            entry: dict[str, Any] = {
                "ruleId": found["code"],
                "ruleIndex": rule_index[found["rule"]],
                "level": LEVELS[found["severity"]],
                "message": {"text": found["message"]},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": location,
                            "region": _found_region(found),
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT: fingerprint},
            }
            fixes = _fix(finding, found, location, lang)
            if fixes:
                entry["fixes"] = fixes
            sarif_results.append(entry)
    repository = repository_url()
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "referat-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "language": lang,
                "rules": [_rule(rule, lang, repository) for rule in rules],
            }
        },
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {ROOT_ID: {"uri": root.as_uri() + "/"}},
        "artifacts": artifacts,
        "results": sarif_results,
        "invocations": [
            {
                "executionSuccessful": not any(result.failed for result in results),
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
