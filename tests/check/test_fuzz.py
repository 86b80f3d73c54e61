"""The fuzzing target: arbitrary bytes through the whole path, check and fix, into every
report. Nothing may raise, no CPR number may come out, every format must stay valid.

Brief in CI (REFERAT_FUZZ_EXAMPLES, default 40 examples); longer on demand:

    REFERAT_FUZZ_EXAMPLES=20000 python -m pytest tests/check/test_fuzz.py

It starts from the corpus of hostile inputs in tests/hostile.py (SEEDS and a small size of
every CORPUS entry), then mixes their pieces with random bytes and CPR numbers.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

from hostile import CORPUS, SEEDS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from referat_lint.checking.pipeline import Options, check_file
from referat_lint.checking.runner import Mode
from referat_lint.config import Config
from referat_lint.out.privacy import JSON_FORMATS, for_format, mask, mask_data, outward, seal
from referat_lint.out.report import FORMATS, ReportContext, reporter
from referat_lint.rules import all_rules

RULES = all_rules()
CONTEXT = ReportContext(rules={r.name: r for r in RULES}, lang="da", color=False)
EXAMPLES = int(os.environ.get("REFERAT_FUZZ_EXAMPLES", "40"))
CPR = "0101901234"  # a valid birth date: whatever surrounds it, no report may show it

PIECES = [
    "Punkt 1: ",
    "Punkt 2: ",
    "Beslutning\n",
    "Indholdsfortegnelse\n",
    "Sagsnr.: ",
    "Lukket: ",
    "REFERAT Udvalget d. 18-10-2023\n",
    "Mødedato Onsdag d. 18. oktober 2023\n",
    "Bilag\n",
    ".....\t3",
    "<i>",
    "</i>",
    "<!--",
    "-->",
    "^{",
    "}",
    "Ã¸",
    "DrÅ,ftet",
    "pÅ¥",
    "&amp;",
    "|---|---|",
    "| a | b |\n",
    "# Referat\n",
    "    ",
    "---x",
    "<a>",
    "\n\n\n",
    "Emne 1\n",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\x1b[2J",
    "\x07",
    "\u202e",
    "\ufeff",
    "\x9b31m",
    "\x7f",
    "\u200e",
    "\u061c",
    "\u2066",
    "\u200b",
    "\u00ad",
    "\x1b]0;t\x07",
    "abcdef",
    "â€“",
    "23-014411",
    "00.01.10",
    CPR,
    f"{CPR[:6]}-{CPR[6:]}",
    f"^{{{CPR}}}",
    f"<b>{CPR}</b>",
    # The parts of a CPR number with what may stand between them (lint/out/privacy.py).
    CPR[:6],
    CPR[6:],
    "01.01.90",
    "01 01 90",
    " – ",
    "\u00a0",
    "/",
    "０１０１９０",
    "¹²³⁴",
    "\u2062",
    "\ufe0f",
    "\u0301",
    "\u3164",
    "\u2009",
    "\uff0d",
    ",",
    "&#48;",
    "&#x31;",
    "&ndash;",
    "&amp;",
    "&",
    ";",
    "<b>",
    "</b>",
]
# What no report may hold raw: controls, DEL, C1, bidirectional and invisible characters.
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
text_pieces = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
inputs = st.one_of(
    st.binary(max_size=300),
    text_pieces.map(lambda t: t.encode("utf-8")),
    text_pieces.map(lambda t: t.encode("utf-8", "replace")[::-1]),
    st.tuples(text_pieces, st.sampled_from(["utf-8-sig", "utf-16", "cp1252", "latin-1"])).map(
        lambda pair: pair[0].encode(pair[1], "replace")
    ),
    st.tuples(text_pieces, st.binary(max_size=20), text_pieces).map(
        lambda parts: parts[0].encode() + parts[1] + parts[2].encode()
    ),
)


def _nothing_to_mask(report: str, name: str) -> bool:
    """Whether `report` holds no CPR-shaped number (in JSON: outside the fingerprints)."""
    if name in JSON_FORMATS:
        data = json.loads(report)
        return mask_data(data) == data
    return mask(report) == report


def _with_corpus(test):
    for data in SEEDS:
        test = example(data)(test)
    for make, n in CORPUS.values():
        test = example(make(max(1, n // 50)))(test)
    return test


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@_with_corpus
@given(inputs)
def test_any_bytes_give_valid_reports_without_personal_data(data: bytes) -> None:
    for mode in (Mode.CHECK, Mode.DIFF):
        options = Options(mode, keep_lines=True)
        result = outward(check_file(data, Config(), "fuzz.txt", RULES, options))
        for name in FORMATS:
            rendered = reporter(name)(for_format([result], name), CONTEXT)
            # Nothing CPR-shaped in what a reporter renders, before the last pass too.
            assert _nothing_to_mask(rendered, name), name
            report = seal(rendered, name)  # what the command line writes
            assert _nothing_to_mask(report, name), name
            shown = result.diff + str(result.problem or "")
            assert mask(shown) == shown, name
            assert RAW.findall(report) == [], name
            if name in JSON_FORMATS:
                json.loads(report)
            elif name == "junit":
                ET.fromstring(report.encode("utf-8"))
            elif name in ("text", "github"):
                report.encode("utf-8")  # strict: valid text
