"""One writer at a time in a build folder.

``kg build``, ``kg query --allow-update`` on the store and ``kg serve --allow-update``
take an exclusive lock on ``OUT/.kg.lock`` (``flock``) before they change anything in
the folder, and write their process id and command into the file, so that a second
writer can say which process holds the folder. The kernel drops the lock when the
holder exits, however it exits: a killed build leaves no stale lock behind.

Readers take no lock; they only skip repairing an interrupted store swap
(:func:`kg.store.recover`) while a writer holds the folder, since the writer's own
half-written store would look like debris.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

try:
    import fcntl
except ImportError:  # not POSIX: no locking (the docs say Parley runs on Linux and macOS)
    fcntl = None

LOCK_FILE = ".kg.lock"
#: How long a writer retries before it calls the folder busy: readers hold the lock for
#: the few milliseconds a store repair takes.
GRACE_SECONDS = 2.0


class FolderBusy(Exception):
    """Another process holds the folder; the message names it."""


def lock_path(folder: Path) -> Path:
    return Path(folder) / LOCK_FILE


def holder(folder: Path) -> str:
    """Who holds the folder, as the lock file says: 'kg build (process 1234, since 22:03:10)'."""
    try:
        lines = lock_path(folder).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    if len(lines) >= 3 and lines[0].isdigit():
        return f"{lines[1]} (process {lines[0]}, since {lines[2]})"
    return "another process"


class FolderLock:
    """An exclusive lock on a build folder, held from :meth:`acquire` to :meth:`release`."""

    def __init__(self, folder: Path, what: str):
        self.folder = Path(folder)
        self.what = what
        self.fd: int | None = None

    def acquire(self, *, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> FolderLock:
        """Take the lock. Busy: with ``wait``, call ``on_wait(holder)`` and block until
        it is free; else raise :class:`FolderBusy` naming the holder."""
        if fcntl is None:
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(self.folder), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            if not try_lock(fd, GRACE_SECONDS):
                who = holder(self.folder)
                if not wait:
                    raise FolderBusy(f"{who} is writing {self.folder}; wait for it to finish, or run "
                                     "again with --wait to start when it has")
                if on_wait is not None:
                    on_wait(who)
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            since = datetime.now().isoformat(timespec="seconds")
            os.pwrite(fd, f"{os.getpid()}\n{self.what}\n{since}\n".encode("utf-8"), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        os.close(fd)  # closing the last descriptor drops the lock

    def __enter__(self) -> FolderLock:
        return self.acquire() if self.fd is None else self

    def __exit__(self, *exc) -> None:
        self.release()


def try_lock(fd: int, grace: float = 0.0) -> bool:
    """Take an exclusive lock on ``fd`` without blocking, retrying for ``grace`` seconds."""
    deadline = time.monotonic() + grace
    for _ in range(max(1, int(grace / 0.05) + 1)):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
    return False


@contextmanager
def unless_busy(folder: Path) -> Iterator[bool]:
    """``True`` (holding the lock meanwhile) when no writer holds the folder, else
    ``False``. A folder without a lock file, or one this process cannot open, has no
    writer that locks, so it counts as free."""
    if fcntl is None:
        yield True
        return
    fd = None
    for flags in (os.O_RDWR, os.O_RDONLY):
        try:
            fd = os.open(lock_path(folder), flags | getattr(os, "O_CLOEXEC", 0))
            break
        except OSError:
            continue
    if fd is None:
        yield True
        return
    try:
        yield try_lock(fd)
    finally:
        os.close(fd)
