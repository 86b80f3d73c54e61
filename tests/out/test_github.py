"""GitHub Actions annotations: one workflow command per finding, escaped as the runner reads."""

from __future__ import annotations

import shutil

from referat_lint.out.report.github_report import command, escape_data, escape_property

from conftest import FIXTURES, ROOT


def test_one_annotation_per_finding(cli, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    run = cli(
        "--format", "github", "./tests/fixtures/new_defects.txt", "tests/fixtures/toc_defects.txt"
    )
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[:2] == [
        "::error file=tests/fixtures/new_defects.txt,line=15,col=1,endLine=15,endColumn=32,"
        "title=RL201 missing-case-number::item 1 (Tilskud til foreninger) has no case number",
        "::error file=tests/fixtures/new_defects.txt,line=31,col=1,endLine=31,endColumn=13,"
        "title=RL401 empty-decision::the decision on item 2 (Bibliotekets åbningstider) is empty",
    ]
    kinds = [line.split(" ", 1)[0] for line in lines[2:]]
    # toc-page-order and toc-title-mismatch are warnings
    assert kinds == ["::error", "::warning", "::error", "::warning", "::error"]
    assert len(lines) == 7


def test_info_is_a_notice_and_danish(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "new_defects.txt", "referat.txt")
    (tmp_path / ".referat-lint.toml").write_text('[severity]\nempty-decision = "info"\n', "utf-8")
    run = cli("--format", "github", "--lang", "da", "referat.txt")
    assert run.out.splitlines()[1] == (
        "::notice file=referat.txt,line=31,col=1,endLine=31,endColumn=13,"
        "title=RL401 empty-decision::beslutningen på punkt 2 (Bibliotekets åbningstider) er tom"
    )


def test_escaping() -> None:
    assert escape_data("100% sikker\r\nny linje: a, b") == "100%25 sikker%0D%0Any linje: a, b"
    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    assert command("warning", "50%\nok", file="x,y.txt", line=3) == (
        "::warning file=x%2Cy.txt,line=3::50%25%0Aok"
    )


def test_awkward_file_name_and_unreadable_file(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "new_defects.txt", "møde, 50%: udkast.txt")
    run = cli("--format", "github", "møde, 50%: udkast.txt", "mangler.txt")
    lines = run.out.splitlines()
    assert lines[0].startswith("::error file=møde%2C 50%25%3A udkast.txt,line=15,")
    assert lines[-1] == "::error file=mangler.txt,title=referat-lint::no such file or folder"
    assert run.code == 2
