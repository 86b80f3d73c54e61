"""The machine-readable reports give a finding from one conversion: JSON, SARIF and GitLab
agree on each finding's code, message, lines and fix."""

from __future__ import annotations

import json

from conftest import EXAMPLES


def test_json_sarif_and_gitlab_give_each_finding_alike(cli, monkeypatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    folder = EXAMPLES.name
    report = json.loads(cli("--no-cache", "--format", "json", folder).out)
    found = [d for f in report["files"] for d in f["diagnostics"]]
    assert len(found) == 8 and sum(d["fixable"] for d in found) == 4
    [run] = json.loads(cli("--no-cache", "--format", "sarif", folder).out)["runs"]
    sarif = [
        (
            r["ruleId"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["endLine"],
            len(r.get("fixes", ())) > 0,
        )
        for r in run["results"]
    ]
    gitlab = [
        (i["check_name"].split()[0], i["description"], i["location"]["lines"]["begin"])
        for i in json.loads(cli("--no-cache", "--format", "gitlab", folder).out)
    ]
    assert sarif == [
        (d["code"], d["message"], d["line"], d["end_line"], "fix" in d and bool(d["fix"]["edits"]))
        for d in found
    ]
    assert gitlab == [(d["code"], d["message"], d["line"]) for d in found]
