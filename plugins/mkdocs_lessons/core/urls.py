"""URL arithmetic for generated HTML, independent of MkDocs."""

from __future__ import annotations

import re

_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_NOT_WORD = re.compile(r"[^\w]+")


def is_absolute_url(value: str) -> bool:
    """Whether ``value`` names another site (``https:``, ``mailto:``, ``//host``), not a file."""
    return bool(_ABSOLUTE.match(value))


def slugify(text: str) -> str:
    """Lower case, runs of anything but letters, digits and ``_`` turned into ``-``."""
    return _NOT_WORD.sub("-", text.casefold()).strip("-")


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``, both site-relative.

    Page URLs look like MkDocs' ``page.url``: ``""`` for the home page, ``a/b/`` with directory
    URLs, ``a/b.html`` without. The result never starts with ``/`` so the site works under any
    base path (GitHub Pages project sites).
    """
    # Plain string work on "/"-separated parts: posixpath.relpath normalises both paths
    # against the file system's root first, which costs more and is called on every link.
    if from_url.endswith("/") or not from_url:
        from_parts = [part for part in from_url.split("/") if part]
    else:
        from_parts = [part for part in from_url.split("/")[:-1] if part]
    to_parts = [part for part in to_url.split("/") if part]
    common = 0
    while (
        common < len(from_parts)
        and common < len(to_parts)
        and from_parts[common] == to_parts[common]
    ):
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    if not parts:
        return "./"
    target = "/".join(parts)
    if (not to_url or to_url.endswith("/")) and not target.endswith("/"):
        target += "/"
    return target
