"""Stage dedup: reposts built from the seeds, and each decision with its reason."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import example, given
from hypothesis import strategies as st

from zhdocs import dedup
from zhdocs.config import Config
from zhdocs.dedup import shingle_hashes
from zhdocs.model import Document
from zhdocs.pipeline import STEPS, process
from zhdocs.read import discover
from zhdocs.render.document import PROVENANCE_START, document_page
from zhdocs.scripts import to_traditional

from .conftest import SEEDS

S001 = (SEEDS / "001_83d85754c8f55ec4.txt").read_text(encoding="utf-8")
S003 = (SEEDS / "003_c466d4eea8e104ae.txt").read_text(encoding="utf-8")
# Another site's chrome around the same article: a slogan no rule knows where
# the title would be, its own date and source, a footer.
OTHER_CHROME = "中国质量新闻网\n质量强国　品牌兴业\n发布时间：2016年05月03日  来源：东莞质监\n"
OTHER_FOOTER = "\n【打印本页】【关闭窗口】\n"
# Next year's plan: every year moves on, the text is otherwise the same.
NEXT_YEAR = S003.replace("2017", "2018").replace("2016", "2017")


def run(tmp_path: Path, seeds: dict[str, bytes]) -> dict[str, Document]:
    for name, data in seeds.items():
        (tmp_path / name).write_bytes(data)
    return {d.id: d for d in process(Config(tmp_path, tmp_path / "docs"))}


def with_number(text: str, number: str) -> str:
    """The document with its own number on the line under the title."""
    title, rest = text.split("\n", 1)
    return f"{title}\n{number}\n{rest}"


@pytest.fixture(scope="module")
def reposts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """One corpus with every kind of repost of 001, plus 003, its half and next year's plan."""
    return run(tmp_path_factory.mktemp("reposts"), {
        "a.txt": S001.encode("utf-8"),
        "hant.txt": to_traditional(S001).encode("utf-8"),  # another script
        "gbk.txt": S001.encode("gbk", errors="replace"),  # another encoding
        "big5.txt": to_traditional(S001).encode("big5", errors="replace"),  # both
        "chrome.txt": (OTHER_CHROME + S001 + OTHER_FOOTER).encode("utf-8"),  # other boilerplate
        "plan2017.txt": S003.encode("utf-8"),
        "half.txt": S003[: len(S003) // 2].encode("utf-8"),  # a half copy
        "plan2018.txt": NEXT_YEAR.encode("utf-8"),  # a rewritten yearly plan
    })


# (copy, canonical, reason pattern): one row per kind of repost.
MERGES = [
    ("hant", "a", r"内容相同"),  # the key is Simplified whatever the script
    # the same text as big5 (one NBSP each lost), which is what it was compared with
    ("gbk", "a", r"内容近似（Jaccard 0\.9\d；标题相同）|内容相同（与 big5 比较）"),
    ("big5", "a", r"内容近似（Jaccard 0\.9\d；标题相同）"),
    ("chrome", "a", r"内容近似（Jaccard (0\.9\d|1\.00)；标题相同）"),
    ("half", "plan2017", r"部分转载（\d+% 的内容见于另一篇；标题相同）"),
]


@pytest.mark.parametrize(("copy", "canonical", "reason"), MERGES)
def test_repost_is_merged_with_its_reason(
    reposts: dict[str, Document], copy: str, canonical: str, reason: str
) -> None:
    doc = reposts[copy]
    assert (doc.status, doc.duplicate_of) == ("duplicate", canonical)
    assert re.fullmatch(reason, doc.reason), doc.reason
    assert copy in reposts[canonical].duplicates


def test_the_clean_original_is_canonical(reposts: dict[str, Document]) -> None:
    # Not the copy with replacement characters, nor the one whose first line is a slogan.
    assert reposts["a"].published
    assert sorted(reposts["a"].duplicates) == ["big5", "chrome", "gbk", "hant"]


def test_a_merged_pages_notes_are_told_file_by_file(reposts: dict[str, Document]) -> None:
    provenance = document_page(reposts["a"], reposts).split(PROVENANCE_START)[1]
    files = re.findall(r"<p>(原始文件|合并的副本)：<code>([^<]+)</code>", provenance)
    assert files == [("原始文件", "a.txt"), *(("合并的副本", f"{d}.txt") for d in reposts["a"].duplicates)]
    gbk = provenance.split("<code>gbk.txt</code>")[1].split("<p>")[0]
    assert "merged：into a" in gbk and "merged：into a" not in provenance.split("<p>合并的副本")[0]


def test_rewritten_yearly_plan_is_a_version_not_a_merge(reposts: dict[str, Document]) -> None:
    old, new = reposts["plan2017"], reposts["plan2018"]
    assert old.published and new.published
    versions = {r.id: r.reason for r in old.related if r.reason.startswith("另一版本")}
    assert re.fullmatch(r"另一版本（Jaccard 0\.9\d；标题、日期不同）", versions["plan2018"])
    assert any(r.id == "plan2017" and r.reason.startswith("另一版本") for r in new.related)


def test_different_own_numbers_keep_two_documents(tmp_path: Path) -> None:
    docs = run(tmp_path, {
        "n12.txt": with_number(S001, "东质监〔2016〕12号").encode(),
        "n13.txt": with_number(S001, "东质监〔2017〕3号").encode(),
        "n12copy.txt": with_number(S001, "东质监〔2016〕12号").encode("gbk", errors="replace"),
    })
    assert docs["n12"].meta.doc_number == "东质监〔2016〕12号"
    assert docs["n13"].published
    assert any(r.reason.endswith("；文号不同）") for r in docs["n13"].related)
    assert re.fullmatch(r"内容近似（Jaccard 0\.9\d；文号相同）", docs["n12copy"].reason)


def test_same_text_is_merged_before_any_sketch(tmp_path: Path) -> None:
    docs = run(tmp_path, {"a.txt": S001.encode(), "b.txt": S001.replace("\n", "\r\n").encode()})
    assert (docs["b"].duplicate_of, docs["b"].reason) == ("a", "内容相同")


def test_different_articles_about_one_city_are_not_merged(processed: dict[str, Document]) -> None:
    assert processed["000_12dd08e151866e2b"].status == "published"
    assert processed["001_83d85754c8f55ec4"].status == "published"


def test_shingles_are_character_5_grams() -> None:
    assert len(shingle_hashes("质量强市示范")) == 2  # 质量强市示, 量强市示范
    assert len(shingle_hashes("质量强市示范质量强市示范")) == 6  # two 5-grams come again
    assert set(shingle_hashes("质量强市示")) < set(shingle_hashes("质量强市示范"))
    assert len(shingle_hashes("短")) == 1  # shorter than 5: the whole key
    assert len(shingle_hashes("")) == 0
    assert len(shingle_hashes("\ud800孤")) == 1  # a lone surrogate from a broken file hashes too


# Ideographs beside what NFKC composes, decomposes or reorders: marks, Hangul jamo, compatibility forms.
_AROUND_IDEOGRAPHS = st.text(alphabet=st.sampled_from(
    "质量、。，（）ＡＢ１２①㈠ｶﾞ가\u1100\u1161\u11a8e\u0301\u0327\u0300\u3099か\uf900\u2f00 \n")
    | st.characters(), max_size=30)


@example("质e\u0301量a\u0327\u0301")  # a mark composes with the letter before it, reordered
@example("\u1100\u1161\u11a8质")  # jamo compose into one syllable
@example("㈠质ｶﾞ\uf900，")  # compatibility forms decompose
@given(_AROUND_IDEOGRAPHS)
def test_norm_is_nfkc_of_the_whole_text(text: str) -> None:
    """NFKC run by run between ideographs gives what NFKC of the whole text gives."""
    assert dedup._NOT_IDEOGRAPHS.sub(dedup._nfkc, text) == unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("text", [S001, S001[:7], "短"])
def test_signature_is_datasketchs_minhash(text: str) -> None:
    hashes = shingle_hashes(dedup._norm(text))
    reference = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.PERMUTATION_SEED, hashfunc=int,
                        scheme=dedup.SCHEME)
    assert np.array_equal(np.array(dedup._permutations()), reference.permutations)
    reference.update_batch(hashes)
    assert dedup._signature(hashes) == reference.hashvalues.tobytes()


def test_candidates_are_what_datasketchs_lsh_finds() -> None:
    """The written-out band tuning is datasketch's, and rows sharing a band are
    exactly the pairs its MinHashLSH query returns."""
    tuned = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (tuned.b, tuned.r) == dedup.LSH_BANDS
    rows = np.random.default_rng(7).integers(0, 3, size=(60, dedup.NUM_PERM), dtype=np.uint32)
    ids = np.array([f"d{i:02d}" for i in range(len(rows))], dtype=object)
    earlier, later = dedup._candidates(rows, ids)
    lsh = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    expected = set()
    for i, row in enumerate(rows):
        signature = MinHash(num_perm=dedup.NUM_PERM, hashvalues=row, scheme=dedup.SCHEME)
        expected |= {(int(other[1:]), i) for other in lsh.query(signature)}
        lsh.insert(ids[i], signature)
    assert set(zip(earlier.tolist(), later.tolist(), strict=True)) == expected
    assert len(expected) > len(rows)  # noqa: PLR2004  # the rows do share bands


def test_decisions_are_deterministic(tmp_path: Path) -> None:
    seeds = {"a.txt": S001.encode(), "half.txt": S001[: len(S001) // 2].encode("gbk", errors="replace"),
             "y.txt": S003.encode(), "y2.txt": NEXT_YEAR.encode()}
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    first, second = run(tmp_path / "1", seeds), run(tmp_path / "2", seeds)
    assert sorted(first) == sorted(second) == ["a", "half", "y", "y2"]
    for doc_id, doc in first.items():
        other = second[doc_id]
        assert (doc.status, doc.duplicate_of, doc.reason) == (other.status, other.duplicate_of, other.reason)
        assert (doc.related, doc.meta.keywords) == (other.related, other.meta.keywords)


def sketched(folder: Path, seeds: dict[str, bytes]) -> list[Document]:
    """The documents as dedup receives them."""
    config = Config(folder, folder / "docs")
    for name, data in seeds.items():
        (folder / name).write_bytes(data)
    docs = discover(folder)
    for _, per_doc, _ in STEPS[:[name for name, _, _ in STEPS].index("dedup")]:
        docs = [per_doc(doc, config) for doc in docs]
    return docs


def test_remembered_similarities_are_reused_only_for_the_same_two_texts(tmp_path: Path) -> None:
    """The memo's verdicts are replaced by "not similar" to see which were
    reused: those of an unchanged pair are, a changed text is compared again."""
    config = Config(tmp_path, tmp_path / "docs")
    seeds = {"a.txt": S001.encode(), "gbk.txt": S001.encode("gbk", errors="replace")}

    def dedup_with(memo: dedup.Similarities | None, docs: list[Document]) -> dict[str, str]:
        return {d.id: d.duplicate_of for d in dedup.deduplicate.run(docs, config, memo)[0]}
    _, memo = dedup.deduplicate.run(sketched(tmp_path, seeds), config, None)
    assert len(memo) == 1
    denied = dict.fromkeys(memo, "")
    assert dedup_with(denied, sketched(tmp_path, seeds)) == {"a": "", "gbk": ""}
    seeds["gbk.txt"] += "转载时补充的一句话。".encode("gbk")
    assert dedup_with(denied, sketched(tmp_path, seeds)) == {"a": "", "gbk": "a"}


@given(st.lists(st.integers(0, 2**32 - 1), max_size=300), st.sampled_from(["uint32", "int64"]))
@example([], "uint32")
@example([7, 7, 7], "int64")
def test_sorted_unique_is_numpys_unique(values: list[int], dtype: str) -> None:
    array = np.array(values, dtype=dtype)
    found = dedup.sorted_unique(array)
    assert found.dtype == array.dtype and np.array_equal(found, np.unique(array))


def test_estimates_are_the_share_of_equal_values_across_slices() -> None:
    """Pairs beyond one slice (`ESTIMATE_SLICE`) each get their own estimate."""
    rng = np.random.default_rng(7)
    matrix = rng.integers(0, 4, size=(50, dedup.NUM_PERM), dtype=np.uint32)  # many equal values
    pairs = 2 * dedup.ESTIMATE_SLICE + 5
    earlier, later = rng.integers(0, 50, pairs), rng.integers(0, 50, pairs)
    expected = [np.mean(matrix[a] == matrix[b]) for a, b in zip(earlier, later, strict=True)]
    assert np.array_equal(dedup._estimates(matrix, earlier, later), expected)
