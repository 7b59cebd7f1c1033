"""The region a document is about, from the administrative gazetteer that the
`cpca` package keeps (adcodes of every province, city and county).

Full names (汕尾市, 番禺区) count; a short alias (汕尾, 番禺) only when jieba's
dictionary tags it as a place name. Names that are common words (合作, 新兴),
or that several places share (城区), count only when the document also names
their city or province, except a full name whose stem is frequent because the
place is famous (北京市, 广州市: jieba tags 北京 a place). A full name does not
count where its last character starts a word of its own (北京市场, 番禺区域).
Mentions in the title weigh more;
the hosting site's name (in the header, not the body) does not count at all.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Region
from ..package_data import package_file
from ..segment import dictionary, is_word_boundary
from .fields import DATELINE
from .matcher import NameMatcher

TITLE_WEIGHT = 5
# The gazetteer's city level where there is none (北京市's districts sit under 市辖区): no city.
NO_CITY = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Words a full name's last character starts when the text goes on (北京市场, 番禺区域): the
# name is not there. 市委, 市政府, 市长 and the like are the place's own, so they are not listed.
SUFFIX_WORDS = frozenset({"市场", "市民", "市面", "区域", "区别", "区分", "区间", "省份", "县域"})
# After a place's full name, its government: 桂林市人民政府 is the city whatever 桂林 means to jieba
_GOVERNMENT = re.compile(r"人民政府|政府|人民代表大会|人大|政协|党委|[省市州县区]委")
# Whom a notice is sent to (各市人民政府，顺德区人民政府，省直各单位：): its subordinates, not its subject
_ADDRESSEES = re.compile(r"^各[^。\n]*[：:]$", re.MULTILINE)
COMMON_WORD_FREQ = 1000  # jieba frequency above which a stem is an everyday word (合作 13478; 东莞 275)
MIN_DISTRICT_MENTIONS = 2
DISTRICT_SHARE = 0.25
_SUFFIX = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|省|市|区|县|盟|旗)$"
)


@dataclass(frozen=True)
class Place:
    code: str  # 6-digit adcode
    name: str

    @property
    def level(self) -> int:
        """0 province, 1 city, 2 district/county."""
        if self.code[2:] == "0000":
            return 0
        return 1 if self.code[4:] == "00" else 2

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Place]  # adcode -> place
    names: dict[str, tuple[str, ...]]  # name or alias -> adcodes
    matcher: NameMatcher  # finds the names leftmost-longest
    ambiguous: frozenset[str]  # names that count only where their city or province is named too
    aliases: frozenset[str]  # short names without 省/市/县…: they count only as whole words


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    places = {}
    # cpca's data file, not cpca: importing it builds cpca's own matcher (~15 MB)
    with package_file("cpca", "resources/adcodes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            places[code] = Place(code, row["name"])
    names: dict[str, list[str]] = {}
    place_words = _place_words()
    for place in places.values():
        if place.name in NO_CITY:  # a level of the gazetteer, no place: 经县人民政府同意
            continue
        names.setdefault(place.name, []).append(place.code)
        alias = _SUFFIX.sub("", place.name)
        if len(alias) >= 2 and alias != place.name and alias in place_words:
            names.setdefault(alias, []).append(place.code)
    ambiguous = frozenset(n for n, codes in names.items()
                          if _ambiguous(n, codes) and not _famous(n, codes, place_words, places))
    aliases = frozenset(names) - {place.name for place in places.values()}
    return Gazetteer(places, {k: tuple(v) for k, v in names.items()}, NameMatcher.of(names),
                     ambiguous, aliases)


def _place_words() -> set[str]:
    """Words jieba's dictionary tags as place names (ns)."""
    return {w for w, tag in dictionary().tags.items() if tag == "ns"}


def _ambiguous(name: str, codes: list[str]) -> bool:
    """A name several places share (城区, 市中区), or whose stem is a common
    word by jieba's frequencies (合作市, 新兴县, 和平区): proof only with context."""
    stem = _SUFFIX.sub("", name)
    return len(codes) > 1 or len(stem) < 2 or dictionary().count_at_least(stem, COMMON_WORD_FREQ)


def _famous(name: str, codes: list[str], place_words: set[str], places: dict[str, Place]) -> bool:
    """One place whose stem is frequent as a place, not as a word: its full name
    (北京市, 广东省: 北京, 广东 are tagged places; not 合作市 or 东方市), and a
    province's or a city's short name itself (北京, 深圳), not a county's (江南,
    古城, 南海: words beside 江南区, 古城区, 南海区)."""
    stem = _SUFFIX.sub("", name)
    if len(codes) != 1 or stem not in place_words or not dictionary().count_at_least(stem, COMMON_WORD_FREQ):
        return False
    return stem != name or places[codes[0]].level < 2


def find_region(title: str, body: str) -> Region:
    gaz = gazetteer()
    sure: Counter[str] = Counter()
    unsure: Counter[str] = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (_ADDRESSEES.sub("", DATELINE.sub("", body)), 1)):
        for start, name in gaz.matcher.finditer(text):
            end = start + len(name)
            if text[end - 1:end + 1] in SUFFIX_WORDS and name not in gaz.aliases:
                name = name[:-1]  # 北京市场 is 北京/市场: the short name, if the place has one
                if name not in gaz.names:
                    continue
            if not _stands_alone(text, start, name, gaz):
                continue
            counts = unsure if name in gaz.ambiguous and not _governs(text, start, name, gaz) else sure
            for code in gaz.names[name]:
                counts[code] += weight
    for code, n in unsure.items():
        place = gaz.places[code]
        parent = place.city_code[:4] if place.level == 2 else place.province_code[:2]
        if any(c.startswith(parent) for c in sure):
            sure[code] += n
    return _best_region(sure, gaz) if sure else Region()


def _stands_alone(text: str, start: int, name: str, gaz: Gazetteer) -> bool:
    """A short name must be whole words (定安 is not in 检定安排), a full one must
    start a word (龙城区 is not in 九龙城区)."""
    if name in gaz.aliases:
        return is_word_boundary(text, start, start + len(name))
    return start == 0 or is_word_boundary(text, start, start)


def _governs(text: str, start: int, name: str, gaz: Gazetteer) -> bool:
    """A place's one full name before its government (桂林市人民政府) is that place,
    whatever its stem means to jieba; 城区人民政府 could be any of several."""
    return (name not in gaz.aliases and len(gaz.names[name]) == 1 and len(_SUFFIX.sub("", name)) >= 2
            and bool(_GOVERNMENT.match(text, start + len(name))))


def _best_region(counts: Counter[str], gaz: Gazetteer) -> Region:
    """Province with the most mentions (its cities' and counties' included),
    then the city named most within it (none when two are named as often),
    then the best county within that city."""
    def total(prefix: str) -> int:
        return sum(n for code, n in counts.items() if code.startswith(prefix))

    provinces = {gaz.places[c].province_code for c in counts}
    province = max(sorted(provinces), key=lambda p: total(p[:2]))
    cities = {gaz.places[c].city_code for c in counts
              if c.startswith(province[:2]) and gaz.places[c].level > 0}
    region = Region(province=_name(gaz, province))
    if not cities:
        return region
    ranked = sorted(sorted(cities), key=lambda c: -total(c[:4]))
    city = ranked[0]
    if len(ranked) > 1 and total(ranked[1][:4]) == total(city[:4]):
        return region  # cities named alike (深圳、东莞、惠州、汕尾将出现暴雨): the province's
    region.city = "" if _name(gaz, city) in NO_CITY else _name(gaz, city)
    districts = [c for c in counts if c.startswith(city[:4]) and gaz.places[c].level == 2]
    if districts:
        district = max(sorted(districts), key=lambda c: counts[c])
        # A county must carry a real share of its city's mentions: a passing
        # mention (瑞安 in a report on 温州) does not make the document about it.
        if counts[district] >= max(MIN_DISTRICT_MENTIONS, DISTRICT_SHARE * total(city[:4])):
            region.district = gaz.places[district].name
    return region


def _name(gaz: Gazetteer, code: str) -> str:
    place = gaz.places.get(code)
    return place.name if place else ""
