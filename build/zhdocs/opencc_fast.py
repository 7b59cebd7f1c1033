"""OpenCC conversion with opencc-python-reimplemented's dictionaries and exact
output, at C speed.

The reimplementation converts each group of a config (phrases, then characters)
by repeatedly taking the longest phrase in a clause (the leftmost of equal
length), converting it and working on both sides; what no phrase covers goes
character by character. That choice keeps 我市制造业 as 我市/製造業 where the
C++ OpenCC's left-to-right segmentation takes 市制. Walking every substring
length in Python is what makes it slow (~1.5 MB/s). Here:

- a phrase whose conversion equals its characters' conversion changes nothing
  by itself, so a text without any *other* phrase is `str.translate` by the
  character table;
- around each phrase that converts differently (Aho-Corasick finds them all),
  the clause is converted exactly: all phrases in it, longest first, leftmost
  first among equals, never overlapping a chosen one (the same choice as the
  reimplementation's recursion), the gaps by the character table.

`tests/test_conversion.py` checks the output against the reimplementation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

import ahocorasick_rs

# opencc-python-reimplemented's clause separators (from OpenCC's PhraseExtract.cpp):
# no phrase spans one, so clauses are converted independently.
SEPARATORS = re.compile(
    r"[\s\-,.?!*　，。、；：？！…“”‘’『』「」﹁﹂—－（）《》〈〉～．／＼"
    r"︒︑︔︓︿﹀︹︺︙︐［﹇］﹈︕︖︰︳︴︽︾︵︶｛︷｝︸﹃﹄【︻】︼]")


@dataclass(frozen=True)
class Group:
    """One dictionary group of a config: phrases first, then single characters
    (or characters alone: a table of variants such as TWVariants)."""

    chars: dict[int, str]  # for str.translate
    phrases: ahocorasick_rs.AhoCorasick | None  # every phrase
    conversions: list[str]  # of each phrase, by its index in `phrases`
    changing: ahocorasick_rs.AhoCorasick | None  # phrases whose conversion differs from their characters'
    letters: frozenset[str]  # characters that occur in phrases: a clause is a run of them

    def convert(self, text: str) -> str:
        if self.changing is None:
            return text.translate(self.chars)
        out, done = [], 0
        for start, end in self._clauses(text):
            out.append(text[done:start].translate(self.chars))
            out.append(self._convert_clause(text[start:end]))
            done = end
        out.append(text[done:].translate(self.chars))
        return "".join(out)

    def _clauses(self, text: str) -> list[tuple[int, int]]:
        """The maximal runs of phrase letters around every changing phrase, in order."""
        clauses: list[tuple[int, int]] = []
        assert self.changing is not None
        for _, start, end in self.changing.find_matches_as_indexes(text, overlapping=True):
            if clauses and start < clauses[-1][1]:
                continue  # inside the clause found last
            while start > 0 and text[start - 1] in self.letters:
                start -= 1
            while end < len(text) and text[end] in self.letters:
                end += 1
            clauses.append((start, end))
        return clauses

    def _convert_clause(self, clause: str) -> str:
        """Longest phrase first (leftmost among equals), never overlapping a chosen one."""
        assert self.phrases is not None  # a group with changing phrases has phrases
        found = self.phrases.find_matches_as_indexes(clause, overlapping=True)
        taken = bytearray(len(clause))
        chosen = []
        for phrase, start, stop in sorted(found, key=lambda m: (m[1] - m[2], m[1])):
            if not any(taken[start:stop]):
                taken[start:stop] = b"\1" * (stop - start)
                chosen.append((start, stop, phrase))
        out, done = [], 0
        for start, stop, phrase in sorted(chosen):
            out.append(clause[done:start].translate(self.chars))
            out.append(self.conversions[phrase])
            done = stop
        out.append(clause[done:].translate(self.chars))
        return "".join(out)


class Converter:
    """OpenCC configs (e.g. "s2t") applied group after group, one config after
    another; "hk2s:1" is the first group of hk2s alone. A table of characters
    alone (s2tw's TWVariants) is folded into the group before it, so the text
    is walked once."""

    def __init__(self, *configs: str) -> None:
        self.groups: list[Group] = []
        for config in configs:
            name, _, count = config.partition(":")
            for chain in _config(name)["conversion_chain"][:int(count) if count else None]:
                self._append(_group(*_dict_files(chain["dict"])))

    def _append(self, group: Group) -> None:
        if group.phrases is None and self.groups:
            self.groups[-1] = _followed_by(self.groups[-1], group.chars)
        else:
            self.groups.append(group)

    def convert(self, text: str) -> str:
        for group in self.groups:
            text = group.convert(text)
        return text


def _config(name: str) -> dict:
    return json.loads(resources.files("opencc").joinpath(f"config/{name}.json").read_text(encoding="utf-8"))


def _dict_files(spec: dict) -> tuple[str | None, str]:
    """(phrases file, characters file) of a group, or (None, characters file) for a
    table of characters alone: the shapes OpenCC's configs use here."""
    files = [d["file"] for d in spec.get("dicts", [spec])]
    if len(files) not in (1, 2):
        raise ValueError(f"unsupported OpenCC dictionary group {files}: expected phrases and characters")
    return (None, files[0]) if len(files) == 1 else (files[0], files[1])


def entries(file: str) -> dict[str, str]:
    """key -> first candidate, as the reimplementation reads a dictionary (a later line wins).
    Not kept: a converter keeps what it needs (STPhrases' 49k entries held ~16 MB more)."""
    entries = {}
    text = resources.files("opencc").joinpath(f"dictionary/{file}").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            key, value = line.strip().split("\t")
            entries[key] = value.split(" ")[0]
    return entries


def _followed_by(group: Group, table: dict[int, str]) -> Group:
    """`group`, then `table` over its output: every output character comes from its
    table, a phrase's conversion or the input unchanged, so mapping all three through
    `table` is the same as a second pass. The phrases that change anything stay
    the same set: a phrase converting as its characters do still does after both."""
    chars = {code: out.translate(table) for code, out in group.chars.items()}
    chars |= {code: out for code, out in table.items() if code not in group.chars}
    return Group(chars, group.phrases, [out.translate(table) for out in group.conversions], group.changing,
                 group.letters)


def _group(phrase_file: str | None, char_file: str) -> Group:
    characters = entries(char_file)
    if any(len(key) != 1 for key in characters):
        raise ValueError(f"OpenCC dictionary {char_file} has entries longer than one character")
    chars = {ord(key): value for key, value in characters.items()}
    if phrase_file is None:
        return Group(chars, None, [], None, frozenset())
    # A phrase containing a separator can never match in the reimplementation.
    phrases = {k: v for k, v in entries(phrase_file).items() if not SEPARATORS.search(k)}
    changing = {k: v for k, v in phrases.items() if k.translate(chars) != v}
    return Group(chars, ahocorasick_rs.AhoCorasick(list(phrases)), list(phrases.values()),
                 ahocorasick_rs.AhoCorasick(changing) if changing else None, frozenset("".join(phrases)))
