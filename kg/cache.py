"""What each article parsed into, kept between builds so that a rebuild parses only
the articles that are new or changed.

Parsing is nearly all of a build's time; resolution, which merges actors across
articles, is cheap and always runs over every article, so an incremental build gives
exactly the graph a clean build gives. An entry is keyed by the article's content
hash together with the extractor's fingerprint (the spaCy pipeline and version, and
Parley's own code and data files), so any change to either is a miss.

The cache is one SQLite file: a build that is killed leaves it as it was before the
last committed transaction, never half-written. Entries are pickled ``ArticleResult``
records, so the file is trusted as the user's own, like the rest of ``output/``.
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
from functools import cache
from pathlib import Path

from .records import ArticleResult

PACKAGE_DIR = Path(__file__).resolve().parent
COMMIT_EVERY = 50


# What a parse record depends on: reading and cleaning articles, the spaCy components and
# their word lists, and the records themselves. Resolution, RDF, the store, queries and the
# command line run anew on every build, so a change there must not re-parse a corpus.
EXTRACTION_CODE = ("articles.py", "nlp.py", "doctext.py", "actors.py", "quotes.py", "dates.py", "lexicon.py",
                   "records.py", "deps.py", "pipeline.py", "cache.py", "frames/*.py", "data/*")


def fingerprinted_files() -> list[Path]:
    """The files whose bytes make the extractor's fingerprint."""
    return sorted({p for pattern in EXTRACTION_CODE for p in PACKAGE_DIR.glob(pattern) if p.is_file()})


@cache
def code_fingerprint() -> str:
    """A hash of Parley's extraction code and data: a change to a rule is a cache miss."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(nlp_meta: dict) -> str:
    """The extractor's identity: pipeline name and version, spaCy's version, Parley's code."""
    parts = [nlp_meta.get("lang", ""), nlp_meta.get("name", ""), nlp_meta.get("version", ""),
             nlp_meta.get("spacy_version", ""), code_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ParseCache:
    """``digest -> ArticleResult`` in ``path`` (SQLite); ``None`` path keeps nothing."""

    def __init__(self, path: Path | None, extractor: str):
        self.extractor = extractor
        self.used: set[str] = set()
        self.hits = 0
        self.unsaved = 0
        self.db = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, result BLOB)")

    def key(self, article_digest: str) -> str:
        return hashlib.sha256(f"{self.extractor}:{article_digest}".encode()).hexdigest()

    def get(self, article_digest: str) -> ArticleResult | None:
        key = self.key(article_digest)
        self.used.add(key)
        if self.db is None:
            return None
        row = self.db.execute("SELECT result FROM parsed WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            result = pickle.loads(row[0])
        except Exception:  # written by an older Parley: parse again
            return None
        self.hits += 1
        return result

    def put(self, article_digest: str, result: ArticleResult) -> None:
        key = self.key(article_digest)
        self.used.add(key)
        if self.db is not None:
            self.db.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?)",
                            (key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)))
            self.unsaved += 1
            if self.unsaved >= COMMIT_EVERY:  # an interrupted build keeps what it parsed
                self.db.commit()
                self.unsaved = 0

    def close(self, prune: bool = True) -> None:
        """Commit; with ``prune``, forget the articles this build did not see (removed or
        changed since), so the cache holds only what the last build used."""
        if self.db is None:
            return
        if prune:
            self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
            self.db.execute("DELETE FROM parsed WHERE key NOT IN (SELECT key FROM used)")
        self.db.commit()
        self.db.close()
        self.db = None
