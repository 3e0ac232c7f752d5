"""Running a site maintainer's command on lesson code (``code_checks``, ``code_runs``).

One runner for both, as each runs code that a pull request may have written: the command gets
a minimal environment (no secrets of the build's), what it prints is read up to a cap (a
program printing forever would fill the build machine's memory within its time limit), and
everything it started in its process group is killed when it ends, not only on time-out.
It is no sandbox: the code runs with the rights of whoever builds the site, and a child that
starts a session of its own (a daemon) leaves the group and needs a container to be stopped.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

DETAIL_LIMIT = 200
"""The most characters of a command's own words a message quotes."""
_CHUNK = 65536
# How long the pipes may stay open after the command ended: held by a daemon, they never close.
_GRACE = 0.5
# How often the command is looked at while its pipes are open, to notice that it ended.
_POLL = 0.05


@dataclass(frozen=True)
class Finished:
    """What a command printed (each stream cut at its cap) and how it ended."""

    stdout: str
    stderr: str
    status: int
    """The exit status; meaningless when it was stopped."""
    timed_out: bool = False
    overflow: Literal["stdout", "stderr"] | None = None
    """The stream that went past its cap, for which the command was stopped."""


def minimal_environment(home: Path) -> dict[str, str]:
    """The variables a command gets: enough to find programs and read UTF-8, none of the
    build's own (CI secrets), a home and a temporary folder of its own, stable hashes (a
    printed set is in the same order at every build)."""
    environment = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(home),
        "TMPDIR": str(home),
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if sys.platform == "win32":
        # Windows programs fail to start without SYSTEMROOT, and look for TEMP, not TMPDIR.
        if "SYSTEMROOT" in os.environ:
            environment["SYSTEMROOT"] = os.environ["SYSTEMROOT"]
        environment["TEMP"] = environment["TMP"] = str(home)
    return environment


def run_command(
    words: Sequence[str],
    *,
    home: Path,
    cwd: Path | None,
    timeout: float,
    max_stdout: int,
    max_stderr: int,
) -> Finished:
    """Run ``words`` in ``cwd`` (None: the current folder) with :func:`minimal_environment`
    of ``home``, for at most ``timeout`` seconds. Raises OSError if it cannot start."""
    process = subprocess.Popen(
        list(words),
        cwd=cwd,
        env=minimal_environment(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # Its own session, so that what it starts is in its group, which is killed at the end.
        start_new_session=True,
    )
    buffers = (bytearray(), bytearray())
    ended: queue.Queue[bool] = queue.Queue()
    readers = [
        threading.Thread(target=_read, args=(pipe, cap, buffer, ended), daemon=True)
        for pipe, cap, buffer in zip(
            (process.stdout, process.stderr), (max_stdout, max_stderr), buffers, strict=True
        )
    ]
    deadline = time.monotonic() + timeout
    open_pipes, timed_out, overflow = len(readers), False, False
    try:
        for reader in readers:
            reader.start()
        exited_at: float | None = None
        while open_pipes and not overflow:
            now = time.monotonic()
            if exited_at is None and process.poll() is not None:
                # What it left running in its group would hold the pipes open until stopped.
                _kill_group(process)
                exited_at = now
            until = deadline if exited_at is None else exited_at + _GRACE
            if now >= until:
                timed_out = exited_at is None
                break  # after the grace, a daemon holds the pipes: what was read is kept
            try:
                overflow = ended.get(timeout=min(until - now, _POLL))
            except queue.Empty:
                continue
            open_pipes -= 1
        if not overflow and not timed_out:
            try:  # it may close its pipes and go on running
                process.wait(timeout=max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                timed_out = True
    finally:
        _stop(process)
    for reader in readers:
        reader.join(_GRACE)
    caps = (max_stdout, max_stderr)
    stdout, stderr = (bytes(buffer[:cap]) for buffer, cap in zip(buffers, caps, strict=True))
    over: Literal["stdout", "stderr"] | None = None
    if overflow:
        over = "stdout" if len(buffers[0]) > max_stdout else "stderr"
    return Finished(
        stdout.decode("utf-8", "replace"),
        stderr.decode("utf-8", "replace"),
        process.returncode,
        timed_out=timed_out and not overflow,
        overflow=over,
    )


def _read(pipe: IO[bytes], cap: int, into: bytearray, ended: queue.Queue[bool]) -> None:
    """Read ``pipe`` into ``into`` until it closes or holds more than ``cap`` bytes; then say
    which (True: more than the cap)."""
    over = False
    try:
        while chunk := os.read(pipe.fileno(), _CHUNK):
            into.extend(chunk)
            if len(into) > cap:
                over = True
                break
    except OSError:
        pass
    finally:
        pipe.close()
        ended.put(over)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if sys.platform != "win32":
        # An OSError: the group is gone already.
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and every process of its group, and wait for it."""
    _kill_group(process)
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()


def shortened(text: str, limit: int = DETAIL_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, saying so where it was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}... (cut at {limit} characters)"


def run_on_file(
    template: Sequence[str],
    name: str,
    content: bytes,
    *,
    in_folder: bool,
    timeout: float,
    max_stdout: int,
    max_stderr: int,
) -> tuple[Finished, str]:
    """Run ``template`` on ``content`` written as ``name`` in an empty temporary folder (the
    command's home): each ``{file}`` of its words is the file's path, or the path is added as
    its last word. It runs in that folder (``in_folder``) or in the current one. Returns how
    it ended and the path it had, which its messages name; raises OSError if it cannot start."""
    with tempfile.TemporaryDirectory(prefix="mkdocs-lessons-") as folder:
        path = str(Path(folder) / name)
        Path(path).write_bytes(content)
        words = [word.replace("{file}", path) for word in template]
        if not any(path in word for word in words):
            words.append(path)
        finished = run_command(
            words,
            home=Path(folder),
            cwd=Path(folder) if in_folder else None,
            timeout=timeout,
            max_stdout=max_stdout,
            max_stderr=max_stderr,
        )
    return finished, path
