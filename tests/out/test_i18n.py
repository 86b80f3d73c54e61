"""Every rule speaks Danish and English, and every output uses the chosen language."""

from __future__ import annotations

import re
import string

import pytest

from referat_lint.out.i18n import LANGUAGES, default_lang
from referat_lint.out.messages import TEXTS, Message, text
from referat_lint.rules import all_rules

from conftest import EXAMPLES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_texts_in_both_languages(rule) -> None:
    for lang in LANGUAGES:
        assert rule.summary[lang].strip(), (rule.name, lang, "summary")
        assert rule.explanation[lang].strip(), (rule.name, lang, "explanation")
        assert rule.title[lang].strip(), (rule.name, lang, "title")
        assert rule.page[lang].strip(), (rule.name, lang, "page")
    assert rule.summary["da"] != rule.summary["en"]
    assert rule.explanation["da"] != rule.explanation["en"]
    assert rule.title["da"] != rule.title["en"] and rule.page["da"] != rule.page["en"]
    for key, templates in rule.messages.items():
        assert set(templates) == set(LANGUAGES), (rule.name, key)
        # both languages fill in the same facts about the finding
        assert fields(templates["da"]) == fields(templates["en"]), (rule.name, key)


def test_each_rule_module_has_the_texts_of_its_rules() -> None:
    import importlib

    from referat_lint.rules import _module_names, read_toml_texts

    texts = read_toml_texts()
    assert set(texts) == set(_module_names())
    for name, rules in texts.items():
        module = importlib.import_module(f"referat_lint.rules.{name}")
        assert set(rules) == {rule.name for rule in module.RULES}, name
        for rule, data in rules.items():
            fields_ = {"title", "summary", "explanation", "page", "messages"}
            assert set(data) - {"page-messages", "example"} == fields_, rule
            assert set(data.get("page-messages", {})) <= set(data["messages"]), rule
            assert data["messages"], rule


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_user_text_in_both_languages(key: str) -> None:
    forms = TEXTS[key]
    assert set(forms) == set(LANGUAGES), key
    assert all(forms[lang].strip() for lang in LANGUAGES), key
    # the same facts filled in, and a plural in one language is a plural in the other
    assert forms["da"].count("|") == forms["en"].count("|"), key
    for da, en in zip(forms["da"].split("|"), forms["en"].split("|"), strict=True):
        assert fields(da) == fields(en), key


def test_plurals_are_chosen_by_n() -> None:
    assert text("count.file", "en", n=1) == "1 file"
    assert text("count.file", "en", n=2) == "2 files"
    assert text("count.file", "da", n=1) == "1 fil"
    assert text("count.file", "da", n=0) == "0 filer"


def test_messages_survive_a_worker_process() -> None:
    import pickle

    message = Message("problem.too-large", size="3.0", limit="1.0")
    assert pickle.loads(pickle.dumps(message)) == message
    assert str(message) == "file too large (3.0 MB, limit 1.0 MB)"
    assert message.render("da") == "filen er for stor (3.0 MB, grænsen er 1.0 MB)"


def test_danish_everywhere_with_lang_da(cli, tmp_path) -> None:
    listing = cli("--lang", "da", "--list-rules").out
    assert "warning" not in listing and "error" not in listing and " fix " not in listing
    assert "RL101  mojibake " in listing and " ret " in listing and " fejl " in listing
    explained = cli("--lang", "da", "--explain", "RL303").out
    assert "Alvor: advarsel" in explained and "warning" not in explained
    (tmp_path / "tom.txt").write_bytes(b"")
    run = cli("--lang", "da", str(tmp_path / "tom.txt"), str(tmp_path / "mangler.txt"))
    assert run.err.splitlines() == [
        f"referat-lint: advarsel: {tmp_path}/tom.txt: tom fil, intet at kontrollere",
        f"referat-lint: fejl: {tmp_path}/mangler.txt: filen eller mappen findes ikke",
    ]
    assert run.out == "Ingen problemer i 0 filer. 1 fil kunne ikke kontrolleres.\n"
    assert cli("--lang", "da").err == (
        "referat-lint: fejl: ingen STI angivet (prøv: referat-lint .)\n"
    )
    data = cli("--lang", "da", "--format", "json", str(tmp_path / "tom.txt")).json()
    assert data["files"][0]["error"]["message"] == "tom fil, intet at kontrollere"


def test_config_lang_da(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / ".referat-lint.toml").write_text('lang = "da"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli(str(EXAMPLES))
    assert "mangler sagsnummer" in run.out and " fejl RL201 " in run.out


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
    assert default_lang(env, system="") == lang


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
    assert "Fandt 8 problemer i 3 af 13 filer (4 kan rettes med --fix)." in cli(str(EXAMPLES)).out
    explained = cli("--explain", "RL201").out
    assert explained.startswith("missing-case-number (RL201)\n\nEt åbent punkt mangler sagsnummer.")
    assert "Kan rettes automatisk: aldrig" in explained
    assert "Et åbent punkt mangler sagsnummer" in cli("--list-rules").out


def test_baseline_errors_in_danish(cli, tmp_path) -> None:
    run = cli("--lang", "da", "--baseline", str(tmp_path / "ingen.json"), str(EXAMPLES))
    assert run.code == 2
    assert run.err == f"referat-lint: fejl: baseline-filen findes ikke: {tmp_path}/ingen.json\n"


def test_document_notes_and_problems_in_danish(cli, tmp_path) -> None:
    from test_pdf import defective_pdf

    pdf = tmp_path / "m.pdf"
    pdf.write_bytes(defective_pdf())
    run = cli("--lang", "da", "--fix", str(pdf))
    assert f"referat-lint: {pdf}: en PDF ændres aldrig; --fix-text-to MAPPE" in run.err
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 40)
    run = cli("--lang", "da", str(broken))
    assert run.err.startswith(f"referat-lint: fejl: {broken}: ") and "PDF" in run.err
    assert "not a readable" not in run.err and "cannot read" not in run.err


def test_rule_modules_and_their_texts_name_the_same_messages() -> None:
    """A message key is a string in the check and a table in the TOML: a typo on either side
    would only show when that finding first occurs."""
    import ast
    import importlib
    import inspect

    from referat_lint.rules import _module_names

    for name in _module_names():
        module = importlib.import_module(f"referat_lint.rules.{name}")
        tree = ast.parse(inspect.getsource(module))
        strings = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        used = {
            call.args[1].value
            for call in ast.walk(tree)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "finding"
            and len(call.args) > 1
            and isinstance(call.args[1], ast.Constant)
        }
        keys = {key for rule in module.RULES for key in rule.messages}
        assert used <= keys, (name, used - keys)
        assert keys - {"default"} <= strings, (name, keys - {"default"} - strings)


# Words the records staff who read the HTML page should not meet: names of libraries and
# character sets, code points, tool and option names.
JARGON = re.compile(
    r"ftfy|Windows-1252|cp1252|Latin-1|ISO-8859|UTF-8|\bC0\b|\bC1\b|\bDEL\b|byte.order.mark|"
    r"\bBOM\b|U\+[0-9A-F]{4}|kørsle|pre-commit|hook|--[a-z]|`|per-file|config|regex|"
    r"mojibake|\bftfy\b|\bCI\b|SARIF|\blint",
    re.IGNORECASE,
)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_texts_are_written_for_staff(rule, lang: str) -> None:
    for words in (rule.title[lang], rule.page[lang]):
        assert not JARGON.search(words), (rule.name, lang, JARGON.search(words))
    assert rule.page[lang].rstrip().endswith("."), (rule.name, lang)
    assert rule.title[lang][:1].isupper(), (rule.name, lang)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_page_messages_name_no_option_or_setting(rule) -> None:
    from referat_lint.rules import rule_texts

    page = rule_texts()[rule.name].get("page-messages", {})
    for key, templates in rule.messages.items():
        forms = page.get(key, templates)
        assert set(forms) == set(LANGUAGES), (rule.name, key)
        assert fields(forms["da"]) == fields(forms["en"]) <= fields(templates["en"])
        for lang in LANGUAGES:
            assert not re.search(r"--[a-z]|`[a-z]+(-[a-z]+)+`", forms[lang]), (rule.name, key)
