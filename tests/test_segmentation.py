"""The search index's words: jieba's, the same from build to build, each text segmented once."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from zhdocs.search import segmentation
from zhdocs.search.segmentation import HAN_RUN, Segmenter

from .conftest import SEEDS

USER_WORDS = "質量強市 900000\n標準化建設 900000\n"
TEXTS = [
    "东莞市深入实施质量强市战略",  # Simplified, jieba's default dictionary
    "東莞市深入實施質量強市戰略，推進標準化建設",  # Traditional: the user dictionary's words
    "〇二〇年",  # Han characters jieba's blocks leave out
]


def jieba_words(user: Path, text: str) -> tuple[str, ...]:
    """What a fresh tokenizer with the user dictionary loaded once gives: the reference."""
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(user))
    return tuple(tokenizer.cut(text))


def serial(fn, items):  # noqa: ANN001, ANN202 - the Mapper signature, in this process
    return [fn(item) for item in items]


def prepare(segmenter: Segmenter, pages: list[str]) -> int:
    """A build whose pages all changed: `changed` and `every` are the same."""
    return segmenter.prepare(pages, lambda: pages, serial)


@pytest.fixture
def user(tmp_path: Path) -> Path:
    path = tmp_path / "user.dict"
    path.write_text(USER_WORDS, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", TEXTS)
def test_words_are_jiebas_with_the_dictionaries_material_names(user: Path, text: str) -> None:
    segmenter = Segmenter(None)
    segmenter.load_userdict(str(user))
    assert segmenter.cut(text.encode("utf-8")) == jieba_words(user, text)  # Material passes bytes


def test_loading_the_user_dictionary_again_changes_no_word(user: Path) -> None:
    """Material loads it at every on_config: once per language, and at every
    rebuild of `mkdocs serve`. jieba's own tokenizer drifts when it does."""
    drifting = jieba.Tokenizer()
    drifting.load_userdict(str(user))
    total = drifting.total
    drifting.load_userdict(str(user))
    assert drifting.total > total  # why the segmenter keeps a tokenizer of its own
    segmenter = Segmenter(None)
    segmenter.load_userdict(str(user))
    first = [segmenter.cut(text) for text in TEXTS]
    for _ in range(3):
        segmenter.load_userdict(str(user))
    assert [segmenter.cut(text) for text in TEXTS] == first


def test_a_saved_memo_spares_the_next_build_its_segmenting(tmp_path: Path, user: Path) -> None:
    memo = tmp_path / "words.pickle"
    first = Segmenter(memo)
    first.load_userdict(str(user))
    assert prepare(first, TEXTS) == len({r for t in TEXTS for r in HAN_RUN.findall(t)})
    first.save()
    again = Segmenter(memo)
    again.load_userdict(str(user))
    assert prepare(again, TEXTS) == 0
    assert [again.cut(t) for t in TEXTS] == [jieba_words(user, t) for t in TEXTS]


def test_a_changed_dictionary_starts_afresh(tmp_path: Path, user: Path) -> None:
    memo = tmp_path / "words.pickle"
    before = Segmenter(memo)
    before.load_userdict(str(user))
    prepare(before, TEXTS)
    before.save()
    user.write_text("東莞市深入 900000\n", encoding="utf-8")  # same file name, other words
    after = Segmenter(memo)
    after.load_userdict(str(user))
    assert prepare(after, TEXTS) > 0
    assert after.cut(TEXTS[1]) == jieba_words(user, TEXTS[1])
    before.use(before.dictionaries)  # a serve session: the same name is read again
    assert before.cut(TEXTS[1]) == jieba_words(user, TEXTS[1])


def test_the_memo_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    memo = tmp_path / "words.pickle"
    segmenter = Segmenter(memo)
    prepare(segmenter, ["旧的文字"])
    segmenter.save()
    prepare(segmenter, ["新的文字"])
    segmenter.save()
    assert prepare(Segmenter(memo), ["旧的文字"]) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_broken_memo_is_only_a_cold_start(tmp_path: Path, damage: bytes) -> None:
    memo = tmp_path / "words.pickle"
    memo.write_bytes(damage)
    segmenter = Segmenter(memo)
    assert segmenter.cut("质量强市") == tuple(jieba.Tokenizer().cut("质量强市"))
    segmenter.save()
    assert prepare(Segmenter(memo), ["质量强市"]) == 0


def test_installed_where_material_looks_for_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    module = pytest.importorskip(segmentation.MATERIAL_SEARCH)
    monkeypatch.setattr(module, "jieba", module.jieba)  # restored after the test
    segmenter = Segmenter(None)
    assert segmentation.install(segmenter)
    index = module.SearchIndex(separator=r"[\s\u200b\-]")
    assert index._segment_chinese("质量强市，标准化") == "\u200b".join(
        [*jieba.Tokenizer().cut("质量强市"), "，", *jieba.Tokenizer().cut("标准化")])


def test_a_build_that_learns_nothing_leaves_the_memo_alone(tmp_path: Path) -> None:
    memo = tmp_path / "words.pickle"
    first = Segmenter(memo)
    prepare(first, TEXTS)
    first.save()
    written = memo.stat().st_ino  # a save writes a new file and renames it over the old one
    again = Segmenter(memo)
    prepare(again, TEXTS)
    again.save()
    assert memo.stat().st_ino == written
    prepare(again, ["新的文字"])
    again.save()
    assert memo.stat().st_ino != written


def test_with_the_last_builds_words_only_the_changed_pages_are_read(tmp_path: Path, user: Path) -> None:
    def unread() -> list[str]:
        raise AssertionError("every page read again")
    memo = tmp_path / "words.pickle"
    cold = Segmenter(memo)
    cold.load_userdict(str(user))
    read = []
    assert cold.prepare(["新的文字"], lambda: read.append(1) or TEXTS, serial) > 1  # no memo: every page
    assert read == [1]
    cold.save()
    warm = Segmenter(memo)
    warm.load_userdict(str(user))
    assert warm.prepare(["新的文字"], unread, serial) == 1
    assert cold.prepare([TEXTS[0]], unread, serial) == 0  # a serve session: the words in memory
    user.write_text("東莞市深入 900000\n", encoding="utf-8")
    warm.use(warm.dictionaries)
    assert warm.prepare([], lambda: TEXTS, serial) > 0  # another dictionary: every page again


def test_a_changed_user_word_segments_again_only_the_runs_that_hold_it(tmp_path: Path, user: Path) -> None:
    """The total unchanged, a run's words depend only on the words it holds: those
    of the other runs are kept, and every run's words are a fresh tokenizer's."""
    texts = [*TEXTS, *(path.read_bytes().decode("utf-8", "replace") for path in sorted(SEEDS.glob("*.txt")))]
    runs = {run for text in texts for run in HAN_RUN.findall(text)}
    memo = tmp_path / "words.pickle"
    first = Segmenter(memo)
    first.load_userdict(str(user))
    prepare(first, texts)
    first.save()
    user.write_text("質量強市 900000\n標準化 900000\n", encoding="utf-8")  # 標準化建設 out, as frequent
    again = Segmenter(memo)
    again.load_userdict(str(user))
    segmented = again.prepare([], lambda: [], serial)
    assert 0 < segmented == len({run for run in runs if "標準化" in run}) < len(runs)
    assert again.stamp() == (first.stamp()[0], first.stamp()[1] + 1)
    reference = jieba.Tokenizer()
    reference.load_userdict(str(user))
    assert [again.cut(run) for run in sorted(runs)] == [tuple(reference.cut(run)) for run in sorted(runs)]
    user.write_text("質量強市 900000\n標準化 900001\n", encoding="utf-8")  # another total: all again
    again.use(again.dictionaries)
    assert again.prepare([], lambda: texts, serial) == len(runs)
    assert again.stamp()[0] != first.stamp()[0]
