"""Real-browser tests: the example site, built once, served on 127.0.0.1, driven by Chromium.

The site is built with `mkdocs build --strict` from the repository's mkdocs.yml, or from the
config named by BROWSER_TESTS_CONFIG (a copy without the plugin, say, while it is being written).
Debian's /usr/bin/chromium is used when present, Playwright's own Chromium otherwise. A missing
browser is an error of every test, never a skip: `make browser` installs one.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import ConsoleMessage, Page, Request, Response, Route

REPO = Path(__file__).resolve().parents[2]
CONFIG = Path(os.environ.get("BROWSER_TESTS_CONFIG") or REPO / "mkdocs.yml").resolve()
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# No first-run dialogs and no background traffic of the browser's own (updates, sync, field
# trials): the only requests are the pages', so "nothing leaves 127.0.0.1" is about the site.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST = "127.0.0.1"

# The pages the brief names (plugin option `prefix` left at its default, `lessons`).
HOME = "/"
LESSONS_INDEX = "/lessons/"
COURSE = "/lessons/aws-iam/"
COURSE_SLUG = COURSE.strip("/").split("/")[-1]
LESSON = "/lessons/aws-iam/iam-roles-vs-user-credentials/"
AUTHOR = "/lessons/authors/pascual-vila/"
# The plugin's bundles, named after their content (`lessons.<hash>.js`); `search` finds the
# script's URL in a stack trace too (where `:line:column` follows it).
LESSONS_SCRIPT = re.compile(r"/assets/mkdocs-lessons/lessons\.[0-9a-f]+\.js")
LESSONS_ASSET = re.compile(r"/assets/mkdocs-lessons/lessons\.[0-9a-f]+\.(?:js|css)")
ColorScheme = Literal["light", "dark"]
SCHEMES: dict[ColorScheme, str] = {"light": "default", "dark": "slate"}  # -> Material's scheme


# --- The site ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once per session with --strict (a warning fails the build)."""
    site = tmp_path_factory.mktemp("site")
    build_strict(CONFIG, site, cwd=REPO)
    return site


def build_strict(config: Path, site: Path, *, cwd: Path) -> None:
    """``mkdocs build --strict`` of ``config`` into ``site``; a failure fails the test run with
    the build's output (a warning fails the build)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    command += ["-d", str(site)]
    result = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(command)}` failed (exit {result.returncode}):\n"
            f"{result.stderr}{result.stdout}",
            pytrace=False,
        )


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags: read them as null."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config() -> dict[str, Any]:
    config: dict[str, Any] = (
        yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    )
    return config


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built folder as it is, except that the sitemap's absolute URLs (made from site_url)
    point at this server. Material 9.8's instant navigation intercepts a click only if the link
    is in the sitemap after changing just the scheme and the host name of its URLs: anywhere but
    at site_url's own path and port, every click would be a full page load, and instant
    navigation would go untested. On the deployed site the sitemap matches by construction."""

    def __init__(self, *args: Any, site_url: str, **kwargs: Any) -> None:
        self.site_url = site_url
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a line per request would bury pytest's report

    def do_GET(self) -> None:
        sitemap = Path(self.directory) / "sitemap.xml"
        if not (self.site_url and urlsplit(self.path).path == "/sitemap.xml" and sitemap.exists()):
            super().do_GET()
            return
        here = f"http://{self.headers['Host']}/"  # 127.0.0.1:<port>, as the browser asked
        body = sitemap.read_text(encoding="utf-8").replace(self.site_url, here).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served at the root of a free port: pages link relatively, so the
    site_url path prefix (/mkdocs-lessons/ on GitHub Pages) is not needed."""
    handler = functools.partial(_SiteHandler, directory=str(site_dir), site_url=deployed_url())
    yield from serve(handler)


def deployed_url() -> str:
    """The config's site_url as MkDocs writes it into the sitemap (with its final slash)."""
    url = str(read_config().get("site_url") or "")
    return url + "/" if url and not url.endswith("/") else url


def serve(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve with ``handler`` on a free port of 127.0.0.1 for as long as the caller iterates:
    the body of a yield fixture."""
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """pytest-playwright gives every context this base URL: page.goto("/lessons/") works."""
    return site_url + "/"


@pytest.fixture(scope="session")
def rtl_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site in Arabic (theme.language: ar, which Material writes right to left),
    built once per session and served like the site. Its config inherits the site's; the
    folders the site's config names relatively (docs, lessons, overrides) are linked beside it."""
    folder = tmp_path_factory.mktemp("rtl")
    for entry in CONFIG.parent.iterdir():
        if entry != CONFIG and not entry.name.startswith(".") and entry.name != "site":
            (folder / entry.name).symlink_to(entry)
    config = folder / "mkdocs-ar.yml"
    config.write_text(f"INHERIT: {CONFIG}\ntheme:\n  language: ar\n", encoding="utf-8")
    site = folder / "site"
    build_strict(config, site, cwd=folder)
    yield from serve(functools.partial(_SiteHandler, directory=str(site), site_url=deployed_url()))


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """URL paths of every page of the built site (each directory with an index.html)."""
    folders = (
        index.parent.relative_to(site_dir).as_posix() for index in site_dir.rglob("index.html")
    )
    pages = sorted("/" if folder == "." else f"/{folder}/" for folder in folders)
    assert HOME in pages, f"no index.html at the root of the built site {site_dir}"
    return pages


# --- The browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if DEBIAN_CHROMIUM.exists():
        # Debian's build works offline and needs no download; Playwright's is the fallback.
        args["executable_path"] = str(DEBIAN_CHROMIUM)
    return args


def is_local(url: str) -> bool:
    """Whether a request stays on this machine's test server (or in the page itself)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == HOST


@dataclass
class PageWatch:
    """Everything that went wrong while a page was open: console errors, uncaught exceptions,
    failed or >= 400 requests, and requests to anywhere but 127.0.0.1 (blocked, so that a test
    run never talks to a third party)."""

    where: str = ""
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> PageWatch:
        page.context.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._add(f"uncaught exception: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        return self

    def _add(self, problem: str) -> None:
        self.problems.append(f"{self.where}: {problem}" if self.where else problem)

    def _route(self, route: Route) -> None:
        if is_local(route.request.url):
            route.fallback()
        else:
            self._add(f"request leaving {HOST}: {route.request.method} {route.request.url}")
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        # The blocked external requests above log a console error too: reported once is enough.
        if message.type == "error" and "ERR_BLOCKED_BY_CLIENT" not in message.text:
            location = message.location.get("url", "")
            self._add(f"console error: {message.text} ({location})")

    def _request_failed(self, request: Request) -> None:
        # ERR_ABORTED: the browser dropped a request because the page went away (a click
        # before the search index arrived); not the site's fault. Errors and 404s still count.
        if is_local(request.url) and request.failure != "net::ERR_ABORTED":
            self._add(f"request failed: {request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self._add(f"HTTP {response.status}: {response.url}")

    def report(self) -> str:
        return "\n".join(self.problems)


@pytest.fixture
def watch(page: Page) -> PageWatch:
    """The test's `page`, watched from before its first request."""
    return PageWatch().attach(page)


def title_pattern(title: str) -> re.Pattern[str]:
    """A heading's whole text: the title, then the permalink `toc` may add (permalink: true)."""
    return re.compile(rf"^\s*{re.escape(title)}\s*¶?\s*$")


# --- axe-core ----------------------------------------------------------------------------

_AXE = Axe()
# Rules off by default in axe-core 4.12 that Lighthouse's accessibility score runs: the goal is
# Lighthouse 100 on lessons, so these tests catch those failures first. Nothing is switched off.
AXE_OPTIONS: dict[str, Any] = {
    "resultTypes": ["violations"],
    "rules": {"target-size": {"enabled": True}},
}


def axe_violations(page: Page, context: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on ``page``, or only in the element ``context`` selects.

    Once what is fading in has finished: axe reads a half-faded text's colour as its contrast
    (a verdict's explanation fades in for 0.2 s), which no reader sees for longer than that.
    """
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running'"
        " || a.effect?.getTiming().iterations === Infinity)"
    )
    results = _AXE.run(page, context=context, options=AXE_OPTIONS)
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def fail_on_axe_violations(page: Page, what: str) -> None:
    """Fail the test, without a Python traceback, with axe-core's findings on ``page``."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"axe-core on {what}:\n{format_violations(violations)}", pytrace=False)


def format_violations(violations: list[dict[str, Any]]) -> str:
    """Rule ids, impact, help, and each failing element's target and failure summary."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"{violation['id']} ({violation.get('impact')}, {len(nodes)} elements): "
            f"{violation['help']} - {violation['helpUrl']}"
        )
        for node in nodes:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


# --- The lesson sources, for what the pages must show ------------------------------------


def sources_dir() -> Path:
    """The lessons plugin's `sources` folder, relative to the config (default `lessons`)."""
    sources = "lessons"
    for plugin in read_config().get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("lessons"), dict):
            sources = plugin["lessons"].get("sources", sources)
    return CONFIG.parent / sources


@dataclass(frozen=True)
class LessonSource:
    slug: str
    title: str
    summary: str
    author_names: tuple[str, ...]
    sections: tuple[str, ...]  # the `##` headings of the body (concepts' too), as plain text


def _plain(markdown: str) -> str:
    """Heading text as the page shows it: no attr_list, links, code or emphasis markers."""
    text = re.sub(r"\s*\{[^}]*\}\s*$", "", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[`*_]", "", text)
    return " ".join(text.split())


def read_course(course: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (sources_dir() / course / "course.yml").read_text(encoding="utf-8")
    )
    return data


def read_lesson(course: str, slug: str) -> LessonSource:
    text = (sources_dir() / course / slug / "index.md").read_text(encoding="utf-8")
    match = re.match(r"---\s*\n(.*?)\n---\s*\n(.*)", text, re.DOTALL)
    assert match, f"{course}/{slug}/index.md has no front matter"
    meta = yaml.safe_load(match.group(1))
    body = match.group(2)
    authors_file = sources_dir() / ".authors.yml"
    known = yaml.safe_load(authors_file.read_text(encoding="utf-8"))["authors"]
    ids = meta.get("authors") or [meta["author"]]
    sections = []
    fence: str | None = None
    for line in body.splitlines():
        stripped = line.strip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if marker and (fence is None or stripped.startswith(fence)):
            fence = None if fence else marker.group(1)
        elif fence is None and line.startswith("## "):
            sections.append(_plain(line[3:]))
        elif fence is None and (concept := re.match(r"/{3,} *concept *\| *(.+)", line)):
            sections.append(_plain(concept.group(1)))  # a concept block renders its `##`
    return LessonSource(
        slug=slug,
        title=meta["title"],
        summary=" ".join(str(meta["summary"]).split()),
        author_names=tuple(known[author]["name"] for author in ids),
        sections=tuple(sections),
    )
