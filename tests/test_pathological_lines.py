"""Lines built to make a regular expression backtrack: each seed must come through.

Every case is a line on which one of cleaning's or metadata's patterns once
took exponential or quadratic time (minutes to days at these sizes; a hostile
file of a few MB would have stalled the build). They run in a child process
with a time limit far above what they now need (well under a second each), so
a pattern that backtracks again fails here instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhdocs.clean.punctuation import to_full_width
from zhdocs.metadata.fields import sentences

TITLE = "一个正常的标题\n"
CASES = {
    "pager-digits": "下一页 " + "1" * 40 + "x",  # (\s*\d+)+: every split of the digits
    "menu-spaces": "首页" + "\u3000" * 40 + "！",  # (\u3000|\s{2,})+: every split of the gap
    "listed-gap": "甲" + "\u3000" * 20_000 + "乙",  # bullets, title and gap all taking spaces
    "dashes": "-" * 100_000,  # bullets, then a title of any character: every split
    "spaced-line": "甲" + " " * 100_000 + "乙",  # \s* before a separator, from every space
    "no-full-stop": "1." * 100_000,  # a sentence's pattern retried from every character
    "mark-chain": "质" + ":;" * 50_000,  # one mark converted per pass over the line
    "letters": "a" * 200_000,  # a URL's scheme retried from every letter
}
LIMIT_SECONDS = 120  # all cases together; they need ~1 s, and took hours before
_RUN = """
import json, sys
from pathlib import Path
from zhdocs.config import Config
from zhdocs.pipeline import process
docs = process(Config(Path(sys.argv[1]), Path(sys.argv[1]) / "docs", workers=1))
print(json.dumps({d.seed_path: d.status for d in docs}))
"""


def test_lines_built_to_backtrack_are_cleaned_in_linear_time(tmp_path: Path) -> None:
    for name, line in CASES.items():
        (tmp_path / f"{name}.txt").write_text(TITLE + line + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _RUN, str(tmp_path)], capture_output=True, text=True,
                            timeout=LIMIT_SECONDS, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    statuses = json.loads(result.stdout.splitlines()[-1])
    assert set(statuses) == {f"{name}.txt" for name in CASES}  # every file accounted for


@pytest.mark.parametrize("text", ["甲。乙！丙？丁", "。。x", "", "abc", "？", "甲。\n 乙。丙"])
def test_sentences_are_those_a_stop_ends(text: str) -> None:
    assert "".join(sentences(text)) == text[:max(text.rfind(c) for c in "。！？") + 1]
    assert all(s[-1] in "。！？" and not any(c in s[:-1] for c in "。！？") for s in sentences(text))


def test_a_run_of_marks_beside_han_turns_full_width_whole() -> None:
    assert to_full_width("好!!!") == "好！！！"
    assert to_full_width("质:;" * 2) == "质：；质：；"
    assert to_full_width("2.http://a.cn/x?y=1,质") == "2.http://a.cn/x?y=1,质"  # the URL kept whole
    assert to_full_width("ratio 1:2, fine") == "ratio 1:2, fine"  # no Han: English keeps its marks
