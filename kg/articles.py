"""Read articles: text files (with optional front matter) into `Article` records.

Web pages pasted as text carry boilerplate: bylines, "Share this Post", "3 Min Read",
photo credits, "Also read" teasers and section headings. They are dropped here by
general rules plus the patterns in ``data/boilerplate.tsv``, so that later stages
read only the article's own sentences. The first heading-like line becomes the title
when the front matter gives none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import lexicon

#: File extensions read as articles: plain text, and web pages whose text is extracted.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
#: spaCy's default limit on the length of one document; longer inputs are skipped.
MAX_CHARS = 1_000_000
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
FRONT_MATTER_KEYS = {"title": "title", "date": "date", "url": "url", "address": "url",
                     "source": "url", "id": "id"}
# A line that ends a sentence: final punctuation, possibly followed by a closing quote.
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
# Headings are short; a longer line without final punctuation is still body text.
HEADING_MAX_WORDS = 16


@dataclass
class Article:
    """One input document, its metadata and its cleaned body text."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None
    dropped: list[str] = field(default_factory=list)  # lines removed as boilerplate


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
    raw = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", raw)  # control characters are not text
    for line in raw.splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if not line:
            continue
        if is_boilerplate(line):
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
    return Article(id=meta.get("id", article_id), text=text, title=meta.get("title", title),
                   date=meta.get("date"), url=meta.get("url"), path=path, dropped=dropped)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: a BOM's encoding, else UTF-8, else Windows-1252 (which reads
    Latin-1 text too); binary data is refused."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ArticleError(f"{name}: broken {encoding} text ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def is_html(path: Path, raw: str) -> bool:
    head = raw.lstrip()[:200].lower()
    return path.suffix.lower() in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html"))


def read_file(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    raw = decode(data, str(path))
    if is_html(path, raw):
        from .webpage import page_text

        raw = page_text(raw)
    article = article_from_text(raw, path.stem, str(path))
    if not article.text.strip():
        raise ArticleError(f"{path}: no article text")
    if len(article.text) > MAX_CHARS:
        raise ArticleError(f"{path}: too long for one article ({len(article.text):,} characters; "
                           f"the limit is {MAX_CHARS:,})")
    return article


def find_files(inputs: Iterable[Path]) -> list[Path]:
    """Expand files and folders into a sorted list of article files."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(p for p in sorted(item.rglob("*"))
                         if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
                         and not p.name.startswith("."))
        elif item.exists():
            found.append(item)
        else:
            raise ArticleError(f"{item}: no such file or folder")
    return found


def read_articles(paths: Iterable[Path], errors: list[str] | None = None) -> Iterator[Article]:
    """Yield each readable article; unreadable ones are reported in ``errors`` and skipped."""
    for path in paths:
        try:
            yield read_file(path)
        except ArticleError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
