"""A big text is held as little more than itself: its lines are slices of it (slices.Lines),
the parser's view of them and the items' bodies refer to them (parse.lines.Overlay,
slices.Body), and a check lets go of the file's bytes once they are decoded. Every file
reads, is found and is fixed exactly as a small text is."""

from __future__ import annotations

import gc
import re
import sys
import tracemalloc
from pathlib import Path

import pytest

from referat_lint.checking import engine, pipeline
from referat_lint.config import Config
from referat_lint.document import model
from referat_lint.document.model import Text, _Record
from referat_lint.document.parse import body, lines, parse
from referat_lint.document.slices import Body, Lines
from referat_lint.input.source import decode
from referat_lint.rules import all_rules

from conftest import EXAMPLES, FIXTURES, findings_of

FILES = sorted(
    path
    for folder in (FIXTURES, EXAMPLES)
    for path in folder.rglob("*")
    if path.suffix in {".txt", ".md"}
)

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Fictional minutes of Eksempel Kommune: one item, a long case description (with an en
# dash and typographic quotes: two bytes a character in memory, as much Danish text is).
HEAD = (
    "REFERAT Byrådet d. 03-04-2025\n\nPunkt 1: Helhedsplan for Eksempelby\n\n25-000123\n\n"
    "Beslutning\n\nGodkendt.\n\nSagsfremstilling\n\n"
)
PARAGRAPH = (
    "Forvaltningen har udarbejdet et forslag til helhedsplan for området ved Åvej.\n\n"
    "Planen er drøftet med grundejerforeningen – og „Eksempelby Vest“ har afgivet høringssvar.\n\n"
    "Der er afsat 1,5 mio. kr. i budget 2025; udvalget orienteres om økonomien i 2026.\n\n"
)


def minutes(megabytes: float) -> str:
    return HEAD + PARAGRAPH * int(megabytes * 1e6 / len(PARAGRAPH.encode("utf-8")))


def as_big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text read as a big one, in blocks small enough that files here span many."""
    monkeypatch.setattr(model, "LINES_AS_SLICES", -1)
    monkeypatch.setattr(model, "SCAN_BLOCK", 64)
    monkeypatch.setattr(Lines, "BLOCK", 3)
    monkeypatch.setattr(lines, "LINES_AT_ONCE", 5)
    monkeypatch.setattr(body, "LINES_AT_ONCE", 5)
    monkeypatch.setattr(body, "LINK_LINES", 2)


def plain(value: object) -> object:
    """A parse as plain values: records as dicts (the document's Text left out), a Body or
    a list as a list, patterns as their source."""
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, (list, Body)) or (
        isinstance(value, tuple) and not hasattr(value, "_asdict")
    ):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, _Record):  # the model's records: their fields, as they list them
        fields = {name: getattr(value, name) for name in value._fields}
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        fields = vars(value)
    else:
        return value
    return {k: plain(v) for k, v in fields.items() if k != "text" and not k.startswith("_")}


def parsed(path: Path) -> object:
    return plain(parse(Text(decode(path.read_bytes()).text)))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_big_text_parses_as_a_small_one(path: Path, monkeypatch) -> None:
    small = parsed(path)
    as_big(monkeypatch)
    text = Text(decode(path.read_bytes()).text)
    assert isinstance(text.lines, Lines)
    document = parse(text)
    assert all(isinstance(i.unplaced, Body) for i in document.items)
    assert plain(document) == small


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_big_text_has_the_findings_of_a_small_one(path: Path, monkeypatch) -> None:
    data = path.read_bytes()
    small = findings_of(data)
    as_big(monkeypatch)
    assert findings_of(data) == small


def test_real_published_minutes_read_alike_as_big_texts(monkeypatch) -> None:
    """Real minutes of several systems (read at run time, beside the checkout) parse and
    are found alike read either way."""
    files = [*sorted((SHARED / "real").rglob("*.txt")), *sorted((SHARED / "seeds").glob("*.txt"))]
    if not files:
        pytest.skip(f"real published minutes ({SHARED}) are not present")
    small = {path: (parsed(path), findings_of(path.read_bytes())) for path in files}
    as_big(monkeypatch)
    for path in files:
        assert (parsed(path), findings_of(path.read_bytes())) == small[path], path.name


def test_a_body_reads_its_lines_from_the_view_and_keeps_what_is_its_own(monkeypatch) -> None:
    as_big(monkeypatch)
    view = lines.clean_lines(Text("Sagsfremstilling: Kort\r\nFørste linje\r\n\r\nAnden  linje"))
    assert isinstance(view, lines.Overlay)
    part = Body(view)
    part.append((1, "Kort"))  # a heading's inline text: not its line's
    part.extend([(2, "Første linje"), (4, "Anden linje")])
    assert list(part) == [(1, "Kort"), (2, "Første linje"), (4, "Anden linje")]
    assert (len(part), part[-1], part[1:]) == (3, (4, "Anden linje"), list(part)[1:])


def test_fix_on_a_big_file_writes_what_it_writes_for_a_small_one(
    cli, tmp_path, monkeypatch
) -> None:
    """A file above model.LINES_AS_SLICES with Windows line endings and mojibake is fixed
    as the same text read as a small one is; the fix is a fixpoint and keeps every CRLF."""
    damaged = (FIXTURES / "mojibake.txt").read_text("utf-8")
    text = (
        damaged + minutes(model.LINES_AS_SLICES / 1e6 + 0.2) + damaged.split("Sagsfremstilling")[0]
    )
    data = text.replace("\n", "\r\n").encode("utf-8")
    assert len(text) > model.LINES_AS_SLICES
    limit = tmp_path / "limit.toml"
    limit.write_text(f"max-file-size = {len(data) * 2}\n", "utf-8")
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(data)
    small.write_bytes(data)
    fix = ("--no-cache", "--config", str(limit), "--fix")
    assert cli(*fix, str(big)).code in (0, 1)
    monkeypatch.setattr(model, "LINES_AS_SLICES", len(data))
    assert cli(*fix, str(small)).code in (0, 1)
    fixed = big.read_bytes()
    assert fixed != data  # the mojibake was repaired
    assert fixed == small.read_bytes()
    assert fixed.count(b"\n") == fixed.count(b"\r\n") == data.count(b"\r\n")
    monkeypatch.setattr(model, "LINES_AS_SLICES", -1)
    assert cli(*fix, str(big)).code in (0, 1)
    assert big.read_bytes() == fixed


def test_checking_a_big_text_holds_little_more_than_the_text() -> None:
    """The rules and the parse of a 5 MB text need about the text again at most (one
    whole-text scan copies it): its lines as strings, or another copy, would need more."""
    source = decode(minutes(5).encode("utf-8"))
    rules, config = all_rules(), Config()
    engine.analyze(decode(minutes(0.01).encode("utf-8")), rules, config, "x.txt")  # warm-up
    size = sys.getsizeof(source.text)  # two bytes a character: it has an en dash
    gc.collect()
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        analysis = engine.analyze(source, rules, config, "x.txt")
        peak = tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()
    assert analysis.findings == ()
    assert analysis.document is not None and len(analysis.document.items) == 1
    assert peak < 1.5 * size


def test_a_check_lets_go_of_the_bytes_once_they_are_decoded(monkeypatch) -> None:
    """When the rules run, the file's bytes handed to the check are no longer held."""
    rules, config = all_rules(), Config()
    data = minutes(5).encode("utf-8")
    text_size = sys.getsizeof(data.decode("utf-8"))
    seen: list[int] = []
    analyze = engine.analyze

    def measured(*args, **kwargs):
        seen.append(tracemalloc.get_traced_memory()[0])
        return analyze(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze", measured)
    gc.collect()
    tracemalloc.start()
    try:
        copy = bytes(bytearray(data))  # traced: made after tracing started
        handed = pipeline.Handed(copy)
        del copy
        result = pipeline.check_file(handed, config, "x.txt", rules)
    finally:
        tracemalloc.stop()
    assert result.problem is None and result.findings == ()
    assert seen and seen[0] < text_size + len(data) / 2  # the text, not the bytes too
