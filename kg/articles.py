"""Read articles: text files (with optional front matter) and corpus files (CSV, JSON
Lines: one article a row) into `Article` records.

Web pages pasted as text carry boilerplate: bylines, "Share this Post", "3 Min Read",
photo credits, "Also read" teasers and section headings. They are dropped here by
general rules plus the patterns in ``data/boilerplate.tsv``, so that later stages
read only the article's own sentences. The first heading-like line becomes the title
when the front matter gives none.
"""
from __future__ import annotations

import codecs
import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from . import lexicon
from .dates import read_dateline
from .records import Article

#: File extensions read as articles: plain text, and web pages whose text is extracted.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
#: Corpus files: many articles, one a row.
CSV_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CSV_SUFFIXES + JSONL_SUFFIXES
#: Column names tried, in order, when the user names none ("" is the unnamed index
#: column that pandas writes first).
DEFAULT_COLUMNS = {"text": ("text", "body", "content", "article", "full_text"),
                   "date": ("date", "published", "publication_date", "pubdate", "datetime"),
                   "id": ("id", "doc_id", "article_id", "uuid", ""),
                   "title": ("title", "headline"),
                   "url": ("url", "link", "address", "permalink")}
#: spaCy's default limit on the length of one document; longer inputs are skipped.
MAX_CHARS = 1_000_000
#: A single-article file larger than this is refused before it is read: no article of
#: MAX_CHARS characters, even as a web page with its scripts, comes near it.
MAX_FILE_BYTES = 16 * MAX_CHARS
#: Characters no RDF/XML, HTML or many stores accept in text: C0 controls but tab and
#: newlines. Dropped from article text here, and from every literal by the RDF stage.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
FRONT_MATTER_KEYS = {"title": "title", "date": "date", "url": "url", "address": "url",
                     "source": "url", "id": "id"}
# A line that ends a sentence: final punctuation, possibly followed by a closing quote.
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
# Headings are short; a longer line without final punctuation is still body text.
HEADING_MAX_WORDS = 16
# A list item ("• Trump said Kim wanted all sanctions lifted"): a point of the text, not
# a heading, however short, from this many words on (menus run "• Home • World").
BULLET = re.compile(r"^[•·▪◦●‣∙*–—-]\s+")
BULLET_MIN_WORDS = 4


@dataclass(frozen=True)
class Columns:
    """Which columns of a corpus file hold what; None picks from DEFAULT_COLUMNS."""

    text: str | None = None
    date: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None


class ArticleError(Exception):
    """An input that cannot be read as an article; the message says why."""


def parse_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split a ``---``-delimited ``key: value`` block from the start of ``raw``."""
    match = FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FRONT_MATTER_KEYS:
            meta[FRONT_MATTER_KEYS[key]] = value.strip().strip("\"'")
    return meta, raw[match.end():]


def is_boilerplate(line: str) -> bool:
    return any(p.search(line) for p in lexicon.boilerplate_patterns())


def is_heading(line: str) -> bool:
    """A short line that does not end a sentence: a title, section heading or credit."""
    return len(line.split()) <= HEADING_MAX_WORDS and not SENTENCE_END.search(line)


def clean_text(raw: str) -> tuple[str | None, str, list[str]]:
    """Return (title, body, dropped lines) for the text of one article."""
    title = None
    kept: list[str] = []
    dropped: list[str] = []
    raw = CONTROL.sub("", raw)
    for line in raw.splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if not line:
            continue
        point = BULLET.sub("", line)
        if point != line and len(point.split()) >= BULLET_MIN_WORDS and not is_boilerplate(point):
            # The item is a sentence of its own: end it so, for the parser.
            kept.append(point if SENTENCE_END.search(point) else point + ".")
        elif is_boilerplate(line):
            dropped.append(line)
        elif is_heading(line):
            if title is None and not kept:
                title = line
            dropped.append(line)
        else:
            kept.append(line)
    # The first line is also the title when it is a full headline sentence
    # followed by body text ("Russia rejects talks, demands guarantees").
    return title, "\n\n".join(kept), dropped


def article_from_text(raw: str, article_id: str, path: str | None = None) -> Article:
    meta, body = parse_front_matter(raw.replace("\r\n", "\n").lstrip("\ufeff"))
    title, text, dropped = clean_text(body)
    dated, text = read_dateline(text, meta.get("url"))
    return Article(id=meta.get("id", article_id), text=text, title=meta.get("title", title),
                   date=meta.get("date") or dated, url=meta.get("url"), path=path, dropped=dropped)


def encoding_candidates(head: bytes, name: str) -> list[str]:
    """The encodings to read a text in, in order, from its first bytes: a BOM's alone;
    else UTF-8, Windows-1252 (which reads Latin-1 text too), then Latin-1, which reads
    any bytes. Binary data is refused."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return [encoding]
    if b"\x00" in head[:8192]:
        raise ArticleError(f"{name}: a binary file, not text")
    return ["utf-8", "cp1252", "latin-1"]


def decode(data: bytes, name: str) -> str:
    """Text from bytes, in the first of ``encoding_candidates`` that reads them."""
    candidates = encoding_candidates(data, name)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == candidates[-1]:
                raise ArticleError(f"{name}: broken {encoding} text ({exc.reason})") from None
    raise AssertionError("unreachable: the last candidate reads the text or raises")


def is_html(path: Path, raw: str) -> bool:
    head = raw.lstrip()[:200].lower()
    return path.suffix.lower() in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html"))


def checked(article: Article, where: str) -> Article:
    if not article.text.strip():
        raise ArticleError(f"{where}: no article text")
    if len(article.text) > MAX_CHARS:
        raise ArticleError(f"{where}: too long for one article ({len(article.text):,} characters; "
                           f"the limit is {MAX_CHARS:,})")
    return article


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; a file over ``limit`` bytes is refused before it is read."""
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise ArticleError(f"{path}: too long for one article ({size / 1e6:,.0f} MB; files of one "
                               f"article are read up to {limit / 1e6:,.0f} MB)")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None


def read_file(path: Path) -> Article:
    raw = decode(read_bytes(path, MAX_FILE_BYTES), str(path))
    if is_html(path, raw):
        from .webpage import page_text

        raw = page_text(raw)
    return checked(article_from_text(raw, path.stem, str(path)), str(path))


def is_corpus(path: Path) -> bool:
    return path.suffix.lower() in CSV_SUFFIXES + JSONL_SUFFIXES


def corpus_rows(path: Path) -> Iterator[tuple[int, dict | ArticleError]]:
    """(row number, fields) for each record of a CSV/TSV or JSON Lines file; a record
    that cannot be read comes as an ArticleError in place of its fields. The file is
    read as it is parsed, never whole: a corpus may be larger than memory."""
    encoding = corpus_encoding(path)
    try:
        handle = path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        if path.suffix.lower() in JSONL_SUFFIXES:
            # Each physical line split as str.splitlines splits the whole text.
            pieces = (piece for line in handle for piece in line.splitlines())
            for n, line in enumerate(pieces, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield n, ArticleError(f"{path} line {n}: not JSON ({exc.msg})")
                    continue
                yield n, (record if isinstance(record, dict) else
                          ArticleError(f"{path} line {n}: not a JSON object"))
            return
        csv.field_size_limit(MAX_CHARS * 4)  # a long article is one field
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        try:
            for n, record in enumerate(csv.DictReader(handle, dialect=dialect), 1):
                yield n, record
        except csv.Error as exc:
            raise ArticleError(f"{path}: not a readable CSV file ({exc})") from None


def corpus_encoding(path: Path, block: int = 1 << 20) -> str:
    """The encoding ``decode`` would read the file in, found by reading it a block at a
    time rather than whole."""
    try:
        with path.open("rb") as handle:
            candidates = encoding_candidates(handle.read(8192), str(path))
            for encoding in candidates:
                handle.seek(0)
                decoder = codecs.getincrementaldecoder(encoding)()
                try:
                    while chunk := handle.read(block):
                        decoder.decode(chunk)
                    decoder.decode(b"", final=True)
                    return encoding
                except UnicodeDecodeError as exc:
                    if encoding == candidates[-1]:
                        raise ArticleError(f"{path}: broken {encoding} text ({exc.reason})") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    raise AssertionError("unreachable: the last candidate reads the file or raises")


def pick_column(record: dict, wanted: str | None, role: str, path: Path) -> str | None:
    """The name of the column that holds ``role``: the user's choice, else a default."""
    if wanted is not None:
        if wanted not in record:
            raise ArticleError(f"{path}: no column '{wanted}' for the {role} "
                               f"(columns: {', '.join(repr(k) for k in record)})")
        return wanted
    return next((c for c in DEFAULT_COLUMNS[role] if c in record), None)


def read_corpus(path: Path, columns: Columns = Columns()) -> Iterator[Article | ArticleError]:
    """Each row of a corpus file as an Article (or the ArticleError that skips it).

    Ids: the id column's value (with the file's name before it when that column is an
    unnamed index), else the file's name and row number."""
    chosen: dict[str, str | None] | None = None
    for n, record in corpus_rows(path):
        if isinstance(record, ArticleError):
            yield record
            continue
        if chosen is None:
            chosen = {role: pick_column(record, getattr(columns, role), role, path)
                      for role in DEFAULT_COLUMNS}
            if chosen["text"] is None:
                raise ArticleError(f"{path}: no text column (tried {', '.join(DEFAULT_COLUMNS['text'])}; "
                                   "name one with --text-column)")

        def value(role: str) -> str | None:
            got = record.get(chosen[role]) if chosen[role] is not None else None
            return str(got).strip() if got not in (None, "") else None

        given_id = value("id")
        if given_id is None or chosen["id"] == "":
            article_id = f"{path.stem}-{given_id or n}"
        else:
            article_id = given_id
        title, body, dropped = clean_text(value("text") or "")
        dated, body = read_dateline(body, value("url"))
        article = Article(id=article_id, text=body, title=value("title") or title,
                          date=value("date") or dated, url=value("url"), path=f"{path}#{n}", dropped=dropped)
        try:
            yield checked(article, f"{path} row {n}")
        except ArticleError as exc:
            yield exc


def find_files(inputs: Iterable[Path]) -> list[Path]:
    """Expand files and folders into a sorted list of article and corpus files."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(p for p in sorted(item.rglob("*"))
                         if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                         and not p.name.startswith("."))
        elif item.exists():
            found.append(item)
        else:
            raise ArticleError(f"{item}: no such file or folder")
    return found


def read_articles(paths: Iterable[Path], errors: list[str] | None = None,
                  columns: Columns = Columns()) -> Iterator[Article]:
    """Yield each readable article of the files (a corpus file gives one a row);
    unreadable ones are reported in ``errors`` and skipped."""
    for path in paths:
        try:
            if not is_corpus(path):
                yield read_file(path)
                continue
            for item in read_corpus(path, columns):
                if isinstance(item, ArticleError):
                    raise_or_note(item, errors)
                else:
                    yield item
        except ArticleError as exc:
            raise_or_note(exc, errors)


def raise_or_note(exc: ArticleError, errors: list[str] | None) -> None:
    if errors is None:
        raise exc
    errors.append(str(exc))


def count_articles(paths: Iterable[Path], columns: Columns = Columns()) -> int:
    """How many articles the files hold (a corpus file counts its rows), for progress bars."""
    total = 0
    for path in paths:
        if not is_corpus(path):
            total += 1
            continue
        try:
            total += sum(1 for _ in corpus_rows(path))
        except ArticleError:
            total += 1
    return total
