"""What each article parsed into, kept between builds so that a rebuild parses only
the articles that are new or changed.

Parsing is nearly all of a build's time; resolution, which merges actors across
articles, is cheap and always runs over every article, so an incremental build gives
exactly the graph a clean build gives. An entry is keyed by the article's content
hash together with the extractor's fingerprint (the spaCy pipeline and version, and
Parley's own code and data files), so any change to either is a miss.

The cache is one SQLite file: a build that is killed leaves it as it was before the
last committed transaction, never half-written. Entries are plain data, never code:
each ``ArticleResult`` as JSON (compressed), its records in one table a class and every
link between them (a mention's antecedent, the proposal a rejection answers, the
mentions a frame names) an index into those tables, so that the records come back with
the same objects shared as before. The file carries its format (``SCHEMA``); a file of
another format, a file that is not SQLite, or an entry that does not decode into
records of the expected shape is ignored with a one-line warning and its articles are
parsed again. The same plain form carries parsed records back from Dask workers.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import sys
import types
import typing
import zlib
from functools import cache
from pathlib import Path

from .records import Article, ArticleResult, Frame, Mention

PACKAGE_DIR = Path(__file__).resolve().parent
COMMIT_EVERY = 50
#: The layout of the file and of its entries. Change it with any change to how records
#: are written below; a file of another format is ignored (the records' own fields are
#: part of the extractor's fingerprint, so a change to ``records.py`` is a miss anyway).
SCHEMA = "parley-parse-cache 2 (json)"
#: The records an entry holds, and the one it is the record of.
RECORD_CLASSES = (ArticleResult, Article, Mention, Frame)
ROOT = ArticleResult


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


# -- records as plain data -------------------------------------------------------------

class RecordFormatError(ValueError):
    """Bytes that do not decode into Parley's records: damaged, or not written by Parley."""


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    name: str
    hint: object  # the field's type
    link: type | None = None  # the record class a link field points at
    many: bool = False  # a list of links


@cache
def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """How each field of a record class is written: a plain value, or links (indices)."""
    specs = []
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint in RECORD_CLASSES:
            specs.append(FieldSpec(f.name, hint, link=hint))
        elif origin is list and args[0] in RECORD_CLASSES:
            specs.append(FieldSpec(f.name, hint, link=args[0], many=True))
        elif origin in (typing.Union, types.UnionType) and set(args) & set(RECORD_CLASSES):
            (linked,) = set(args) - {type(None)}
            specs.append(FieldSpec(f.name, hint, link=linked))
        else:
            specs.append(FieldSpec(f.name, hint))
    return tuple(specs)


@cache
def checker(hint) -> typing.Callable[[object], bool]:
    """A test of whether a value read from JSON has the type a record field declares."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        alternatives = [checker(arg) for arg in args]
        return lambda value: any(check(value) for check in alternatives)
    if hint is type(None):
        return lambda value: value is None
    if origin is list:
        item = checker(args[0])
        return lambda value: type(value) is list and all(map(item, value))
    if origin is dict:
        key, item = checker(args[0]), checker(args[1])
        return lambda value: type(value) is dict and all(key(k) and item(v) for k, v in value.items())
    if origin is typing.Literal:
        return lambda value: type(value) is str and value in args
    if hint in (str, int, bool, float):  # exactly: JSON's true is no int here
        return lambda value: type(value) is hint
    raise TypeError(f"no plain form for {hint}")


def to_plain(result: ArticleResult) -> dict:
    """The records of one article as JSON-able data: ``{class name: [record, ...]}``, each
    record a dict of its fields, each link the index of the record it points at. The
    article's ``ArticleResult`` is record 0 of its table."""
    tables: dict[type, list] = {cls: [] for cls in RECORD_CLASSES}
    index: dict[int, int] = {}  # id(record) -> its place in its table

    def ref(record) -> int:
        if id(record) not in index:
            index[id(record)] = len(tables[type(record)])
            tables[type(record)].append(record)
        return index[id(record)]

    ref(result)
    plain: dict[str, list] = {cls.__name__: [] for cls in RECORD_CLASSES}
    grew = True
    while grew:  # writing a record may find records not yet written
        grew = False
        for cls, records in tables.items():
            rows = plain[cls.__name__]
            while len(rows) < len(records):
                record, row = records[len(rows)], {}
                rows.append(row)
                for spec in field_specs(cls):
                    value = getattr(record, spec.name)
                    if spec.link is None:
                        row[spec.name] = value
                    elif spec.many:
                        row[spec.name] = [ref(item) for item in value]
                    else:
                        row[spec.name] = None if value is None else ref(value)
                grew = True
    return plain


def from_plain(plain) -> ArticleResult:
    """The records ``to_plain`` wrote, with the same objects shared; anything else raises
    ``RecordFormatError``."""
    if not isinstance(plain, dict) or set(plain) != {cls.__name__ for cls in RECORD_CLASSES}:
        raise RecordFormatError("not a table of Parley's records")
    tables: dict[type, list] = {}
    for cls in RECORD_CLASSES:  # first every record with its plain fields ...
        rows = plain[cls.__name__]
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise RecordFormatError(f"{cls.__name__}: not a list of records")
        specs = field_specs(cls)
        records = []
        for row in rows:
            if set(row) != {spec.name for spec in specs}:
                raise RecordFormatError(f"{cls.__name__}: fields {sorted(row)}")
            values = {}
            for spec in specs:
                if spec.link is None and not checker(spec.hint)(row[spec.name]):
                    raise RecordFormatError(f"{cls.__name__}.{spec.name}: {row[spec.name]!r:.60}")
                values[spec.name] = row[spec.name] if spec.link is None else None
            records.append(cls(**values))
        tables[cls] = records

    def linked(cls: type, i) -> object:
        if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < len(tables[cls]):
            raise RecordFormatError(f"no {cls.__name__} {i!r:.20}")
        return tables[cls][i]

    for cls in RECORD_CLASSES:  # ... then the links between them
        for record, row in zip(tables[cls], plain[cls.__name__]):
            for spec in field_specs(cls):
                if spec.link is None:
                    continue
                value = row[spec.name]
                if spec.many:
                    if not isinstance(value, list):
                        raise RecordFormatError(f"{cls.__name__}.{spec.name}: not a list")
                    setattr(record, spec.name, [linked(spec.link, i) for i in value])
                elif value is not None or spec.hint is spec.link:
                    setattr(record, spec.name, linked(spec.link, value))
    if len(tables[ROOT]) != 1:
        raise RecordFormatError(f"{len(tables[ROOT])} {ROOT.__name__} records, not one")
    return tables[ROOT][0]


def dumps(result: ArticleResult) -> bytes:
    """One article's records as compressed JSON."""
    return zlib.compress(json.dumps(to_plain(result), separators=(",", ":")).encode("ascii"))


def loads(data: bytes) -> ArticleResult:
    """The records ``dumps`` wrote; ``RecordFormatError`` for anything else. Only JSON is
    ever read: nothing in the bytes can run."""
    try:
        return from_plain(json.loads(zlib.decompress(data)))
    except RecordFormatError:
        raise
    except (zlib.error, TypeError, ValueError, RecursionError) as exc:
        raise RecordFormatError(f"{type(exc).__name__}: {exc}") from None


# -- the cache file ---------------------------------------------------------------------

def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


class ParseCache:
    """``digest -> ArticleResult`` in ``path`` (SQLite); ``None`` path keeps nothing.

    A file that cannot be used (not SQLite, damaged, of another format) is replaced by
    an empty one, and an entry that does not decode is a miss: each is said once, in one
    line on stderr, and costs only the time to parse those articles again."""

    def __init__(self, path: Path | None, extractor: str):
        self.path = path
        self.extractor = extractor
        self.used: set[str] = set()
        self.hits = 0
        self.unsaved = 0
        self.warned = False
        self.db = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self.db = self._open()
            except OtherFormat as exc:
                self._discard(str(exc))
            except sqlite3.DatabaseError as exc:
                self._discard(f"it is not a readable SQLite file ({exc})")

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
                db.execute("CREATE TABLE parsed (key TEXT PRIMARY KEY, record BLOB)")
                db.commit()
                return db
            found = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone() if "meta" in tables else None
        except BaseException:
            db.close()
            raise
        if found != (SCHEMA,):
            db.close()
            if found:
                raise OtherFormat(f"it was written by another version of Parley (format '{found[0]}')")
            if "parsed" in tables:
                raise OtherFormat("it was written by an older Parley (pickled records, which are never loaded)")
            raise OtherFormat(f"it holds other tables ({', '.join(sorted(tables))})")
        return db

    def _discard(self, reason: str) -> None:
        """Say once why the file is ignored, and start an empty one in its place."""
        self._say(reason)
        if self.db is not None:
            self.db.close()
        self.unsaved = 0
        for stale in (self.path, self.path.with_name(self.path.name + "-journal")):
            stale.unlink(missing_ok=True)
        self.db = self._open()

    def _say(self, reason: str) -> None:
        if not self.warned:
            warn(f"ignoring the parse cache {self.path}: {reason}; its articles are parsed again")
            self.warned = True

    def key(self, article_digest: str) -> str:
        return hashlib.sha256(f"{self.extractor}:{article_digest}".encode()).hexdigest()

    def get(self, article_digest: str) -> ArticleResult | None:
        key = self.key(article_digest)
        self.used.add(key)
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT record FROM parsed WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._discard(f"it is damaged ({exc})")
            return None
        if row is None:
            return None
        try:
            result = loads(row[0])
        except RecordFormatError as exc:
            self._say(f"an entry does not decode ({exc})")
            return None
        self.hits += 1
        return result

    def put(self, article_digest: str, result: ArticleResult, *, encoded: bytes | None = None) -> None:
        """Keep ``result`` (``encoded``: its ``dumps``, when the caller has it already)."""
        key = self.key(article_digest)
        self.used.add(key)
        if self.db is not None:
            self.db.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?)", (key, encoded or dumps(result)))
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


class OtherFormat(sqlite3.DatabaseError):
    """A readable cache file written in another format than ``SCHEMA``."""
