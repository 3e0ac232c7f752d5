"""The bench's ratio in instructions rather than seconds: what one build executes, counted by
valgrind's cachegrind, does not change with the machine's load.

On a shared machine the CPU time of one and the same build moves by 10 to 25 % from run to run,
more than most changes to the build path save. Instruction counts of the same build agree to
about 0.1 %, so this is the tool for telling whether a change makes the build do less:

    .venv/bin/python tools/instructions.py                  # this tree, 40 lessons
    .venv/bin/python tools/instructions.py --tree /tmp/old  # another tree's plugins/ folder

It writes the synthetic sites of tools/bench.py (plugin and plain, 0 and N lessons), builds each
once in-process under ``valgrind --tool=cachegrind --cache-sim=no`` (two at a time) and prints
the instructions per lesson of each variant and their ratio. Instructions are not time: the
plugin's Python runs fewer instructions a second than the Pygments loops it saves, so the time
ratio of `make bench` is higher. The budget is `make bench`'s; this is a yardstick for changes.
Needs valgrind (Debian: `apt-get install valgrind`); 40 lessons take about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # tools/ is not a package: found through the path above

ROOT = Path(__file__).resolve().parent.parent

# A build in the interpreter valgrind runs, without `mkdocs`' command-line start-up: the same in
# every variant, and not what a change to the plugin changes.
BUILD = """
import logging, sys
logging.disable(logging.CRITICAL)
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1])
config["site_dir"] = sys.argv[2]
build(config)
"""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(site: Path, plugins: Path) -> int:
    """The instructions one build of ``site`` executes, the plugin imported from ``plugins``."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(plugins),
        # Dict and set orders, and so some work, depend on the hash seed.
        "PYTHONHASHSEED": "0",
    }
    out = site / "cachegrind.out"
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        f"--cachegrind-out-file={out}",
        sys.executable,
        "-c",
        BUILD,
        str(site / "mkdocs.yml"),
        str(site / "site"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise bench.BuildFailed(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lessons", type=bench.positive, default=40, help="N (default 40)")
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT / "plugins",
        help="the plugins/ folder to import the plugin from (default: this tree's)",
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 1
    n: int = args.lessons
    tmp = Path(tempfile.mkdtemp(prefix="mkdocs-lessons-instructions-"))
    try:
        sites, _ = bench.write_sites(tmp, n)
        with ThreadPoolExecutor(max_workers=2) as pool:
            measured = pool.map(lambda site: instructions(site, args.tree), sites.values())
            counts = dict(zip(sites, measured, strict=True))
    except bench.BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_lesson = {
        variant: (counts[variant, n] - counts[variant, 0]) / n for variant in ("plugin", "plain")
    }
    print(f"mkdocs-lessons instructions: {n} lessons, plugin from {args.tree}")
    for variant in ("plugin", "plain"):
        zero, full = counts[variant, 0] / 1e9, counts[variant, n] / 1e9
        print(
            f"  {variant:<8} {zero:7.3f} G at 0 lessons, {full:7.3f} G at {n}: "
            f"{per_lesson[variant] / 1e6:.1f} M a lesson"
        )
    print(f"plugin/plain instructions per lesson: {per_lesson['plugin'] / per_lesson['plain']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
