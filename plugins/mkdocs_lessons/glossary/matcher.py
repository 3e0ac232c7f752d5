"""Find glossary terms in text: one scan, whatever the number of terms.

Every surface form of every term (name, aliases, plurals, other forms) is compiled, once per
build, into one regular expression shaped as a trie (shared prefixes written once, words joined
by any white space), and looked up in a dict to find its term. Case-insensitive forms are
matched in a lower-cased copy of the text, so the expression needs no IGNORECASE flag, which
would stop the regex engine from skipping ahead to possible starts. The trie's greedy branches
give the longest form at a position ("IAM Role" before "IAM"); a lookahead keeps matches to
whole words, so "S3" does not match in "S30" and "least-privilege" stays one word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import GlossaryTerm

# A word may start with "." and end with "+"s or "#" (.NET, C++, C#): those symbols tell terms
# apart, as in their ids. A symbol followed by a letter stays a separator ("A+B" is two words).
_WORD = re.compile(r"(?<![&#\w])\.?[^\W_](?:[\w.-]*[^\W_])?(?:(?:\++|#)(?![^\W_]))?")
# A match must not be followed by more of the same word (a letter, or ".x", "-x").
_WHOLE = r"(?![^\W_]|[.-][^\W_])"

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
        exact_forms: set[str] = set()
        folded_forms: set[str] = set()
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
                if term.case_sensitive:
                    exact_forms.add(" ".join(key))
                else:
                    folded_forms.add(" ".join(key).lower())
        self._exact_pattern = _compile(exact_forms)
        self._folded_pattern = _compile(folded_forms)

    def __bool__(self) -> bool:
        return bool(self._exact or self._folded)

    def starts(self, text: str) -> list[int] | None:
        """Where a use may start in ``text`` (a superset of where :meth:`find` finds one), or
        None when that cannot be told without :meth:`find` (a text whose length changes when
        lower-cased)."""
        found: list[int] = []
        if self._exact_pattern is not None:
            found += [start for start, _ in _spans(self._exact_pattern, text)]
        if self._folded_pattern is not None:
            lowered = text.lower()
            if len(lowered) != len(text):
                return None
            found += [start for start, _ in _spans(self._folded_pattern, lowered)]
        return found

    def find(self, text: str) -> Iterator[TermUse]:
        """Each use of a term in ``text``, left to right, longest match first."""
        candidates: list[tuple[int, int]] = []
        if self._folded_pattern is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                candidates += _spans(self._folded_pattern, lowered)
            else:
                # Rare characters change length when lower-cased: match the text itself.
                flags = self._folded_pattern.flags | re.IGNORECASE
                candidates += _spans(re.compile(self._folded_pattern.pattern, flags), text)
        if self._exact_pattern is not None:
            candidates += _spans(self._exact_pattern, text)
        candidates.sort(key=lambda span: (span[0], -span[1]))
        position = 0
        for start, end in candidates:
            if start < position:
                continue
            key = words_of(text[start:end])
            term = self._exact.get(key) or self._folded.get(_fold(key))
            if term is not None:
                yield TermUse(start, end, term)
                position = end


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Matches of ``pattern`` that start a word (the lookbehind is checked here, not in the
    pattern, so the regex engine can skip ahead to the first letters of the forms)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return spans
        start = match.start()
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_&#":
            position = start + 1
            continue
        spans.append((start, match.end()))
        position = match.end()


def _compile(forms: set[str]) -> re.Pattern[str] | None:
    if not forms:
        return None
    try:
        return re.compile(_trie(forms).replace(re.escape(" "), r"\s+") + _WHOLE)
    except RecursionError:
        # Hundreds of forms each a prefix of the next nest the trie deeper than Python's
        # parsers go; the same forms, longest first, match the same text, only slower.
        flat = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        return re.compile(f"(?:{flat})".replace(re.escape(" "), r"\s+") + _WHOLE)


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
        branches = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            # A chain of single letters is one literal: a long alias nests no deeper than a
            # short one.
            literal = char
            while len(child) == 1 and "" not in child:
                ((following, child),) = child.items()
                literal += following
            branches.append(re.escape(literal) + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
