"""Inline suppression comments in Markdown and plain text, and the unused ones reported."""

from __future__ import annotations

from referat_lint.config import Config

from conftest import FIXTURES, findings_of, rule_lines

# RL201 on line 15 (item 1's title), RL401 on line 31 (item 2's decision)
DEFECTS = (FIXTURES / "new_defects.txt").read_text("utf-8").split("\n")


def _with(*edits: tuple[int, str]) -> str:
    """The defective minutes with `text` appended to (or, for a 0, inserted before) lines."""
    lines = list(DEFECTS)
    for number, text in sorted(edits, reverse=True):
        if number == 0:
            lines.insert(0, text)
        else:
            lines[number - 1] += text
    return "\n".join(lines)


def test_the_minutes_have_two_findings_without_comments() -> None:
    assert rule_lines(findings_of(_with())) == [("missing-case-number", 15), ("empty-decision", 31)]


def test_line_form_hides_the_finding_on_its_line() -> None:
    text = _with((15, " <!-- referat-lint-disable-line missing-case-number -->"))
    assert rule_lines(findings_of(text)) == [("empty-decision", 31)]


def test_next_line_form_and_codes() -> None:
    text = _with((14, "<!-- referat-lint-disable-next-line RL2 -->"))
    assert rule_lines(findings_of(text)) == [("empty-decision", 31)]


def test_range_form_hides_everything_between_disable_and_enable() -> None:
    text = _with((0, "<!-- referat-lint-disable -->"), (20, "<!-- referat-lint-enable -->"))
    # one line inserted at the top: the decision is now on line 32
    assert rule_lines(findings_of(text)) == [("empty-decision", 32)]
    unclosed = _with((0, "<!-- referat-lint-disable empty-decision, missing-case-number -->"))
    assert rule_lines(findings_of(unclosed)) == []


def test_an_unused_suppression_is_reported(cli, tmp_path) -> None:
    text = _with(
        (15, " <!-- referat-lint-disable-line missing-case-number -->"),
        (25, " <!-- referat-lint-disable-line mojibake -->"),
        (27, " <!-- referat-lint-disable-line -->"),
    )
    for name in ("referat.md", "referat.txt"):
        (tmp_path / name).write_text(text, "utf-8")
        run = cli(name)
        assert run.code == 1
        lines = run.out.splitlines()[:-1]
        assert [line.split(": ")[0] + " " + line.split()[2] for line in lines] == [
            f"{name}:25:{len(DEFECTS[24]) + 2} RL005",
            f"{name}:27:{len(DEFECTS[26]) + 2} RL005",
            f"{name}:31:1 RL401",
        ], run.out
        assert lines[0].endswith(
            "the comment turns off mojibake, but there is no finding here to hide"
        )
        assert lines[1].endswith(
            "the comment turns off every rule, but there is no finding here to hide"
        )
    assert "RL005" not in cli("--ignore", "unused-suppression", "referat.md").out


def test_fix_keeps_the_comments(cli, tmp_path) -> None:
    text = _with((15, " <!-- referat-lint-disable-line missing-case-number -->"))
    path = tmp_path / "m.md"
    path.write_text(text, "utf-8")
    cli("--fix", str(path))
    assert path.read_text("utf-8") == text


def test_ignored_rules_config_still_applies() -> None:
    text = _with((15, " <!-- referat-lint-disable-line missing-case-number -->"))
    config = Config(ignore=("empty-decision",))
    assert rule_lines(findings_of(text, config)) == []
