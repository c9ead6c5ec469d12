"""The parse cache: what parsing depends on (its key), what it keeps (plain records, the
same objects shared as in the parse) and what it refuses (anything else, with a warning)."""
from __future__ import annotations

import dataclasses
import json
import pickle
import re
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest

from kg.cache import (PACKAGE_DIR, SCHEMA, RecordFormatError, dumps, fingerprinted_files, loads, to_plain)
from kg.records import Article, ArticleResult, Frame, Mention

from conftest import SEEDS, run_kg

CACHE = "parse-cache.sqlite"
WARNING = re.compile(r"^warning: ignoring the parse cache .*; its articles are parsed again$")

# Written for these tests, about no real event.
INVENTED = {
    "harbour.txt": "Norland's foreign minister, Ada Brek, proposed a ceasefire on Monday. "
                   "Valdoria rejected the ceasefire proposed by Norland. She said talks would "
                   "resume in Geneva.\n\nThe Valdorian president met the UN envoy in Oslo.",
}


def test_the_fingerprint_covers_extraction_code_and_data_only():
    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in fingerprinted_files()}
    assert {"actors.py", "doctext.py", "quotes.py", "frames/frames.py", "frames/triggers.py", "deps.py", "data/triggers.tsv",
            "data/lexicon.toml", "records.py"} <= names
    # Resolution, RDF, the store and the command line run anew on every build.
    assert not names & {"cli.py", "query.py", "store.py", "rdf.py", "resolve.py", "render.py"}


# -- plain records ----------------------------------------------------------------------

RECORDS = (ArticleResult, Article, Mention, Frame)


def sharing(result: ArticleResult) -> list[list[tuple]]:
    """Which paths through the records lead to one and the same object, found by walking
    them (not by the cache's own encoder): [[path, path, ...], ...] in visiting order."""
    paths_of: dict[int, list[tuple]] = {}

    def walk(value, path: tuple) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, RECORDS):
            seen = id(value) in paths_of
            paths_of.setdefault(id(value), []).append(path)
            if not seen:
                for f in dataclasses.fields(value):
                    walk(getattr(value, f.name), path + (f.name,))

    walk(result, ())
    return list(paths_of.values())


@pytest.fixture(scope="module")
def parsed(nlp, tmp_path_factory):
    """The seeds and an invented article, parsed with the real pipeline."""
    from kg.articles import find_files, read_articles
    from kg.pipeline import parse

    folder = tmp_path_factory.mktemp("invented")
    for name, text in INVENTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return parse(read_articles(find_files([SEEDS, folder]), []), nlp)


def test_real_parses_come_back_equal_with_the_same_objects_shared(parsed):
    assert len(parsed) == 6
    for result in parsed:
        back = loads(dumps(result))
        assert back == result
        assert [f.answers is not None for f in back.frames] == [f.answers is not None for f in result.frames]
        assert sharing(back) == sharing(result)
    # The links the encoder must keep are really there: mentions a frame names are the
    # article's mentions, pronouns have antecedents, rejections answer proposals.
    shared = [paths for result in parsed for paths in sharing(result) if len(paths) > 1]
    assert any(p[0] == "frames" and "agents" in p for paths in shared for p in paths)
    assert any(p[-1] == "antecedent" for paths in shared for p in paths)
    assert any(p[-1] in ("rejects", "accepts") for paths in shared for p in paths)
    back = loads(dumps(parsed[0]))
    frame = next(f for f in back.frames if f.agents)
    assert any(m is frame.agents[0] for m in back.mentions), "a frame's agent is one of the article's mentions"


def test_an_entry_is_compressed_json_with_no_code_in_it(parsed):
    plain = json.loads(zlib.decompress(dumps(parsed[0])))
    assert plain == to_plain(parsed[0])
    assert set(plain) == {"ArticleResult", "Article", "Mention", "Frame"}
    assert plain["ArticleResult"][0]["article"] == 0
    assert plain["Article"][0]["text"] == parsed[0].article.text


def damaged_entries(parsed) -> dict[str, bytes]:
    good = to_plain(parsed[0])

    def changed(edit) -> bytes:
        plain = json.loads(json.dumps(good))
        edit(plain)
        return zlib.compress(json.dumps(plain).encode())

    return {
        "not zlib": b"{}",
        "not json": zlib.compress(b"{'Article': ["),
        "a list": zlib.compress(b"[1, 2]"),
        "a table missing": changed(lambda p: p.pop("Frame")),
        "a field missing": changed(lambda p: p["Mention"][0].pop("start")),
        "a field too many": changed(lambda p: p["Mention"][0].update(extra=1)),
        "text not a string": changed(lambda p: p["Article"][0].update(text=["a"])),
        "a number as a boolean": changed(lambda p: p["Mention"][0].update(in_quote=1)),
        "votes not counts": changed(lambda p: p["Mention"][0].update(votes={"a": "b"})),
        "a link out of range": changed(lambda p: p["Frame"][0].update(agents=[10 ** 6])),
        "a link to nothing": changed(lambda p: p["ArticleResult"][0].update(article=None)),
        "two roots": changed(lambda p: p["ArticleResult"].append(p["ArticleResult"][0])),
        "a pickle": pickle.dumps(parsed[0]),
    }


def test_anything_else_is_refused(parsed):
    for what, data in damaged_entries(parsed).items():
        with pytest.raises(RecordFormatError):
            loads(data)
            pytest.fail(f"{what} was read")


# -- a cache that cannot be used is rebuilt ----------------------------------------------

class Planted:
    """Pickles into a call that creates ``marker``: what a hostile cache could hold."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return Path.touch, (self.marker,)


def overwrite(cache: Path) -> None:
    cache.write_bytes(b"this is not a database, " * 200)


def truncate(cache: Path) -> None:
    data = cache.read_bytes()
    cache.write_bytes(data[:len(data) // 2])


def another_schema(cache: Path) -> None:
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE meta SET value = 'parley-parse-cache 3 (msgpack)' WHERE name = 'schema'")


def hostile_entries(cache: Path) -> None:
    """This version's file, each entry replaced by a pickle that would create a file."""
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE parsed SET record = ?", (pickle.dumps(Planted(cache.parent / "pwned")),))


def hostile_old_format(cache: Path) -> None:
    """The file as older Parleys wrote it (a table of pickles, no format), under the same
    keys, each pickle one that would create a file when loaded."""
    with sqlite3.connect(cache) as db:
        keys = [key for (key,) in db.execute("SELECT key FROM parsed")]
    cache.unlink()
    with sqlite3.connect(cache) as db:
        db.execute("CREATE TABLE parsed (key TEXT PRIMARY KEY, result BLOB)")
        db.executemany("INSERT INTO parsed VALUES (?, ?)",
                       [(key, pickle.dumps(Planted(cache.parent / "pwned"))) for key in keys])


def damaged_rows(cache: Path) -> None:
    """This version's file, one entry valid JSON of the wrong shape."""
    with sqlite3.connect(cache) as db:
        (key,) = db.execute("SELECT key FROM parsed LIMIT 1").fetchone()
        db.execute("UPDATE parsed SET record = ? WHERE key = ?",
                   (zlib.compress(b'{"ArticleResult": [{"article": 7}]}'), key))


def parsed_now(stderr: str) -> int:
    return int(re.search(r"parsed now\s*\S\s*(\d+)", stderr).group(1))


@pytest.mark.parametrize("damage, reparsed", [
    (overwrite, 5), (truncate, None), (another_schema, 5), (hostile_entries, 5), (hostile_old_format, 5),
    (damaged_rows, 1),
])
def test_a_cache_that_cannot_be_used_is_said_once_and_rebuilt(seeds_build, tmp_path, damage, reparsed):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    with sqlite3.connect(out / CACHE) as db:
        assert db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone() == (SCHEMA,)
    damage(out / CACHE)

    result = run_kg("build", str(SEEDS), "--out", str(out), "--no-html")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line.lower()]
    assert len(warnings) == 1 and WARNING.match(warnings[0]), result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "pwned").exists(), "nothing in the cache is ever unpickled"
    if reparsed is not None:
        assert parsed_now(result.stderr) == reparsed
    else:  # what a truncated file still holds whole may be used; the rest is parsed again
        assert parsed_now(result.stderr) >= 1
    assert (out / "graph.ttl").read_bytes() == (seeds_build / "graph.ttl").read_bytes()

    again = run_kg("build", str(SEEDS), "--out", str(out), "--no-html")
    assert again.returncode == 0 and "warning" not in again.stderr.lower(), again.stderr
    assert parsed_now(again.stderr) == 0, "the rebuilt cache serves the next build"
    assert (out / "graph.ttl").read_bytes() == (seeds_build / "graph.ttl").read_bytes()
