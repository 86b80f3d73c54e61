"""The HTML review page as a file: self-contained, escaped, in Danish or English, complete.

The browser test (test_html_browser.py) checks how it renders and filters.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from cache_index import index_files
from conftest import EXAMPLES, FIXTURES


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def page(cli, tmp_path: Path, *args: str) -> tuple[Page, str]:
    out = tmp_path / "report.html"
    run = cli("--format", "html", "--output", str(out), *args)
    assert run.out == ""
    text = out.read_text("utf-8")
    return Page(text), text


def test_needs_an_output_file(cli) -> None:
    run = cli("--format", "html", str(EXAMPLES))
    assert run.code == 2
    assert run.err == (
        "referat-lint: error: --format html writes a page: give --output FILE "
        "(e.g. -o report.html)\n"
    )


def test_self_contained(cli, tmp_path) -> None:
    parsed, text = page(cli, tmp_path, str(EXAMPLES))
    assert not parsed.all("link") and not parsed.all("img") and not parsed.all("iframe")
    assert all("src" not in attrs for _, attrs in parsed.tags)
    assert all(attrs["href"].startswith("#") for _, attrs in parsed.tags if "href" in attrs)
    assert "http://" not in text and "https://" not in text and "@import" not in text
    assert "url(" not in text  # no fonts or images pulled in by the stylesheet
    (policy,) = parsed.all("meta", **{"http-equiv": "Content-Security-Policy"})
    assert policy["content"].startswith("default-src 'none'")


def test_danish_by_default_under_a_danish_locale(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    parsed, text = page(cli, tmp_path, str(EXAMPLES))
    assert parsed.all("html") == [{"lang": "da"}]
    assert '<h2 id="summary-heading">Oversigt</h2>' in text
    assert "punkt 1 (Godkendelse af dagsorden) mangler sagsnummer" in text
    assert "Viser 8 af 8 fund." in text


def test_english_with_lang_en(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    parsed, text = page(cli, tmp_path, "--lang", "en", str(EXAMPLES))
    assert parsed.all("html") == [{"lang": "en"}]
    assert "item 1 (Godkendelse af dagsorden) has no case number" in text
    assert "Showing 8 of 8 findings." in text


def test_summary_and_findings_in_document_order(cli, tmp_path) -> None:
    parsed, text = page(
        cli, tmp_path, "--lang", "da", str(EXAMPLES), str(FIXTURES / "old_clean.txt")
    )
    assert "<dt>Filer kontrolleret</dt><dd>14</dd>" in text
    assert "<dt>Filer uden fund</dt><dd>11</dd>" in text
    assert '<div class="count manual"><dt>Skal rettes af en person</dt><dd>4</dd>' in text
    assert '<div class="count auto"><dt>Rettes automatisk</dt><dd>4</dd>' in text
    assert "Ikke referater" not in text  # every file given is minutes
    rows = parsed.all("tr")
    findings = [r for r in rows if r.get("class") == "finding"]
    assert [(r["data-file"].rsplit("/", 1)[-1], r["data-rule"]) for r in findings] == [
        ("byraadet-2022-09-21.md", "toc-title-mismatch"),
        ("byraadet-2024-06-19.txt", "missing-case-number"),
        ("byraadet-2024-06-19.txt", "mojibake"),
        ("byraadet-2024-06-19.txt", "mojibake"),
        ("byraadet-2024-06-19.txt", "mojibake"),
        ("kultur-og-fritidsudvalget-2025-11-05-cp1252.txt", "file-encoding"),
        ("kultur-og-fritidsudvalget-2025-11-05-cp1252.txt", "missing-case-number"),
        ("kultur-og-fritidsudvalget-2025-11-05-cp1252.txt", "empty-decision"),
    ]
    assert [r["data-fix"] for r in findings] == ["manual", "manual"] + ["auto"] * 4 + ["manual"] * 2
    # clean files are listed by name
    assert '<li><span class="path">' + str(FIXTURES / "old_clean.txt") + "</span></li>" in text
    # one summary row per rule that found something, linked to its explanation
    assert text.count('<section class="rule" id="rule-') == 5
    # a rule by its title in words, its name as small code
    assert (
        '<a href="#rule-RL101">Forkerte tegn (æ, ø, å)</a> <code class="rule-name">mojibake</code>'
    ) in text
    assert '<h3>Forkerte tegn (æ, ø, å) <code class="rule-name">mojibake</code></h3>' in text


def test_context_highlight_and_before_after(cli, tmp_path) -> None:
    _, text = page(cli, tmp_path, "--lang", "da", str(FIXTURES / "mojibake.txt"))
    # the finding's line among its neighbours, the offending text marked
    # two findings on line 25: one context with both marked, one "after" with both fixes
    assert (
        '<span class="line hit"><span class="number" aria-hidden="true">25</span>'
        '<span class="text">Godkendt med den <mark>Ã¦</mark>ndring, at cykelstien på '
        "<mark>Ã…</mark>vej prioriteres.</span></span>"
    ) in text
    assert text.count('<span class="number" aria-hidden="true">25</span>') == 1
    assert '<span class="number" aria-hidden="true">23</span>' in text
    assert "Linje 23–27 i filen" in text
    assert (
        "<code>Godkendt med den <del>Ã¦</del>ndring, at cykelstien på <del>Ã…</del>vej "
        "prioriteres.</code>"
    ) in text
    assert (
        "<code>Godkendt med den <ins>æ</ins>ndring, at cykelstien på <ins>Å</ins>vej "
        "prioriteres.</code>"
    ) in text
    assert text.count("Sådan rettes linjen automatisk:") == 3  # lines 25, 45 and 57
    # a multi-pass mojibake: the whole damaged run becomes one letter
    assert "vinterberedskabet for s<del>ÃƒÂ¦</del>sonen." in text
    assert "vinterberedskabet for s<ins>æ</ins>sonen." in text


def test_reencoding_is_explained_without_context(cli, tmp_path) -> None:
    _, text = page(
        cli,
        tmp_path,
        "--lang",
        "da",
        str(EXAMPLES / "kultur-og-fritidsudvalget-2025-11-05-cp1252.txt"),
    )
    assert '<p class="change">Filen gemmes automatisk som UTF-8.</p>' in text
    assert "3 fund · tegnsæt cp1252" in text


def test_text_from_the_file_is_escaped(cli, tmp_path) -> None:
    target = tmp_path / "<b>.txt"
    source = (FIXTURES / "new_defects.txt").read_text("utf-8")
    target.write_text(
        source.replace(
            "Punkt 1: Tilskud til foreninger", 'Punkt 1: Tilskud <script>alert("x")</script> & mere'
        ),
        "utf-8",
    )
    parsed, text = page(cli, tmp_path, str(target))
    assert "<script>alert" not in text
    assert "Tilskud &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mere" in text
    assert len(parsed.all("script")) == 1  # the page's own
    assert "&lt;b&gt;.txt" in text


def test_files_that_could_not_be_checked_are_listed(cli, tmp_path) -> None:
    (tmp_path / "tom.txt").write_bytes(b"")
    _, text = page(
        cli, tmp_path, "--lang", "da", str(tmp_path / "mangler.txt"), str(tmp_path / "tom.txt")
    )
    assert "<dt>Filer, der ikke kunne kontrolleres</dt><dd>1</dd>" in text
    assert (
        "mangler.txt</span> – kunne ikke kontrolleres: filen eller mappen findes ikke</li>" in text
    )
    assert "tom.txt</span> – sprunget over: tom fil, intet at kontrollere</li>" in text
    assert "Ingen fund: alle filer er i orden." in text


def test_after_fix_the_page_shows_what_is_left(cli, tmp_path) -> None:
    target = tmp_path / "m.txt"
    shutil.copy(FIXTURES / "mojibake.txt", target)
    _, text = page(cli, tmp_path, "--lang", "da", "--fix", str(target))
    assert "<dt>Rettet automatisk</dt><dd>4</dd>" in text
    assert "Ingen fund: alle filer er i orden." in text


def test_cpr_numbers_never_reach_the_page(cli, tmp_path) -> None:
    # A CPR number in the text, and on the same line a mis-decoded word whose fix the page
    # shows before and after: neither the context nor the fix view may show the number.
    path = tmp_path / "cpr.txt"
    text = (FIXTURES / "cpr.txt").read_text("utf-8")
    text = text.replace(
        "Klagen fra borgeren med CPR-nr. 120356-1234 blev drøftet og afvist.",
        "Klagen fra borgeren med CPR-nr. 120356-1234 blev drÃ¸ftet og afvist.",
    )
    path.write_text(text, "utf-8")
    _, html = page(cli, tmp_path, str(path))
    for number in ("120356-1234", "0702074012", "1203561234"):
        assert number not in html
    assert "xxxxxx-xxxx" in html and "dr<ins>ø</ins>ftet" in html


def test_cpr_numbers_are_masked_on_a_cache_hit_too(cli, tmp_path) -> None:
    path = tmp_path / "cpr.txt"
    shutil.copy(FIXTURES / "cpr.txt", path)
    other = str(FIXTURES / "old_clean.txt")
    cli(str(path), other)  # fills the cache (one named file alone would skip it)
    assert len(index_files(tmp_path / ".referat-lint-cache")) == 2
    _, html = page(cli, tmp_path, str(path), other)
    assert "120356-1234" not in html and "xxxxxx-xxxx" in html


def test_long_lines_are_cut_around_the_finding(cli, tmp_path) -> None:
    path = tmp_path / "long.txt"
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    filler = "Lang tekst uden fejl. " * 5000
    text = text.replace(
        "Udvalget orienteres om vinterberedskabet for sæsonen.",
        f"{filler}Udvalget orienteres om vinterberedskabet for sÃ¦sonen. {filler}",
    )
    path.write_text(text, "utf-8")
    _, html = page(cli, tmp_path, str(path))
    assert "<mark>Ã¦</mark>" in html
    assert len(html) < 60_000  # the line holds 220,000 characters


# What the page must not say to records staff (the rules' own texts are held to a longer
# list in test_i18n.py): library and character-set names, code points, run and hook talk.
PAGE_JARGON = re.compile(
    r"ftfy|Windows-1252|Latin-1|\bC0\b|\bC1\b|\bDEL\b|byte.order.mark|U\+[0-9A-F]{4}|"
    r"kørslen|pre-commit-hook|--[a-z]",
    re.IGNORECASE,
)


class Visible(HTMLParser):
    """What a reader sees: the page's text without its stylesheet and script."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.hidden = 0
        self.words: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.words.append(data)


def visible_text(html: str) -> str:
    return " ".join(Visible(html).words)


def test_danish_page_for_records_staff(cli, tmp_path, monkeypatch) -> None:
    # Danish by default even under a C locale; no command-line option or config key text.
    monkeypatch.setenv("LANG", "C.UTF-8")
    lossy = tmp_path / "uklar.txt"
    lossy.write_text(
        (FIXTURES / "new_clean.txt")
        .read_text("utf-8")
        .replace("Godkendt.", "Godkendt, qwÅ,rtz.", 1),
        "utf-8",
    )
    parsed, html = page(
        cli,
        tmp_path,
        str(EXAMPLES),
        str(FIXTURES / "lossy.txt"),
        str(lossy),
        str(FIXTURES / "case_numbers_defects.txt"),
        str(FIXTURES / "items_defects.txt"),
        str(FIXTURES / "characters.txt"),
    )
    assert parsed.all("html") == [{"lang": "da"}]
    words = visible_text(html)
    assert "Ret i sagssystemet og eksportér igen." in words
    assert "referat-lint retter det automatisk" in words
    # no jargon in the page's own words (the file's text, in code and pre, is the file's)
    own = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S)
    assert not PAGE_JARGON.search(visible_text(own)), PAGE_JARGON.search(visible_text(own))
    for technical in (
        "--fix",
        "--unsafe",
        "--select",
        "per-file-ignores",
        "exempt-titles",
        "placeholder-titles",
        "&nbsp;",
        "Rettes med",
        "Det vil",
    ):
        assert technical not in words, technical
    assert not re.search(r"--[a-z]", words)
    assert "1 fund · tegnsæt" in words


def test_english_plurals(cli, tmp_path) -> None:
    _, html = page(cli, tmp_path, "--lang", "en", str(FIXTURES / "new_defects.txt"))
    assert "2 findings · encoding utf-8" in html and "Showing 2 of 2 findings." in html
    one = tmp_path / "one.txt"
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    one.write_text(text.replace("prioriteres.", "prioriteres <b>nu</b>.", 1), "utf-8")
    _, html = page(cli, tmp_path, "--lang", "en", str(one))
    assert "1 finding · encoding utf-8" in html and "Showing 1 of 1 finding." in html
    assert "1 findings" not in visible_text(html)


def test_baseline_count_on_the_page(cli, tmp_path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "new_defects.txt", tmp_path / "n.txt")
    monkeypatch.chdir(tmp_path)
    cli("--write-baseline", "b.json", "n.txt")
    _, html = page(cli, tmp_path, "--baseline", "b.json", "n.txt")
    assert "<dt>Kendte fund, der ikke vises</dt><dd>2</dd>" in html


class Rows(HTMLParser):
    """Each finding row's cells as text, and each file's summary line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.summaries: list[str] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "tr" and "finding" in classes.split():
            self.rows.append([])
            self._in = "row"
        elif self._in == "row" and tag in ("td", "th"):
            self.rows[-1].append("")
        elif tag == "summary" and self._in is None:
            self.summaries.append("")
            self._in = "summary"

    def handle_endtag(self, tag) -> None:
        if (tag, self._in) in (("tr", "row"), ("summary", "summary")):
            self._in = None

    def handle_data(self, data) -> None:
        if self._in == "row" and self.rows[-1]:
            self.rows[-1][-1] += data
        elif self._in == "summary":
            self.summaries[-1] += data


def test_advice_per_finding_from_what_it_is(cli, tmp_path) -> None:
    foreign = tmp_path / "fremmed.txt"
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    line = "Udvalget orienteres om vinterberedskabet for sæsonen."
    assert line in text
    foreign.write_text(text.replace(line, "Udvalget orienteres om Ð¿Ñ€Ð¸Ð²ÐµÑ‚.", 1), "utf-8")
    notes = tmp_path / "noter.md"
    notes.write_text("# Noter\n\nHusk at sende referatet til udvalget.\n", "utf-8")
    _, html = page(
        cli,
        tmp_path,
        "--lang",
        "da",
        str(notes),
        str(FIXTURES / "new_defects.txt"),
        str(FIXTURES / "mojibake.txt"),
        str(foreign),
        str(FIXTURES / "not_minutes.txt"),
    )
    rows = Rows(html).rows
    advice = [(cells[2].split()[-1], cells[4]) for cells in rows]
    manual = "Ret i sagssystemet og eksportér igen."
    auto = (
        "Intet at gøre i sagssystemet: referat-lint retter det automatisk, med "
        "rettefunktionen eller med referat-lint-fix ved næste commit."
    )
    review = "Se forslaget nedenfor efter, ret i sagssystemet og eksportér igen."
    assert advice == [
        ("missing-case-number", manual),
        ("empty-decision", manual),
        *[("mojibake", auto)] * 4,
        ("mojibake", review),
    ]
    # the files that are not minutes: listed apart, collapsed, never counted as problems
    assert "not-minutes" not in html.split('<section id="fund"')[1]
    assert (
        '<details class="not-checked"><summary>Ikke kontrolleret: filer, der ikke er '
        "referater (2)</summary>"
    ) in html
    assert f'<li><span class="path">{notes}</span> – Ingen handling: filen er ikke et referat.'
    assert '<div class="count outside"><dt>Ikke referater</dt><dd>2</dd>' in html
    assert '<div class="count checked"><dt>Filer kontrolleret</dt><dd>3</dd>' in html
    assert '<div class="count manual"><dt>Skal rettes af en person</dt><dd>3</dd>' in html
    assert '<div class="count auto"><dt>Rettes automatisk</dt><dd>4</dd>' in html


def test_each_file_collapses_with_its_status_in_words(cli, tmp_path) -> None:
    parsed, html = page(
        cli,
        tmp_path,
        "--lang",
        "en",
        str(FIXTURES / "mojibake.txt"),
        str(FIXTURES / "toc_defects.txt"),
    )
    files = parsed.all("details")
    assert [(f["class"], f["data-file"]) for f in files if "data-file" in f] == [
        ("file status-auto", str(FIXTURES / "mojibake.txt")),
        ("file status-error", str(FIXTURES / "toc_defects.txt")),
    ]
    summaries = [" ".join(s.split()) for s in Rows(html).summaries]
    assert summaries[-2:] == [
        f"Repaired automatically {FIXTURES / 'mojibake.txt'} 0 need a person · 4 repaired "
        "automatically",
        f"Must be fixed {FIXTURES / 'toc_defects.txt'} 5 need a person · 0 repaired automatically",
    ]


def test_charts_per_rule_year_and_committee(cli, tmp_path) -> None:
    _, html = page(cli, tmp_path, "--lang", "en", str(EXAMPLES))
    charts = re.findall(r'<table class="chart ([a-z-]+)"><caption>([^<]*)</caption>', html)
    assert charts == [
        ("by-rule", "Findings per rule"),
        ("by-year", "Findings per year"),
        ("by-committee", "Findings per committee"),
    ]
    year_chart = html.split('class="chart by-year"')[1].split("</table>")[0]
    years = re.findall(r'<th scope="row">(\d+)</th>.*?<td class="words">([^<]*)</td>', year_chart)
    assert years == [
        ("2019", "3 files · 0 to fix · 0 automatic"),
        ("2021", "1 file · 0 to fix · 0 automatic"),
        ("2022", "2 files · 1 to fix · 0 automatic"),
        ("2024", "3 files · 1 to fix · 3 automatic"),
        ("2025", "4 files · 2 to fix · 1 automatic"),
    ]
    committee_chart = html.split('class="chart by-committee"')[1].split("</table>")[0]
    assert committee_chart.count("<tr>") == 9  # the examples' nine committees
    assert '<th scope="row">Byrådet</th>' in committee_chart
    # one file: a chart per rule, no chart of one year or one committee
    _, html = page(cli, tmp_path, "--lang", "en", str(FIXTURES / "mojibake.txt"))
    assert re.findall(r'<table class="chart ([a-z-]+)"', html) == ["by-rule"]


def test_committee_in_the_chart_is_masked(cli, tmp_path) -> None:
    # A header may hold a CPR-shaped number; the per-committee chart shows it masked.
    text = (FIXTURES / "new_clean.txt").read_text("utf-8")
    header = "REFERAT Teknik- og Miljøudvalget"
    assert header in text
    (tmp_path / "a.txt").write_text(text.replace(header, "REFERAT Sag 010190-1234", 1), "utf-8")
    shutil.copy(FIXTURES / "new_defects.txt", tmp_path / "b.txt")
    _, html = page(cli, tmp_path, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    committees = html.split('class="chart by-committee"')[1].split("</table>")[0]
    assert '<th scope="row">Sag xxxxxx-xxxx</th>' in committees
    assert "010190" not in html
