"""Incremental builds: a changed seed is the only one processed again, and the
output is byte-identical to a build from scratch."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import SEEDS, index_pages
from zhdocs import cache
from zhdocs.config import Config
from zhdocs.execute import RememberingStage
from zhdocs.model import Block, Document, Note, Region, Related, Sketch
from zhdocs.pipeline import STEPS, passes, run
from zhdocs.render import INDEX_PATHS
from zhdocs.render.pieces import line_pieces
from zhdocs.write import KEPT


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _first_pass(computed: dict[str, int]) -> str:
    """The name of the per-document pass that starts with `read` (e.g. read+clean+metadata)."""
    return next(name for name in computed if name.startswith("read"))


def _config(tmp_path: Path, docs: str, cache_dir: Path | None) -> Config:
    return Config(tmp_path / "seeds", tmp_path / docs, cache_dir=cache_dir)


def test_changed_seed_is_the_only_one_cleaned_again(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    warm = _config(tmp_path, "warm", tmp_path / ".cache")
    first = run(warm)
    per_doc = _first_pass(first.computed)
    assert first.computed[per_doc] == len(first.docs)
    again = run(warm)
    assert again.computed.get(per_doc) == 0
    assert again.computed.get("pages") == 0 and again.computed.get("zh-Hant", 0) == 0
    assert {again.pages[locale][path] for locale in again.pages for path in INDEX_PATHS} == {KEPT}
    changed = sorted((tmp_path / "seeds").iterdir())[1]
    added = "\n新增的一段话，说明修改后的内容。\n"
    changed.write_text(changed.read_text(encoding="utf-8") + added, encoding="utf-8")
    after = run(warm)
    assert after.computed[per_doc] == 1
    assert 0 < after.computed["pages"] < len(after.pages["zh"]) - len(index_pages(after.docs, warm))
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


def test_dedup_on_cached_sketches_decides_as_a_cold_build(tmp_path: Path) -> None:
    """Sketches come from the cache, pairs are decided again: a seed that becomes the
    longest copy of an article is its page on the rebuild, as in a cold build."""
    article = (SEEDS / "001_83d85754c8f55ec4.txt").read_text(encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(article, encoding="utf-8")
    (seeds / "gbk.txt").write_bytes(article.encode("gbk", errors="replace"))
    (seeds / "other.txt").write_bytes((SEEDS / "003_c466d4eea8e104ae.txt").read_bytes())
    warm = _config(tmp_path, "warm", tmp_path / ".cache")
    assert {d.id: d.status for d in run(warm).docs}["other"] == "published"
    (seeds / "other.txt").write_text(article + "\n转载时补充的一句话。\n", encoding="utf-8")
    after = run(warm)
    assert after.computed[_first_pass(after.computed)] == 1
    assert {d.id: d.duplicate_of for d in after.docs} == {"a": "other", "gbk": "other", "other": ""}
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


def test_code_version_is_part_of_every_key(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = _config(tmp_path, "docs", tmp_path / ".cache")
    run(config)
    monkeypatch.setattr(cache, "code_version", lambda: "another version of zhdocs")
    computed = run(config).computed
    assert computed[_first_pass(computed)] == len(list((tmp_path / "seeds").iterdir()))
    # the old version's entries are gone: one per seed and per-document pass, one per
    # document page or stub, one for the index pages and one per piece of them, one memo
    # per corpus stage that remembers, the keywords' readings, and the last index pages
    with sqlite3.connect(tmp_path / ".cache" / cache.DATABASE) as db:
        entries = db.execute("SELECT count(*) FROM entry").fetchone()[0]
    per_doc_passes = sum(1 for stages, _ in passes() if stages)
    seeds = len(list((tmp_path / "seeds").iterdir()))
    result = run(config)
    index = index_pages(result.docs, config)
    pieces = {piece for text in index.values() for piece in line_pieces(text)}
    pages = len(result.pages["zh"]) - len(index) + len(pieces)
    memos = sum(1 for _, _, corpus in STEPS if isinstance(corpus, RememberingStage))
    assert entries == per_doc_passes * seeds + pages + 1 + memos + 1 + 1


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "not-a-folder").write_text("a file where the cache should be", encoding="utf-8")
    result = run(_config(tmp_path, "docs", tmp_path / "not-a-folder"))
    assert result.computed[_first_pass(result.computed)] == len(result.docs)
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "docs") == _files(tmp_path / "cold")


def test_values_still_arrive_when_storing_them_fails_halfway(tmp_path: Path) -> None:
    # The rows being stored are the pass's results as they come in: losing the cache must
    # not lose them (an insert failing halfway, as on a full disk, stands in for that).
    store = cache.Cache(_config(tmp_path, "docs", tmp_path / ".cache"))
    store.put_many("pass", {"first": 1})
    db = sqlite3.connect(tmp_path / ".cache" / cache.DATABASE)
    db.execute("CREATE TRIGGER full BEFORE INSERT ON entry WHEN (SELECT count(*) FROM entry) >= 2 "
               "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    db.commit()
    db.close()
    arrived = []

    def rows():  # noqa: ANN202
        for key in ("a", "b", "c"):
            arrived.append(key)
            yield key, pickle.dumps(key)
    store.put_pickled("pass", rows())
    assert arrived == ["a", "b", "c"]
    assert store.get_many("pass", ["first", "a", "b"]) == {"first": 1}  # the failed batch is not half kept
    store.close()


def test_a_build_that_replaces_every_entry_gives_the_space_back(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = _config(tmp_path, "docs", tmp_path / ".cache")
    run(config)
    size = (tmp_path / ".cache" / cache.DATABASE).stat().st_size
    monkeypatch.setattr(cache, "code_version", lambda: "another version of zhdocs")
    run(config)
    assert (tmp_path / ".cache" / cache.DATABASE).stat().st_size < 1.5 * size


def test_a_broken_cache_file_is_started_afresh(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / cache.DATABASE).write_bytes(b"not a database, a scrap of something else" * 100)
    config = _config(tmp_path, "docs", tmp_path / ".cache")
    first = run(config)
    assert first.computed[_first_pass(first.computed)] == len(first.docs)
    assert run(config).computed[_first_pass(first.computed)] == 0


def test_unchanged_seeds_are_not_read_again_for_their_hash(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A seed's hash is remembered by its stat. A rewrite of the same size with its
    mtime set back still changes the ctime, so it is read, hashed and built again."""
    monkeypatch.setattr(cache, "RACY_SECONDS", -1)  # the copies are seconds old: remember them at once
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = _config(tmp_path, "docs", tmp_path / ".cache")
    seeds = len(list((tmp_path / "seeds").iterdir()))
    assert run(config).computed[cache.SEEDS_NAMESPACE] == seeds
    assert run(config).computed.get(cache.SEEDS_NAMESPACE, 0) == 0
    changed = sorted((tmp_path / "seeds").iterdir())[1]
    before = changed.stat()
    text = changed.read_text(encoding="utf-8")
    assert "质量" in text
    changed.write_text(text.replace("质量", "品质", 1), encoding="utf-8")  # same length in UTF-8
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed.stat().st_size == before.st_size and changed.stat().st_mtime_ns == before.st_mtime_ns
    after = run(config)
    assert after.computed[cache.SEEDS_NAMESPACE] == 1
    assert after.computed[_first_pass(after.computed)] == 1
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "docs") == _files(tmp_path / "cold")


def test_a_seed_changed_moments_ago_is_hashed_again(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Within RACY_SECONDS of a change the file may change again inside its
    timestamp's tick: such a hash is not remembered."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 3600)  # however slow the machine, the copies are recent
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = _config(tmp_path, "docs", tmp_path / ".cache")
    seeds = len(list((tmp_path / "seeds").iterdir()))
    run(config)
    assert run(config).computed[cache.SEEDS_NAMESPACE] == seeds


def test_a_document_whose_text_is_unchanged_is_not_described_again(tmp_path: Path) -> None:
    """`describe` is keyed by the title, blocks and publisher it reads: a new
    date line cleans the seed again, but its description comes from the cache."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    warm = _config(tmp_path, "warm", tmp_path / ".cache")
    run(warm)
    changed = tmp_path / "seeds" / "003_c466d4eea8e104ae.txt"
    text = changed.read_text(encoding="utf-8")
    assert "• 2017-03-17 08:54" in text
    changed.write_text(text.replace("• 2017-03-17 08:54", "• 2017-03-18 09:30"), encoding="utf-8")
    after = run(warm)
    assert after.computed[_first_pass(after.computed)] == 1
    assert after.computed["describe"] == 0
    assert {d.id: d.meta.date for d in after.docs}["003_c466d4eea8e104ae"] == "2017-03-18"
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


def test_index_pieces_outlive_builds_that_keep_the_index_pages(tmp_path: Path) -> None:
    """A build whose listings are unchanged keeps the index pages and their
    Traditional pieces: when a title changes later, only the pieces around it
    are converted again."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    warm = _config(tmp_path, "warm", tmp_path / ".cache")
    converted = run(warm).computed["zh-Hant"]
    assert run(warm).computed.get("zh-Hant", 0) == 0
    changed = tmp_path / "seeds" / "003_c466d4eea8e104ae.txt"
    text = changed.read_text(encoding="utf-8")
    title = text.splitlines()[0]
    changed.write_text(text.replace(title, title + "（修订）", 1), encoding="utf-8")
    after = run(warm)
    assert "（修订）" in after.pages["zh"]["index.md"]
    assert 0 < after.computed["zh-Hant"] < converted / 2
    # the index pages that do not list the title are as they were: neither rendered nor converted
    kept = {path for path, text in after.pages["zh-Hant"].items()
            if text is KEPT and not path.startswith("doc/")}
    assert {"keywords.md", "keywords/d.md"} <= kept and "index.md" not in kept, sorted(kept)
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


def test_an_unreadable_entry_is_computed_again(tmp_path: Path) -> None:
    """A value that no longer unpickles (another version's, a damaged file) is
    worked out again and replaced; the output is a cold build's."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    warm = _config(tmp_path, "warm", tmp_path / ".cache")
    per_doc = _first_pass(run(warm).computed)
    with sqlite3.connect(tmp_path / ".cache" / cache.DATABASE) as db:
        two = "SELECT rowid FROM entry WHERE namespace = ? LIMIT 2"
        damaged = db.execute(f"UPDATE entry SET value = x'80' WHERE rowid IN ({two})", (per_doc,)).rowcount
    assert damaged == 2
    assert run(warm).computed[per_doc] == 2
    assert run(warm).computed[per_doc] == 0
    run(_config(tmp_path, "cold", None))
    assert _files(tmp_path / "warm") == _files(tmp_path / "cold")


def _document(texts: list[str], levels: list[int], detail: str = "两行") -> Document:
    # every string built afresh: a key must not depend on which parts are shared
    blocks = [Block("".join(text), level) for text, level in zip(texts, levels, strict=True)]
    doc = Document("".join(["d", "1"]), "d1.txt", blocks=blocks)
    doc.note("clean", "repeated line", "".join(detail))
    return doc


def test_a_fingerprint_is_of_the_values_not_of_how_they_are_shared() -> None:
    one = _document(["第一段", "第二段"], [2, 0])
    two = _document(["第一段", "第二段"], [2, 0])
    assert one.blocks[0].text is not two.blocks[0].text
    assert cache.fingerprint(one) == cache.fingerprint(two)
    shared = Block("第一段")
    assert cache.fingerprint([shared, shared]) == cache.fingerprint([Block("第一段"), Block("第一段")])


def test_a_fingerprint_tells_every_block_and_note_apart() -> None:
    """Blocks and notes are keyed as columns of their fields: each field of each item still counts."""
    base = cache.fingerprint(_document(["第一段", "第二段"], [2, 0]))
    variants = [_document(["第一段", "第二句"], [2, 0]), _document(["第一段", "第二段"], [2, 3]),
                _document(["第二段", "第一段"], [2, 0]), _document(["第一段"], [2]),
                _document(["第一段", "第二段", ""], [2, 0, 0]),
                _document(["第一段", "第二段"], [2, 0], "一行")]
    keys = [cache.fingerprint(doc) for doc in variants]
    assert base not in keys and len(set(keys)) == len(keys)


def test_a_list_of_mixed_items_is_keyed_item_by_item() -> None:
    mixed = [Block("段"), Note("clean", "段")]
    assert cache.fingerprint(mixed) != cache.fingerprint([Block("段"), Block("段")])
    assert cache.fingerprint(mixed) != cache.fingerprint([Note("clean", "段"), Block("段")])


def test_a_document_comes_back_from_its_pickle_whole() -> None:
    # model.pickled_by_fields: every field, in order, through the constructor
    doc = _document(["标题", "正文"], [2, 0], "一行")
    doc.meta.title, doc.meta.region.city, doc.meta.terms = "标题", "东莞市", {"电梯": 2}
    doc.related.append(Related("b", "相关"))
    doc.sketch = Sketch("键", b"\1\0\0\0", b"", b"d")
    again = pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
    assert again == doc and type(again.meta.region) is Region
