"""The fuzzing target: arbitrary bytes through the whole path, check and fix, into every
report. Nothing may raise, no CPR number may come out, every format must stay valid.

Brief in CI (REFERAT_FUZZ_EXAMPLES, default 40 examples); longer on demand:

    REFERAT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py

It starts from the corpus of hostile inputs in tests/hostile.py (SEEDS and a small size of
every CORPUS entry), then mixes their pieces with random bytes and CPR numbers.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

from hostile import CORPUS, SEEDS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from referat_lint.config import Config
from referat_lint.privacy import for_format, mask, outward
from referat_lint.report import FORMATS, ReportContext, reporter
from referat_lint.rules import all_rules
from referat_lint.runner import Mode, check_file

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
    "23-014411",
    "00.01.10",
    CPR,
    f"{CPR[:6]}-{CPR[6:]}",
    f"^{{{CPR}}}",
    f"<b>{CPR}</b>",
]
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
        result = outward(check_file("fuzz.txt", RULES, Config(), mode, data=data, keep_lines=True))
        for name in FORMATS:
            report = reporter(name)(for_format([result], name), CONTEXT)
            shown = report + result.diff + str(result.problem or "")
            assert mask(shown) == shown, name  # nothing CPR-shaped anywhere in the output
            if name == "json" or name == "sarif":
                json.loads(report)
            elif name == "junit":
                ET.fromstring(report.encode("utf-8"))
            elif name in ("text", "github"):
                assert "\x1b" not in report and "\x07" not in report
                report.encode("utf-8")  # strict: valid text
