"""Check a built wheel and sdist before they are published (the release workflow and the tests).

A site maintainer only runs ``pip install mkdocs-lessons``: a template, asset or schema that
package-data leaves out is missing for them and nowhere else, since the checkout has it. So the
files that must ship are taken from the source tree, not from a list kept here, and any data file
added later is checked without editing this script.

Usage: python tools/check_dist.py [--source PACKAGE_DIR] WHEEL SDIST
(or a folder holding both, as ``python -m build`` leaves them in ``dist/``)
Exits 0 when both are complete, 1 with one line per problem otherwise, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "mkdocs_lessons"
LICENSE_FILE = "LICENSE"
# Compiled files are made on the user's machine; everything else in the package folder ships.
NOT_SHIPPED_SUFFIXES = (".pyc", ".pyo")


def package_files(source: Path) -> tuple[list[str], list[str]]:
    """The package's modules and its data files, as paths relative to its folder."""
    modules: list[str] = []
    data: list[str] = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        # Editor and OS leftovers (.DS_Store, .foo.swp) are not part of the package.
        if not path.is_file() or "__pycache__" in relative.parts:
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix in NOT_SHIPPED_SUFFIXES:
            continue
        (modules if path.suffix == ".py" else data).append(relative.as_posix())
    return modules, data


def wheel_contents(wheel: Path) -> tuple[set[str], Message]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_names = [
            n for n in names if n.endswith(".dist-info/METADATA") and n.count("/") == 1
        ]
        if len(metadata_names) != 1:
            raise ValueError(
                f"{wheel.name}: expected one *.dist-info/METADATA, found {metadata_names}"
            )
        metadata = archive.read(metadata_names[0]).decode("utf-8")
    return names, HeaderParser().parsestr(metadata)


def sdist_contents(sdist: Path) -> tuple[set[str], Message]:
    with tarfile.open(sdist) as archive:
        members = [member for member in archive.getmembers() if member.isfile()]
        # Every sdist member sits under one top folder (name-version/); drop it.
        names = {str(PurePosixPath(*PurePosixPath(m.name).parts[1:])) for m in members}
        pkg_info = next(
            (m for m in members if PurePosixPath(m.name).parts[1:] == ("PKG-INFO",)), None
        )
        if pkg_info is None:
            raise ValueError(f"{sdist.name}: no PKG-INFO at its top")
        stream = archive.extractfile(pkg_info)
        assert stream is not None  # a regular file member always has a stream
        metadata = stream.read().decode("utf-8")
    return names, HeaderParser().parsestr(metadata)


def declared_license(pyproject: Path) -> str | None:
    if not pyproject.is_file():
        return None
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    value = project.get("license")
    return value if isinstance(value, str) else None


def license_problems(label: str, metadata: Message, expected: str | None) -> list[str]:
    problems: list[str] = []
    expression = metadata.get("License-Expression")
    if not expression:
        problems.append(f"{label}: the metadata names no license (no License-Expression field)")
    elif expected is not None and expression != expected:
        problems.append(
            f"{label}: the metadata's License-Expression is {expression!r}, pyproject.toml says "
            f"{expected!r}"
        )
    if LICENSE_FILE not in metadata.get_all("License-File", []):
        problems.append(
            f"{label}: the metadata lists no License-File {LICENSE_FILE} "
            f'(pyproject.toml: license-files = ["{LICENSE_FILE}"])'
        )
    return problems


def check(wheel: Path, sdist: Path, source: Path) -> list[str]:
    """Every problem found, one message each; an empty list means both files can be published."""
    modules, data = package_files(source)
    if not data:
        return [f"{source}: no data files found; is this the package folder?"]
    problems: list[str] = []
    expected_license = declared_license(source.parents[1] / "pyproject.toml")

    wheel_names, wheel_metadata = wheel_contents(wheel)
    for relative in data:
        if f"{PACKAGE}/{relative}" not in wheel_names:
            problems.append(
                f"{wheel.name}: misses {PACKAGE}/{relative} (add its pattern to "
                "[tool.setuptools.package-data] in pyproject.toml)"
            )
    for relative in modules:
        if f"{PACKAGE}/{relative}" not in wheel_names:
            problems.append(f"{wheel.name}: misses the module {PACKAGE}/{relative}")
    # Metadata 2.4 puts license files under .dist-info/licenses/, older tools in .dist-info/.
    license_places = (f".dist-info/licenses/{LICENSE_FILE}", f".dist-info/{LICENSE_FILE}")
    if not any(name.count("/") <= 2 and name.endswith(license_places) for name in wheel_names):
        problems.append(f"{wheel.name}: misses the {LICENSE_FILE} file")
    problems += license_problems(wheel.name, wheel_metadata, expected_license)

    sdist_names, sdist_metadata = sdist_contents(sdist)
    # pip builds a wheel from the sdist where no wheel fits, so the sdist must hold it all too.
    source_prefix = source.relative_to(source.parents[1]).as_posix()
    for relative in data + modules:
        if f"{source_prefix}/{relative}" not in sdist_names:
            problems.append(f"{sdist.name}: misses {source_prefix}/{relative}")
    if LICENSE_FILE not in sdist_names:
        problems.append(f"{sdist.name}: misses the {LICENSE_FILE} file at its top")
    problems += license_problems(sdist.name, sdist_metadata, expected_license)
    return problems


def find_dists(arguments: list[Path]) -> tuple[Path, Path]:
    files: list[Path] = []
    for argument in arguments:
        files += sorted(argument.iterdir()) if argument.is_dir() else [argument]
    wheels = [f for f in files if f.name.endswith(".whl")]
    sdists = [f for f in files if f.name.endswith(".tar.gz")]
    if len(wheels) != 1 or len(sdists) != 1:
        raise ValueError(
            f"expected one wheel (.whl) and one sdist (.tar.gz), got {len(wheels)} and "
            f"{len(sdists)} in: {', '.join(str(a) for a in arguments)}"
        )
    return wheels[0], sdists[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dists", nargs="+", type=Path, help="the wheel and sdist, or their folder")
    parser.add_argument(
        "--source",
        type=Path,
        default=REPO / "plugins" / PACKAGE,
        help="the package folder whose files must ship (default: this checkout's)",
    )
    options = parser.parse_args(argv)
    try:
        wheel, sdist = find_dists(options.dists)
        problems = check(wheel, sdist, options.source.resolve())
    except (OSError, ValueError, tarfile.TarError, zipfile.BadZipFile) as error:
        print(f"check_dist: {error}", file=sys.stderr)
        return 2
    if problems:
        for problem in problems:
            print(f"check_dist: {problem}", file=sys.stderr)
        print(
            f"check_dist: {len(problems)} problem(s); do not publish these files", file=sys.stderr
        )
        return 1
    modules, data = package_files(options.source.resolve())
    print(
        f"check_dist: {wheel.name} and {sdist.name} hold all {len(modules)} modules, "
        f"{len(data)} data files and the {LICENSE_FILE}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
