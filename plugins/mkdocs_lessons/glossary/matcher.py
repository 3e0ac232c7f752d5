"""Find glossary terms in text: one pass over the words, whatever the number of terms.

Every surface form of every term (name, aliases, plurals, other forms) is a key of a dict of
word sequences, built once per build, and the first words of all forms are compiled into one
regular expression shaped as a trie (shared prefixes written once), so the scan jumps from one
possible start to the next in C. At a start the matcher looks up the longest word sequence
first ("IAM Role" before "IAM"). The cost grows with the length of the text and of the longest
term, not with the number of terms. Words keep their
inner dots, hyphens and digits, so "S3", "least-privilege" and "IMDSv2" are single words and a
term never matches part of a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import GlossaryTerm

_WORD = re.compile(r"(?<![&#\w])[^\W_](?:[\w.-]*[^\W_])?")
_SPACE = re.compile(r"\s+")

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
        # First words of all forms: most words start no term, and one set lookup says so.
        self._first_exact: set[str] = set()
        self._first_folded: set[str] = set()
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
                (self._first_exact if term.case_sensitive else self._first_folded).add(lookup[0])
                self._longest = max(self._longest, len(key))

        exact, folded = _trie(self._first_exact), _trie(self._first_folded)
        choices = [f"(?i:{folded})"] if folded else []
        choices += [exact] if exact else []
        self._starts = re.compile(
            r"(?<![&#\w])(?:" + "|".join(choices) + ")" if choices else r"(?!x)x"
        )

    def __bool__(self) -> bool:
        return bool(self._exact or self._folded)

    def find(self, text: str) -> Iterator[TermUse]:
        """Each use of a term in ``text``, left to right, longest match first."""
        position = 0
        while True:
            start = self._starts.search(text, position)
            if start is None:
                return
            first = _WORD.match(text, start.start())
            # The trie found a prefix; the word there must be a whole first word.
            if first is None or (
                first.group(0) not in self._first_exact
                and first.group(0).casefold() not in self._first_folded
            ):
                position = start.start() + 1
                continue
            words = [first]
            while len(words) < self._longest:
                gap = _SPACE.match(text, words[-1].end())
                following = _WORD.match(text, gap.end()) if gap else None
                if following is None:
                    break
                words.append(following)
            use = None
            for size in range(len(words), 0, -1):
                key = tuple(match.group(0) for match in words[:size])
                term = self._exact.get(key) or self._folded.get(_fold(key))
                if term is not None:
                    use = TermUse(first.start(), words[size - 1].end(), term)
                    break
            if use is None:
                position = first.end()
                continue
            yield use
            position = use.end


def _fold(key: Key) -> Key:
    return tuple(word.casefold() for word in key)


def _trie(words: set[str]) -> str:
    """A regular expression matching any of ``words``, with shared prefixes factored out."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
