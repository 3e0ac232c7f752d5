"""Find glossary terms in text: one pass over the words, whatever the number of terms.

Every surface form of every term (name, aliases, plurals, other forms) is a key of a dict of
word sequences, built once per build. Text is split into words once; at each word the matcher
looks up the longest sequence first ("IAM Role" before "IAM"), so the cost grows with the
length of the text and of the longest term, not with the number of terms. Words keep their
inner dots, hyphens and digits, so "S3", "least-privilege" and "IMDSv2" are single words and a
term never matches part of a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import GlossaryTerm

_WORD = re.compile(r"(?<![&#\w])[^\W_](?:[\w.-]*[^\W_])?")

Key = tuple[str, ...]


@dataclass(frozen=True)
class TermUse:
    start: int
    end: int
    term: GlossaryTerm


def words_of(text: str) -> Key:
    return tuple(match.group(0) for match in _WORD.finditer(text))


class TermMatcher:
    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        self._exact: dict[Key, GlossaryTerm] = {}
        self._folded: dict[Key, GlossaryTerm] = {}
        self.clashes: list[tuple[str, GlossaryTerm, GlossaryTerm]] = []
        """Forms claimed by two terms: (form, first term, second term)."""
        self._longest = 1
        for term in terms:
            for form in term.surface_forms():
                key = words_of(form)
                if not key:
                    continue
                table, lookup = (
                    (self._exact, key) if term.case_sensitive else (self._folded, _fold(key))
                )
                other = table.get(lookup)
                if other is not None and other is not term:
                    self.clashes.append((form, other, term))
                    continue
                table[lookup] = term
                self._longest = max(self._longest, len(key))

    def __bool__(self) -> bool:
        return bool(self._exact or self._folded)

    def find(self, text: str) -> Iterator[TermUse]:
        """Each use of a term in ``text``, left to right, longest match first."""
        words = list(_WORD.finditer(text))
        count = len(words)
        index = 0
        while index < count:
            # How many words from here are separated by white space only.
            run = 1
            while (
                run < self._longest
                and index + run < count
                and text[words[index + run - 1].end() : words[index + run].start()].isspace()
            ):
                run += 1
            found = None
            for size in range(run, 0, -1):
                key = tuple(match.group(0) for match in words[index : index + size])
                found = self._exact.get(key) or self._folded.get(_fold(key))
                if found is not None:
                    yield TermUse(words[index].start(), words[index + size - 1].end(), found)
                    index += size
                    break
            if found is None:
                index += 1


def _fold(key: Key) -> Key:
    return tuple(word.casefold() for word in key)
