"""How real minutes of several systems are laid out, read from fictional fixtures: the
`--show-document` facts behind each fixture's exact findings (test_layout_framework.py)."""

from __future__ import annotations

from conftest import FIXTURES

LAYOUTS = FIXTURES / "layouts"


def _show(cli, relative: str) -> dict:
    run = cli("--show-document", str(LAYOUTS / relative))
    assert run.code == 0, run.err
    return run.json()


def _decision(item: dict) -> tuple[int, str] | None:
    decision = item["decision"]
    return None if decision is None else (decision["line"], decision["text"])


def test_pdf_text_without_blank_lines(cli) -> None:
    # A decision heading naming body and date right after a paragraph line; item 2's
    # heading at a page foot, the page header repeated, then its case number; a quoted
    # proposal's own `Beslutning:` and its numbered points are the item's text.
    items = _show(cli, "edoc/referat_pdf_uden_luft.txt")["items"]
    assert [(i["number"], i["line"], _decision(i)) for i in items] == [
        ("1", 35, (40, "Taget til efterretning")),
        ("2", 43, (55, "Indstillingen godkendt")),
        ("3", 58, (74, "Forslaget blev forkastet.")),
        ("4", 77, (82, "Godkendt")),
    ]
    assert [n["line"] for n in items[1]["case_numbers"]] == [49]


def test_numbered_points_with_blank_lines_are_no_items(cli) -> None:
    items = _show(cli, "edoc/referat_forslag_med_luft.txt")["items"]
    assert [(i["number"], i["title"]) for i in items][2:] == [
        ("3", "Forslag fra F om gratis adgang til svømmehallen"),
        ("4", "Tilskud til foreninger 2025"),
    ]


def test_linked_items_history_empty_label_and_a_closed_items_decision(cli) -> None:
    items = _show(cli, "punkt/web_sager.txt")["items"]
    budget, anlaeg = items[1], items[2]
    assert _decision(budget) == (27, "Drøftet.")
    # the earlier block is history beside this meeting's undated `Beslutning`
    assert [h["line"] for h in anlaeg["history"]] == [39]
    assert _decision(anlaeg) == (43, "Anlægsrammen blev godkendt.")
    closed = items[4]
    assert (closed["closed"], _decision(closed)) == (
        True,
        (61, "Orienteringen blev taget til efterretning."),
    )
    # `Sagsnr.:` left empty does not take `Dok.nr.:` from the next line
    assert items[5]["case_numbers"] == []
    assert [n["value"] for n in items[5]["document_numbers"]] == ["26-061122"]
    # `Afbud:` under a decision is not its text
    assert _decision(items[0]) == (13, "Godkendt.")


def test_an_agendas_earlier_decision_is_history(cli) -> None:
    document = _show(cli, "punkt/dagsorden_historik.txt")
    item = document["items"][1]
    assert document["kind"] == "agenda"
    assert (item["decision"], [h["line"] for h in item["history"]]) == (None, [23])


def test_a_title_split_one_word_a_line(cli) -> None:
    header = _show(cli, "sbsys/referat_web.txt")["header"]
    assert (header["body"], header["title_date"]) == (
        "Miljøudvalget",
        {"value": "14. april 2016", "line": 6, "column": 1},
    )


def test_a_toc_entry_cut_before_its_page(cli) -> None:
    document = _show(cli, "acadre/referat_ekstraordinaert.txt")
    assert [(e["number"], e["page"]) for e in document["toc"]] == [("612", None)]
    [item] = document["items"]
    assert (item["number"], item["line"], _decision(item)) == (
        "612",
        24,
        (37, "Prioriteringen blev godkendt."),
    )
