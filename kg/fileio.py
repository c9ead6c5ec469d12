"""Writing output files safely: a reader never sees a half-written file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write_atomic(path: Path, data: str) -> Path:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
    return replace_atomic(path, write)


def replace_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Have ``write`` fill a temporary file beside ``path`` (by its path: a writer that
    streams, like Oxigraph's, writes there itself), then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())  # as open() would have made it, not mkstemp's 0600
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
