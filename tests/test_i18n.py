"""Every rule speaks Danish and English, and every output uses the chosen language."""

from __future__ import annotations

import string

import pytest

from referat_lint.i18n import LANGUAGES, default_lang
from referat_lint.report.html_texts import TEXTS
from referat_lint.rules import all_rules

from conftest import EXAMPLES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_texts_in_both_languages(rule) -> None:
    for lang in LANGUAGES:
        assert rule.summary[lang].strip(), (rule.name, lang, "summary")
        assert rule.explanation[lang].strip(), (rule.name, lang, "explanation")
    assert rule.summary["da"] != rule.summary["en"]
    assert rule.explanation["da"] != rule.explanation["en"]
    for key, templates in rule.messages.items():
        assert set(templates) == set(LANGUAGES), (rule.name, key)
        # both languages fill in the same facts about the finding
        assert fields(templates["da"]) == fields(templates["en"]), (rule.name, key)


def test_html_page_words_in_both_languages() -> None:
    assert set(TEXTS) == set(LANGUAGES)
    assert set(TEXTS["da"]) == set(TEXTS["en"])
    for key in TEXTS["da"]:
        assert fields(TEXTS["da"][key]) == fields(TEXTS["en"][key]), key


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "da_DK.UTF-8"}, "da"),
    ],
)
def test_default_language_from_the_locale(env, lang) -> None:
    assert default_lang(env) == lang


def test_every_output_follows_lang(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    danish = "punkt 1 (Godkendelse af dagsorden) mangler sagsnummer"
    english = "item 1 (Godkendelse af dagsorden) has no case number"
    for fmt in ("text", "json", "sarif", "github", "junit"):
        assert danish in cli("--format", fmt, str(EXAMPLES)).out, fmt
        assert english in cli("--format", fmt, "--lang", "en", str(EXAMPLES)).out, fmt
    html = tmp_path / "r.html"
    cli("--format", "html", "-o", str(html), str(EXAMPLES))
    assert danish in html.read_text("utf-8")
    assert "Fandt 8 problemer i 3 af 4 filer (4 kan rettes med --fix)." in cli(str(EXAMPLES)).out
    explained = cli("--explain", "RL201").out
    assert explained.startswith("missing-case-number (RL201)\n\nEt åbent punkt mangler sagsnummer.")
    assert "Kan rettes automatisk: nej" in explained
    assert "Et åbent punkt mangler sagsnummer" in cli("--list-rules").out
