"""URL arithmetic for generated HTML, independent of MkDocs."""

from __future__ import annotations

import posixpath


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``, both site-relative.

    Page URLs look like MkDocs' ``page.url``: ``""`` for the home page, ``a/b/`` with directory
    URLs, ``a/b.html`` without. The result never starts with ``/`` so the site works under any
    base path (GitHub Pages project sites).
    """
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    target = posixpath.relpath("/" + to_url, "/" + from_dir)
    if target == ".":
        return "./"
    if (not to_url or to_url.endswith("/")) and not target.endswith("/"):
        target += "/"
    return target
