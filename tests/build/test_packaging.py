"""What ``pip install mkdocs-lessons`` gives a site maintainer works, and the README says truly
where ``make serve`` answers.

The sdist and wheel are built from a copy of the checkout as the release workflow builds them
(``python -m build``, isolated, so setuptools comes from the index as on a clean machine), then
installed into fresh virtual environments whose sites are built with ``--strict``: a template
or asset that package-data leaves out breaks only an installed copy, never the checkout.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.build.test_serve import free_port, wait_for
from tests.sources import ADA, empty_site

REPO = Path(__file__).resolve().parents[2]
CHECK_DIST = REPO / "tools" / "check_dist.py"
PACKAGE = REPO / "plugins" / "mkdocs_lessons"
# What `mkdocs serve` listens on when neither the command line nor mkdocs.yml says otherwise.
MKDOCS_DEFAULT_DEV_ADDR = "127.0.0.1:8000"


def clean_env() -> dict[str, str]:
    """The environment of a subprocess that must not see the checkout or the project venv."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=300,
    )


def copy_checkout(destination: Path) -> Path:
    """The files git knows of (tracked or new, not ignored), as they are in the working tree.

    Not a copy of the folder: .venv, site/, build/ and egg-info there would hide what a fresh
    clone lacks.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for relative in filter(None, listed.split("\0")):
        source = REPO / relative
        if source.is_file():  # tracked but deleted in the working tree: not there
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@dataclass
class Dists:
    wheel: Path
    sdist: Path


@dataclass
class Installed:
    """A virtual environment with mkdocs-lessons installed, and a site built with it."""

    venv: Path
    module_file: Path
    site: Path
    build: subprocess.CompletedProcess[str]

    @property
    def bin(self) -> Path:
        return self.venv / "bin"


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    source = copy_checkout(tmp_path_factory.mktemp("release-checkout"))
    out = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "build", "--outdir", out, ".", cwd=source)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return Dists(wheel=wheels[0], sdist=sdists[0])


def fresh_venv(path: Path) -> Path:
    # with_pip: the venv's own pip, so nothing resolves through the project's environment.
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path


def installed_module_file(venv_dir: Path, cwd: Path) -> Path:
    shown = run(
        venv_dir / "bin" / "python",
        "-c",
        "import mkdocs_lessons; print(mkdocs_lessons.__file__)",
        cwd=cwd,
    )
    assert shown.returncode == 0, shown.stderr
    return Path(shown.stdout.strip())


@pytest.fixture(scope="module")
def wheel_install(tmp_path_factory: pytest.TempPathFactory, dists: Dists) -> Installed:
    """The wheel alone in a clean venv (its dependencies from the index), then a scaffolded site
    built by that venv's commands: the CLI, the scaffold templates, the page templates and the
    assets all have to come out of the wheel."""
    venv_dir = fresh_venv(tmp_path_factory.mktemp("wheel-venv"))
    done = run(venv_dir / "bin" / "python", "-m", "pip", "install", "-q", dists.wheel, cwd=venv_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    root = tmp_path_factory.mktemp("wheel-site")
    empty_site(root, "Installed", authors=ADA)
    cli = venv_dir / "bin" / "mkdocs-lessons"
    for args in (["new", "course", "cloud"], ["new", "lesson", "cloud", "roles"]):
        done = run(cli, *args, cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
    build = run(venv_dir / "bin" / "mkdocs", "build", "--strict", cwd=root)
    return Installed(venv_dir, installed_module_file(venv_dir, root), root / "site", build)


@pytest.fixture(scope="module")
def checkout_install(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """``pip install .`` from a fresh copy of the checkout, then the example site built with it."""
    source = copy_checkout(tmp_path_factory.mktemp("install-checkout"))
    venv_dir = fresh_venv(tmp_path_factory.mktemp("checkout-venv"))
    done = run(venv_dir / "bin" / "python", "-m", "pip", "install", "-q", ".", cwd=source)
    assert done.returncode == 0, done.stderr[-3000:]
    site = tmp_path_factory.mktemp("checkout-site")
    build = run(venv_dir / "bin" / "mkdocs", "build", "--strict", "--site-dir", site, cwd=source)
    return Installed(venv_dir, installed_module_file(venv_dir, source), site, build)


def page(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


def assert_lesson_assets_exist(site: Path, relative: str) -> None:
    """The lesson page's own JS and CSS are linked and were written into the site."""
    soup = page(site, relative)
    base = "https://site.invalid/" + relative
    linked = [tag["src"] for tag in soup.select("script[src]")] + [
        tag["href"] for tag in soup.select("link[rel=stylesheet][href]")
    ]
    ours = [str(url) for url in linked if "lessons" in urlsplit(str(url)).path.rsplit("/", 1)[-1]]
    assert any(url.split("?")[0].endswith(".js") for url in ours), linked
    assert any(url.split("?")[0].endswith(".css") for url in ours), linked
    for url in ours:
        target = site / urlsplit(urljoin(base, url)).path.lstrip("/")
        assert target.is_file() and target.stat().st_size > 0, f"{url} is not in the site"


# --- the built files ----------------------------------------------------------------------------


def test_twine_accepts_the_sdist_and_the_wheel(dists: Dists) -> None:
    checked = run(
        sys.executable, "-m", "twine", "check", "--strict", dists.wheel, dists.sdist, cwd=REPO
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_dist_finds_every_file_of_the_package_in_the_build(dists: Dists) -> None:
    checked = run(sys.executable, CHECK_DIST, dists.wheel, dists.sdist, cwd=REPO)
    assert checked.returncode == 0, checked.stderr
    data_files = [
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert f"{len(data_files)} data files" in checked.stdout, checked.stdout


def test_the_wheel_holds_the_license_and_names_it(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as wheel:
        names = wheel.namelist()
        metadata = next(wheel.read(n) for n in names if n.endswith(".dist-info/METADATA"))
        license_text = next(
            wheel.read(n) for n in names if n.endswith(".dist-info/licenses/LICENSE")
        )
    assert license_text == (REPO / "LICENSE").read_bytes()
    assert b"\nLicense-Expression: MIT\n" in metadata
    assert b"\nLicense-File: LICENSE\n" in metadata
    assert b"\nProject-URL: Changelog, " in metadata


def without_member(archive: Path, unwanted: str, destination: Path) -> Path:
    """A copy of a wheel or sdist with one member left out (what a package-data slip makes)."""
    target = destination / archive.name
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
            for item in source.infolist():
                if item.filename != unwanted:
                    copy.writestr(item, source.read(item))
    else:
        with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
            for member in source.getmembers():
                if member.name != unwanted:
                    copy.addfile(member, source.extractfile(member) if member.isfile() else None)
    return target


def test_check_dist_fails_when_the_wheel_misses_a_template(dists: Dists, tmp_path: Path) -> None:
    template = sorted((PACKAGE / "templates").rglob("*.html"))[0].relative_to(PACKAGE).as_posix()
    wheel = without_member(dists.wheel, f"mkdocs_lessons/{template}", tmp_path)
    checked = run(sys.executable, CHECK_DIST, wheel, dists.sdist, cwd=REPO)
    assert checked.returncode == 1
    assert f"misses mkdocs_lessons/{template}" in checked.stderr, checked.stderr


def test_check_dist_fails_when_the_sdist_misses_the_license(dists: Dists, tmp_path: Path) -> None:
    top = dists.sdist.name.removesuffix(".tar.gz")
    sdist = without_member(dists.sdist, f"{top}/LICENSE", tmp_path)
    checked = run(sys.executable, CHECK_DIST, dists.wheel, sdist, cwd=REPO)
    assert checked.returncode == 1
    assert f"{sdist.name}: misses the LICENSE file" in checked.stderr, checked.stderr


def test_check_dist_takes_its_list_from_the_source_tree(dists: Dists, tmp_path: Path) -> None:
    """A data file added later is required without editing the script."""
    source = tmp_path / "plugins" / "mkdocs_lessons"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__"))
    (source / "assets" / "js" / "added-later.js").write_text("// new\n", encoding="utf-8")
    checked = run(
        sys.executable, CHECK_DIST, "--source", source, dists.wheel, dists.sdist, cwd=REPO
    )
    assert checked.returncode == 1
    assert "misses mkdocs_lessons/assets/js/added-later.js" in checked.stderr, checked.stderr


# --- installed, not the checkout ------------------------------------------------------------------


@pytest.mark.parametrize("install", ["wheel_install", "checkout_install"])
def test_the_installed_package_is_the_one_imported(
    install: str, request: pytest.FixtureRequest
) -> None:
    installed: Installed = request.getfixturevalue(install)
    assert installed.module_file.is_relative_to(installed.venv), installed.module_file
    assert "site-packages" in installed.module_file.parts
    assert not installed.module_file.is_relative_to(REPO)


def test_a_scaffolded_site_builds_with_the_installed_wheel(wheel_install: Installed) -> None:
    assert wheel_install.build.returncode == 0, wheel_install.build.stderr
    assert "WARNING" not in wheel_install.build.stderr, wheel_install.build.stderr
    lesson = page(wheel_install.site, "lessons/cloud/roles/index.html")
    assert lesson.select_one(".lessons-walkthrough") is not None
    assert lesson.select_one("form.lessons-question") is not None
    assert lesson.select_one("nav.lessons-map") is not None
    assert lesson.select_one("a.lessons-term") is not None
    assert_lesson_assets_exist(wheel_install.site, "lessons/cloud/roles/index.html")


def test_the_example_site_builds_after_pip_install_dot(checkout_install: Installed) -> None:
    assert checkout_install.build.returncode == 0, checkout_install.build.stderr
    assert "WARNING" not in checkout_install.build.stderr, checkout_install.build.stderr
    site = checkout_install.site
    lessons = [p.relative_to(site).as_posix() for p in sorted(site.glob("lessons/*/*/index.html"))]
    # The example lesson shows every feature: each one's template had to be installed.
    full = [path for path in lessons if page(site, path).select_one(".lessons-walkthrough")]
    assert full, f"no lesson with a walkthrough among {lessons}"
    lesson = page(site, full[0])
    assert lesson.select_one("form.lessons-question") is not None
    assert lesson.select_one("nav.lessons-map") is not None
    assert lesson.select_one("a.lessons-term") is not None
    assert_lesson_assets_exist(site, full[0])


# --- the README's serve address -------------------------------------------------------------------


class TaggedValuesLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name and !ENV tags; their values do not matter here."""


TaggedValuesLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def readme_serve_url() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"^```[^\n]*\n(.*?)^```", readme, re.DOTALL | re.MULTILINE)
    assert first_block is not None, "the README has no code block"
    serve_line = next(
        (line for line in first_block.group(1).splitlines() if line.startswith("make serve")), None
    )
    assert serve_line is not None, "the README's first code block has no `make serve` line"
    found = re.search(r"https?://\S+", serve_line)
    assert found is not None, f"no address on the README's serve line: {serve_line!r}"
    return found.group(0)


def expected_serve_url() -> str:
    """Where `make serve` listens: the Makefile's --dev-addr, else mkdocs.yml's dev_addr, else
    MkDocs' default; under the path of site_url, where `mkdocs serve` mounts the site."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), TaggedValuesLoader)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    serve_recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert serve_recipe is not None, "the Makefile has no serve target"
    flag = re.search(r"--dev-addr[ =](\S+)", serve_recipe.group(1))
    address = flag.group(1) if flag else config.get("dev_addr") or MKDOCS_DEFAULT_DEV_ADDR
    path = urlsplit(config.get("site_url") or "/").path
    # MkDocs' own normalisation of the mount path (livereload._normalize_mount_path).
    path = ("/" + path.lstrip("/")).rstrip("/") + "/"
    return f"http://{address}{path}"


def test_the_readme_gives_the_address_make_serve_listens_at() -> None:
    assert readme_serve_url() == expected_serve_url()
    assert urlsplit(expected_serve_url()).path == "/mkdocs-lessons/"  # this repo's site_url


@pytest.fixture(scope="module")
def example_server() -> Iterator[int]:
    """``mkdocs serve`` on the repository's mkdocs.yml, on a free port."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--no-livereload",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--config-file",
            str(REPO / "mkdocs.yml"),
        ],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(port: int, path: str) -> http.client.HTTPResponse:
    """One request, redirects not followed, so the test sees what the server itself answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_mkdocs_serve_answers_at_the_readmes_path(example_server: int) -> None:
    path = urlsplit(readme_serve_url()).path
    site_name = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), TaggedValuesLoader)[
        "site_name"
    ]
    url = f"http://127.0.0.1:{example_server}{path}"
    assert wait_for(url, f"<title>{site_name}</title>", 60), f"no home page at {url}"
    assert get(example_server, path).status == 200


def test_mkdocs_serve_redirects_the_bare_root_to_the_site_path(example_server: int) -> None:
    path = urlsplit(readme_serve_url()).path
    assert wait_for(f"http://127.0.0.1:{example_server}{path}", "</html>", 60)
    root = get(example_server, "/")
    # The root is not the home page: MkDocs answers 302 to site_url's path.
    assert root.status == 302
    assert root.getheader("Location") == path
