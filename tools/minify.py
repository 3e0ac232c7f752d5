"""Write ``assets/lessons.min.js``: the lesson script minified by terser (``make assets``).

The lesson script is joined from the modules in ``assets/js`` at build time
(``core.assets.script_source``); this minifies that script with the terser pinned in
``tools/js/package.json`` (compress and mangle: local names only, the script is not a module so
its globals keep their names) and heads the result with the digest of what it was made from,
so that the build serves it only while the modules are unchanged.

    python tools/minify.py          write the file
    python tools/minify.py --check  exit 1 if the file is missing or was made from other modules
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from mkdocs_lessons.core.assets import (
    MINIFIED_SCRIPT,
    minified_header,
    minified_script,
    script_source,
)

TERSER = Path(__file__).resolve().parent / "js" / "node_modules" / "terser" / "bin" / "terser"


def minify(source: str) -> str:
    """``source`` as terser compresses and mangles it."""
    if not TERSER.exists():
        sys.exit(f"{TERSER} is missing: run `make assets` (npm ci --prefix tools/js)")
    done = subprocess.run(
        ["node", str(TERSER), "--compress", "--mangle", "--ecma", "2020"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"terser failed:\n{done.stderr}")
    return done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    arguments = parser.parse_args()
    source = script_source()
    if arguments.check:
        if minified_script(source) is None:
            print(f"{MINIFIED_SCRIPT} is stale or missing: run `make assets`", file=sys.stderr)
            return 1
        return 0
    MINIFIED_SCRIPT.write_text(f"{minified_header(source)}\n{minify(source)}\n", encoding="utf-8")
    print(f"wrote {MINIFIED_SCRIPT} ({MINIFIED_SCRIPT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
