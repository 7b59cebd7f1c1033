"""Corpus step of clean: site chrome learned from lines that recur across a site's documents."""

from __future__ import annotations

from pathlib import Path

from zhdocs.clean import clean
from zhdocs.clean.recurring import KIND, drop_recurring
from zhdocs.config import Config
from zhdocs.model import Document
from zhdocs.pipeline import process
from zhdocs.read import read

from .conftest import SEED_IDS, SEEDS

# Chrome that no rule of boilerplate.py knows: only its recurrence tells.
NAVIGATION = "新闻中心　工作动态　通知公告"
FOOTER = [
    "本站由某某市信息中心负责维护。",
    "建议使用1024×768分辨率浏览本站。",
    "本网站由某某市质量技术监督局主办",
]


def cleaned_corpus(folder: Path, files: dict[str, str]) -> list[Document]:
    """Write the files below `folder`, then read → clean → drop recurring lines."""
    config = Config(folder, Path("unused"))
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    docs = [clean(read(Document(id=n, seed_path=n), config), config) for n in sorted(files)]
    return drop_recurring(docs, config)


def seed_text(seed_id: str) -> str:
    return (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")


def with_chrome(seed_id: str) -> str:
    return "\n".join([NAVIGATION, seed_text(seed_id), *FOOTER])


def body(doc: Document) -> list[str]:
    return [doc.meta.title, *(b.text for b in doc.blocks)]


def test_site_chrome_is_learned_and_no_body_line_is_lost(tmp_path: Path) -> None:
    alone = cleaned_corpus(tmp_path / "alone", {f"{s}.txt": seed_text(s) for s in SEED_IDS})
    site = cleaned_corpus(tmp_path / "site", {f"site/{s}.txt": with_chrome(s) for s in SEED_IDS})
    for plain, chromed in zip(alone, site, strict=True):
        assert body(chromed) == body(plain)
        removed = [n.detail for n in chromed.notes if n.kind == KIND]
        assert [r.split("（")[0] for r in removed] == [NAVIGATION, *FOOTER]
        assert all(r.endswith("（5 篇）") for r in removed)


# A footer naming a real city: if it counted, every short page would be about 合肥.
PLACE_FOOTER = ["主办单位：合肥市人民政府办公厅 网站标识码：3401000001", "合肥市人民政府版权所有"]
SHORT_PAGES = {  # three notices of one site, none naming a place, each longer than the footer
    "标准化工作通知": "请各单位认真做好标准化建设工作，按时报送年度总结材料。"
                      "各单位要明确专人负责，确保材料真实完整，逾期未报的将予以通报。",
    "计量检定安排": "本月开展民生计量器具强制检定，重点检查农贸市场电子秤。"
                    "检定人员要严格执行检定规程，对不合格器具依法处理并做好记录。",
    "品牌培育会议纪要": "会议研究了品牌培育和质量提升工作，部署下一阶段任务。"
                        "会议要求各部门加强协作，及时总结经验做法，推动工作取得实效。",
}


def described(folder: Path, footer: list[str]) -> dict[str, tuple[object, ...]]:
    (folder / "site").mkdir(parents=True)
    for i, (title, text) in enumerate(SHORT_PAGES.items()):
        page = "\n".join([title, text, *footer])
        (folder / "site" / f"{i}.txt").write_text(page, encoding="utf-8")
    docs = process(Config(folder, folder / "docs"))
    return {d.seed_path: (d.meta.region, d.meta.keywords, d.meta.summary,
                          [r.reason for r in d.related]) for d in docs}


def test_learned_chrome_never_describes_a_document(tmp_path: Path) -> None:
    """Region, keywords, summary and related links come from the text without the chrome."""
    chromed = described(tmp_path / "chromed", PLACE_FOOTER)
    assert chromed == described(tmp_path / "plain", [])
    assert all(not region.parts() for region, *_ in chromed.values())


def test_the_real_seeds_have_no_recurring_chrome(processed: dict[str, Document]) -> None:
    assert not [n for doc in processed.values() for n in doc.notes if n.kind == KIND]


WORK = "请各单位按照年度工作计划，认真做好质量提升、标准化建设和品牌培育各项工作，按时报送材料。"


def test_a_formula_above_a_signature_and_date_stays(tmp_path: Path) -> None:
    files = {
        f"gov/{i}.txt": f"关于第{i}项工作的通知\n各单位：\n{WORK * 3}（第{i}批）\n特此通知。\n"
        f"某某市人民政府办公室\n2017年3月{i}日\n" + "\n".join(FOOTER)
        for i in range(1, 5)
    }
    for doc in cleaned_corpus(tmp_path, files):
        text = doc.text
        assert "特此通知。" in text and "某某市人民政府办公室" in text
        assert not any(line in text for line in FOOTER)


def test_reposts_keep_their_body(tmp_path: Path) -> None:
    """Copies of one article share their lines: dedup merges them, this step keeps them,
    also when one line (here the first) differs between the copies."""
    seed = "001_83d85754c8f55ec4"
    alone = cleaned_corpus(tmp_path / "one", {"one.txt": seed_text(seed)})[0]
    for files in ({f"same/{i}.txt": seed_text(seed) for i in range(3)},
                  {f"own/{i}.txt": f"转自第{i}个网站\n{seed_text(seed)}" for i in range(3)}):
        for doc in cleaned_corpus(tmp_path, files):
            assert body(alone)[1:] == body(doc)[-len(body(alone)) + 1:]
            assert not [n for n in doc.notes if n.kind == KIND]


def test_chrome_is_learned_per_site_only(tmp_path: Path) -> None:
    """Two documents in each of two folders: too few per site to learn anything."""
    files = {f"{site}/{s}.txt": with_chrome(s) for site, s in zip("aabb", SEED_IDS, strict=False)}
    for doc in cleaned_corpus(tmp_path, files):
        assert not [n for n in doc.notes if n.kind == KIND]
        assert FOOTER[-1] in doc.text
