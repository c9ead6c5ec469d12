"""What `kg build` writes, with memory that does not grow with the corpus.

The parse records, the resolved events and the triples all wait on disk, in a
scratch SQLite file and sorted chunk files beside the outputs (``.stream-*`` in the
output folder, removed when the build ends), and are read back one article, one
block of events or one line at a time:

1. records: each article's ``ArticleResult`` as the parse cache writes it
   (``spool``); never a list of every article's records;
2. actors: the ``ActorTable`` reads the records twice, one article at a time (people
   first, then every mention), and keeps what grows with the distinct actors and
   names, not with the articles: each article's mention -> actor keys go to disk,
   and so does every (actor, article) that becomes a ``kg:source``;
3. events: each article's events are resolved within the article
   (``resolve.article_events``) and go to disk with the blocks merging files them
   under (``event_merge.Merger.blocks``); reports are then merged one connected set
   of blocks at a time (reports whose blocks never meet never merge), rejections and
   acceptances after what they answer, as ``event_merge.merge_reports`` does. A set
   is bounded by an actor's reports in a stretch of months, except long quotes,
   filed by their words for any time: an actor's long quotes that share words make
   one set however far apart they are;
4. triples: ``rdf.Triples`` describes one article, actor, place or event at a time;
   the triples go to chunk files, each sorted in graph.ttl's order, and one k-way merge
   (``heapq.merge``) streams them, each once, to Oxigraph's Turtle writer and to
   N-Quads files its bulk loader reads into the store one at a time (it holds what
   it is given in memory).

The graph is the one ``to_graph(merge_reports(resolve(records)))`` makes in memory,
to the byte: the same IRIs (minted in the same order a folder), the same merged
events, the same named graphs. Only graph.html reads the whole graph, from the store,
when it is asked for.
"""
from __future__ import annotations

import heapq
import json
import shutil
import sqlite3
import tempfile
from array import array
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from .cache import dumps, loads
from .dates import parse_publication_date
from .event_merge import FIRST_KINDS, Merger
from .fileio import replace_atomic
from .rdf import Minter, Triples, new_graph
from .records import Article, ArticleResult, Event, Mention, Place, Report
from .resolve import RESPONSES, ActorTable, article_events, label_events
from .store import to_ox

#: Triples sorted in memory at a time before they go to a chunk file.
CHUNK = 20_000
#: Quads Oxigraph's bulk loader is given at a time: it holds them all in memory.
QUADS_PER_LOAD = 20_000
NOTHING: frozenset = frozenset()
#: Round of merging in which an event was merged into another (``events.gone``).
KEPT, FIRST_ROUND, ANSWER_ROUND, UNANSWERED = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE records (seq INTEGER PRIMARY KEY, id TEXT, title TEXT, date TEXT, url TEXT,
                      record BLOB, keys TEXT);
CREATE INDEX records_id ON records (id, seq);
CREATE TABLE sources (actor TEXT, article TEXT, named INTEGER, PRIMARY KEY (actor, article, named))
    WITHOUT ROWID;
CREATE TABLE events (seq INTEGER PRIMARY KEY, key TEXT, kind TEXT, rejects TEXT, accepts TEXT,
                     gone INTEGER DEFAULT 0, data TEXT);
CREATE INDEX events_key ON events (key);
CREATE INDEX events_rejects ON events (rejects);
CREATE INDEX events_accepts ON events (accepts);
CREATE TABLE blocks (round INTEGER, block TEXT, seq INTEGER);
CREATE INDEX blocks_block ON blocks (round, block);
CREATE TABLE members (root INTEGER, seq INTEGER);
CREATE TABLE clusters (since TEXT, article TEXT, position INTEGER, key TEXT, seqs TEXT);
CREATE TABLE renamed (key TEXT PRIMARY KEY, event TEXT) WITHOUT ROWID;
CREATE TABLE taken (iri TEXT PRIMARY KEY, owner TEXT) WITHOUT ROWID;
CREATE TABLE articles (id TEXT PRIMARY KEY, iri TEXT, day TEXT) WITHOUT ROWID;
"""


@dataclass
class Summary:
    """What a build made, counted for its summary table."""

    articles: int = 0
    actors: Counter = field(default_factory=Counter)  # kind -> actors
    events: Counter = field(default_factory=Counter)  # kind -> events
    merged: int = 0  # events reported by several articles
    triples: int = 0


@dataclass
class Output:
    """What a build leaves: the counts and the files written."""

    summary: Summary
    written: list[Path]


# -- the scratch database ---------------------------------------------------------------

class Scratch:
    """The build's scratch SQLite file (``.stream-*/scratch.sqlite`` in the output
    folder) and its chunk files; removed with the folder when the build ends."""

    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        for stale in out_dir.glob(".stream-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        self.dir = Path(tempfile.mkdtemp(dir=out_dir, prefix=".stream-"))
        self.db = sqlite3.connect(self.dir / "scratch.sqlite", isolation_level=None)
        # Scratch data: a crash loses nothing a rebuild cannot make again.
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                              "PRAGMA cache_size = -4000; BEGIN;" + SCHEMA)

    def rows(self, sql: str, *args) -> Iterator[tuple]:
        """Rows of a query, fetched as they are read (a second cursor, so that the caller
        may write while reading)."""
        cursor = self.db.cursor()
        cursor.execute(sql, args)
        while batch := cursor.fetchmany(256):
            yield from batch

    def one(self, sql: str, *args):
        row = self.db.execute(sql, args).fetchone()
        return None if row is None else row[0] if len(row) == 1 else row

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
            shutil.rmtree(self.dir, ignore_errors=True)


class Table:
    """A mapping on a two-column table of the scratch file (``get``, ``in``, ``[]``):
    what grows with the corpus waits on disk."""

    def __init__(self, scratch: Scratch, name: str, key: str, value: str):
        self.db = scratch.db
        self.select = f"SELECT {value} FROM {name} WHERE {key} = ?"
        self.insert = f"INSERT OR REPLACE INTO {name} ({key}, {value}) VALUES (?, ?)"

    def get(self, key, default=None):
        row = self.db.execute(self.select, (key,)).fetchone()
        return default if row is None else row[0]

    def __getitem__(self, key):
        row = self.db.execute(self.select, (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return row[0]

    def __contains__(self, key) -> bool:
        return self.db.execute(self.select, (key,)).fetchone() is not None

    def __setitem__(self, key, value) -> None:
        self.db.execute(self.insert, (key, value))


# -- 1. records -------------------------------------------------------------------------

def spool(scratch: Scratch, results: Iterable[ArticleResult]) -> int:
    """Write each article's records to disk as they come; how many articles."""
    n = 0
    for n, result in enumerate(results, 1):
        art = result.article
        scratch.db.execute("INSERT INTO records (seq, id, title, date, url, record) VALUES (?, ?, ?, ?, ?, ?)",
                           (n, art.id, art.title, art.date, art.url, dumps(result)))
    return n


def records(scratch: Scratch) -> Iterator[tuple[int, ArticleResult, str | None]]:
    """Each article's records, in input order, with the keys its mentions were given."""
    for seq, record, keys in scratch.rows("SELECT seq, record, keys FROM records ORDER BY seq"):
        yield seq, loads(record), keys


# -- 2. actors --------------------------------------------------------------------------

class SpooledActorTable(ActorTable):
    """The actor table of a streaming build: each (actor, article) that ``ActorTable``
    would add to ``Actor.sources`` goes to disk instead (``named``: while mentions are
    named, before the actors that are places are dropped)."""

    def __init__(self, scratch: Scratch):
        super().__init__()
        self.scratch = scratch
        self.naming = True

    def source(self, key: str, article: str) -> None:
        self.scratch.db.execute("INSERT OR IGNORE INTO sources VALUES (?, ?, ?)", (key, article, self.naming))

    def share_an_article(self, one: str, other: str) -> bool:
        return self.scratch.db.execute(
            "SELECT 1 FROM sources x JOIN sources y ON x.article = y.article WHERE x.actor = ? AND y.actor = ? LIMIT 1",
            (one, other)).fetchone() is not None

    def sources(self) -> Iterator[tuple[str, str]]:
        """(actor key, article id) for every source the in-memory table would hold: not
        those an actor had before it was dropped as a place (a group of that name made
        again for an event starts afresh, as it does in memory)."""
        for key, article, named in self.scratch.rows("SELECT actor, article, named FROM sources ORDER BY actor, article"):
            if key in self.actors and not (named and key in self.dropped):
                yield key, article


def mention_addresses(result: ArticleResult) -> Iterator[tuple[str, Mention]]:
    """Each mention of an article with a name that survives a trip to disk: its place in
    the list ("3"), and for the members a mention names itself ("the two Koreas"),
    which are in no list, their place in it ("3.0", "3.1")."""
    for i, mention in enumerate(result.mentions):
        yield str(i), mention
        for j, member in enumerate(mention.members):
            yield f"{i}.{j}", member


def resolve_actors(scratch: Scratch) -> SpooledActorTable:
    """The actor table, from two passes over the records on disk; each article's
    mention keys saved for the events pass."""
    table = SpooledActorTable(scratch)
    for _seq, result, _keys in records(scratch):
        table.learn_people(result)
    for seq, result, _keys in records(scratch):
        table.key_of = {}  # keyed by id(): this article's mentions only
        table.name_mentions(result)
        keys = {address: table.key_of[id(m)] for address, m in mention_addresses(result) if id(m) in table.key_of}
        scratch.db.execute("UPDATE records SET keys = ? WHERE seq = ?", (json.dumps(keys), seq))
    table.key_of = {}
    table.finish()
    table.naming = False
    # What only naming and finishing read (votes, forms, names): let it go before the
    # events pass, whose peak is the build's.
    table.kind_votes.clear()
    table.forms.clear()
    table.people.clear()
    table.people.by_surname.clear()
    table.surname_index.clear()
    table.place_votes.clear()
    # An empty set costs 216 bytes, and most actors of a large corpus (each article's
    # "the rebels", "the minister") have three or four: they share one empty frozenset,
    # since nothing adds to a finished table's actors (their sources go to disk).
    for actor in table.actors.values():
        for name in ("aliases", "roles", "affiliations", "sources"):
            if not getattr(actor, name):
                setattr(actor, name, NOTHING)
    return table


# -- 3. events --------------------------------------------------------------------------

def event_json(ev: Event) -> str:
    return json.dumps(asdict(ev), ensure_ascii=False, separators=(",", ":"))


def event_of(data: str) -> Event:
    fields = json.loads(data)
    fields["date_value"] = tuple(fields["date_value"]) if fields["date_value"] else None
    fields["reports"] = [Report(**report) for report in fields["reports"]]
    return Event(**fields)


class PublishedDates:
    """Article id -> date of publication, read from the records on disk as merging asks."""

    def __init__(self, scratch: Scratch):
        self.scratch = scratch
        self.get = lru_cache(maxsize=4096)(self._get)

    def _get(self, article: str, default=None):
        row = self.scratch.db.execute("SELECT date FROM records WHERE id = ? ORDER BY seq DESC LIMIT 1",
                                      (article,)).fetchone()
        return default if row is None else parse_publication_date(row[0])


class Events:
    """The events on disk, as ``Merger.by_key`` reads them: the live ones (``alive``:
    the rounds whose merged events still count), each loaded once while it is held, so
    that what merging changes in it is written back by ``save``."""

    def __init__(self, scratch: Scratch, alive: tuple[int, ...] = (KEPT,)):
        self.scratch = scratch
        self.alive = alive
        self.held: dict[str, tuple[int, Event]] = {}
        self.most = 0  # the most events held at once, for the tests of the bound

    def get(self, key: str, default=None) -> Event | None:
        if key not in self.held:
            marks = ", ".join("?" * len(self.alive))
            row = self.scratch.db.execute(
                f"SELECT seq, data FROM events WHERE key = ? AND gone IN ({marks}) ORDER BY seq DESC LIMIT 1",
                (key, *self.alive)).fetchone()
            if row is None:
                return default
            self.hold(key, row[0], event_of(row[1]))
        return self.held[key][1]

    def hold(self, key: str, seq: int, ev: Event) -> None:
        self.held.setdefault(key, (seq, ev))
        self.most = max(self.most, len(self.held))

    def by_seq(self, seq: int) -> Event:
        data = self.scratch.one("SELECT data FROM events WHERE seq = ?", seq)
        ev = event_of(data)
        self.hold(ev.key, seq, ev)
        return self.held[ev.key][1]

    def save(self) -> None:
        """Write back every event held, and let them go."""
        for seq, ev in self.held.values():
            write_event(self.scratch, seq, ev)
        self.held.clear()


@dataclass(slots=True)
class Sketch:
    """What clustering reads of an event (``Merger.candidate``, ``conflict``, ``blocks``,
    ``order``), in a third of an ``Event``'s memory: a connected set of blocks may hold
    thousands. Its sentences, label and trigger are read again when it is absorbed."""

    key: str
    kind: str
    article: str
    status: str
    subclass: str
    agents: list[str]
    participants: list[str]
    parties: list[str]
    topics: list[str]
    quote: str | None
    rejects: str | None
    accepts: str | None
    date_text: str | None
    date_value: tuple[str, str] | None
    place: str | None
    position: int
    reports: list


SKETCHED = Sketch.__slots__


def sketch(data: str) -> Sketch:
    fields = json.loads(data)
    fields["date_value"] = tuple(fields["date_value"]) if fields["date_value"] else None
    return Sketch(**{name: fields[name] for name in SKETCHED})


def write_event(scratch: Scratch, seq: int, ev: Event) -> None:
    scratch.db.execute("UPDATE events SET rejects = ?, accepts = ?, data = ? WHERE seq = ?",
                       (ev.rejects, ev.accepts, event_json(ev), seq))


def resolve_events(scratch: Scratch, table: SpooledActorTable, merger: Merger | None) -> dict[str, Place]:
    """Each article's events to disk, with the blocks of those merging may join; the
    places (they grow with distinct place names)."""
    places: dict[str, Place] = {}
    for texts in same_id(scratch):
        table.key_of = {}
        for result, keys in texts:
            known = json.loads(keys)
            table.key_of.update((id(m), known[address]) for address, m in mention_addresses(result)
                                if address in known and known[address] not in table.dropped)
        file_events(scratch, article_events([result for result, _ in texts], table, places), merger)
    table.key_of = {}
    return places


def same_id(scratch: Scratch) -> Iterator[list[tuple[ArticleResult, str]]]:
    """Each article's records with their mention keys, the texts that share an id
    together, at the first one's place (as ``resolve`` reads them)."""
    texts: list[tuple[ArticleResult, str]] = []
    current = None
    for first, record, keys in scratch.rows(
            "SELECT (SELECT min(seq) FROM records AS r WHERE r.id = records.id) AS first, record, keys "
            "FROM records ORDER BY first, seq"):
        if first != current and texts:
            yield texts
            texts = []
        current = first
        texts.append((loads(record), keys))
    if texts:
        yield texts


def file_events(scratch: Scratch, events: Iterable[Event], merger: Merger | None) -> None:
    """Events to disk, after those already there, each (when ``merger`` is given) with
    the blocks it is filed under in its round of merging."""
    seq = scratch.one("SELECT max(seq) FROM events") or 0
    for ev in events:
        seq += 1
        scratch.db.execute("INSERT INTO events (seq, key, kind, rejects, accepts, data) VALUES (?, ?, ?, ?, ?, ?)",
                           (seq, ev.key, ev.kind, ev.rejects, ev.accepts, event_json(ev)))
        if merger is None:
            continue
        round_ = FIRST_ROUND if merger.mergeable(ev, FIRST_KINDS) else \
            ANSWER_ROUND if merger.mergeable(ev, tuple(RESPONSES)) else None
        if round_ is not None:
            # The blocks read nothing merging changes (the answered proposal is not one).
            scratch.db.executemany("INSERT INTO blocks VALUES (?, ?, ?)",
                                   ((round_, json.dumps(block), seq) for block in merger.blocks(merger.candidate(ev))))


def live_events(scratch: Scratch, actors) -> Iterator[Event]:
    """The events that merging kept, in the order they were read, each made of several
    reports labelled anew (as ``merge_reports`` labels them, once all are merged)."""
    for (data,) in scratch.rows("SELECT data FROM events WHERE gone = 0 ORDER BY seq"):
        ev = event_of(data)
        if ev.reports:
            label_events([ev], actors)
        yield ev


def components(scratch: Scratch, round_: int) -> Iterator[list[int]]:
    """The events of a round whose blocks meet, directly or through others, one set at a
    time (each in order of ``seq``); lone events are left out, having nothing to merge with."""
    file_members(scratch, round_)
    group: list[int] = []
    current = None
    for top, seq in scratch.rows("SELECT root, seq FROM members ORDER BY root, seq"):
        if top != current:
            if len(group) > 1:
                yield group
            group, current = [], top
        group.append(seq)
    if len(group) > 1:
        yield group


def file_members(scratch: Scratch, round_: int) -> None:
    """Each event of the round under the first event of its connected set (``members``)."""
    size = (scratch.one("SELECT max(seq) FROM blocks WHERE round = ?", round_) or 0) + 1
    parent = array("q", range(size))  # union-find over event numbers: 8 bytes an event

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    previous_block, previous = None, None
    for block, seq in scratch.rows("SELECT block, seq FROM blocks WHERE round = ? ORDER BY block", round_):
        if block == previous_block:
            a, b = root(previous), root(seq)
            if a != b:
                parent[max(a, b)] = min(a, b)
        previous_block, previous = block, seq
    scratch.db.execute("DELETE FROM members")
    scratch.db.executemany("INSERT INTO members VALUES (?, ?)",
                           ((root(seq), seq) for (seq,) in scratch.rows(
                               "SELECT DISTINCT seq FROM blocks WHERE round = ?", round_)))


def merge_round(scratch: Scratch, merger: Merger, round_: int, kinds: tuple[str, ...]) -> int:
    """One round of ``Merger.merge``, one connected set of blocks at a time. Clusters are
    formed before any report is absorbed, as in memory; their absorbing, which in the
    answers' round may change the proposals several clusters share, then follows the
    order the clusters were opened in across the whole corpus."""
    events = Events(scratch)
    merger.by_key = events
    for group in components(scratch, round_):
        pool = [merger.candidate(sketch(data)) for (data,) in scratch.db.execute(
            f"SELECT data FROM events WHERE seq IN ({', '.join(map(str, group))}) ORDER BY seq")]
        events.most = max(events.most, len(pool) + len(events.held))
        seq_of = {id(c.event): seq for c, seq in zip(pool, group)}
        for cluster in merger.cluster([c for c in pool if c.event.kind in kinds]):
            if len(cluster) > 1:
                scratch.db.execute("INSERT INTO clusters VALUES (?, ?, ?, ?, ?)",
                                   (*merger.order(cluster[0]), json.dumps([seq_of[id(c.event)] for c in cluster])))
        events.held.clear()  # nothing changed yet: clusters read the events as they were
    for (seqs,) in scratch.rows("SELECT seqs FROM clusters ORDER BY since, article, position, key"):
        first, *others = (events.by_seq(seq) for seq in json.loads(seqs))
        for ev in others:
            merger.absorb(first, ev)
        events.save()
    scratch.db.execute("DELETE FROM clusters")
    # As ``merge`` keeps only the events not renamed (proposals an answer joined, too).
    scratch.db.execute("UPDATE events SET gone = ? WHERE gone = 0 AND key IN (SELECT key FROM renamed)", (round_,))
    repoint(scratch)
    return events.most


def repoint(scratch: Scratch) -> None:
    """``resolve.repoint`` on disk: every live response at the event that took the place
    of what it answered."""
    renamed = Table(scratch, "renamed", "key", "event")
    for seq, data in scratch.rows("SELECT seq, data FROM events WHERE gone = 0 AND "
                                  "(rejects IN (SELECT key FROM renamed) OR accepts IN (SELECT key FROM renamed))"):
        ev = event_of(data)
        for attribute in RESPONSES.values():
            key = getattr(ev, attribute)
            while key in renamed:
                key = renamed[key]
            setattr(ev, attribute, key)
        write_event(scratch, seq, ev)


def merge_reports(scratch: Scratch, merger: Merger) -> int:
    """``event_merge.merge_reports`` on the events on disk; the most events it held in
    memory at once (a connected set of blocks, with the proposals its answers answer)."""
    merger.renamed = Table(scratch, "renamed", "key", "event")
    most = max(merge_round(scratch, merger, FIRST_ROUND, FIRST_KINDS),
               merge_round(scratch, merger, ANSWER_ROUND, tuple(RESPONSES)))
    # ``drop_unanswered``: an unattributed proposal no response answers now says nothing.
    for key in sorted(merger.orphans):
        if scratch.one("SELECT 1 FROM events WHERE gone = 0 AND (rejects = ? OR accepts = ?)", key, key):
            continue
        for seq, data in list(scratch.rows("SELECT seq, data FROM events WHERE gone = 0 AND key = ?", key)):
            if not event_of(data).agents:
                scratch.db.execute("UPDATE events SET gone = ? WHERE seq = ?", (UNANSWERED, seq))
    return most


# -- 4. triples -------------------------------------------------------------------------

class SortedChunks:
    """Triples, with the named graph each goes in, to chunk files each sorted in
    graph.ttl's order (``store.turtle_order``); ``merged`` reads them back as one sorted
    stream, each triple once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: list[Path] = []
        self.buffer: list[tuple] = []

    def add(self, triple, home: URIRef | None) -> None:
        s, p, o = triple
        line = str(ox.Triple(to_ox(s), to_ox(p), to_ox(o)))
        self.buffer.append((str(s), p != RDF.type, str(p), o.n3(), line, None if home is None else str(home)))
        if len(self.buffer) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        self.buffer.sort(key=lambda row: row[:4])
        path = self.folder / f"chunk-{len(self.files):06d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in self.buffer:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.files.append(path)
        self.buffer = []

    def merged(self) -> Iterator[list]:
        self.flush()
        handles = [path.open(encoding="utf-8") for path in self.files]
        try:
            previous = None
            for row in heapq.merge(*(map(json.loads, h) for h in handles), key=lambda row: row[:4]):
                if row[:4] != previous:  # a graph holds a triple once
                    previous = row[:4]
                    yield row
        finally:
            for handle in handles:
                handle.close()


def write_triples(scratch: Scratch, table: SpooledActorTable, places: dict[str, Place],
                  chunks: SortedChunks, base: str | None, summary: Summary) -> None:
    """Every triple of the graph into ``chunks``: articles in order of id, then actors,
    places, and the live events in the order they were read (their topics are minted in
    that order)."""
    article_iri = Table(scratch, "articles", "id", "iri")
    minter = Minter(Triples(None, base).ns, taken=Table(scratch, "taken", "iri", "owner"))
    out = Triples(chunks.add, base, article_minter=minter)
    for id_, title, date, url in scratch.rows("SELECT id, title, date, url FROM records ORDER BY id, seq"):
        iri, day = out.article(Article(id_, "", title, date, url))
        scratch.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
                           (id_, str(iri), None if day is None else str(day)))
    iris = ArticleIris(article_iri)
    published_on = PublishedOn(scratch)
    actor_iri = out.actor_iris(table.actors)
    for actor in table.actors.values():
        out.actor(actor, actor_iri, table.actors)
        summary.actors[actor.kind] += 1
    for key, article in table.sources():
        out.source(actor_iri[key], iris[article])
    place_iri = out.place_iris(places)
    for place in places.values():
        out.place(place, place_iri, actor_iri, table.actors)
    for ev in live_events(scratch, table.actors):
        if ev.reports:
            summary.merged += 1
        summary.events[ev.kind] += 1
        out.event(ev, iris, published_on, actor_iri, place_iri)


class ArticleIris:
    def __init__(self, table: Table):
        self.get = lru_cache(maxsize=4096)(lambda article: URIRef(table[article]))

    def __getitem__(self, article: str) -> URIRef:
        return self.get(article)


class PublishedOn:
    """Article id -> its date of publication as the literal the graph gives it."""

    def __init__(self, scratch: Scratch):
        table = Table(scratch, "articles", "id", "day")

        @lru_cache(maxsize=4096)
        def day(article: str):
            value = table.get(article)
            return None if value is None else Literal(value, datatype=XSD.date)
        self.day = day

    def get(self, article: str, default=None):
        value = self.day(article)
        return default if value is None else value


def write_graph(chunks: SortedChunks, folder: Path, out_dir: Path, base: str | None) -> tuple[Path, Path, int]:
    """graph.ttl and the store from the sorted stream of triples; how many triples."""
    from . import store as stores

    triples_file = folder / "sorted.nt"
    quads_files: list[Path] = []
    count = 0
    nq = None
    with triples_file.open("w", encoding="utf-8") as nt:
        for _s, _t, _p, _o, line, home in chunks.merged():
            if count % QUADS_PER_LOAD == 0:
                if nq is not None:
                    nq.close()
                quads_files.append(folder / f"quads-{len(quads_files):04d}.nq")
                nq = quads_files[-1].open("w", encoding="utf-8")
            count += 1
            nt.write(line + " .\n")
            nq.write(line + (f" <{home}> .\n" if home is not None else " .\n"))
    if nq is not None:
        nq.close()
    for path in chunks.files:
        path.unlink()
    store = stores.write_store(quads_files, out_dir)
    prefixes = stores.turtle_prefixes(new_graph(base))

    def write(tmp: Path) -> None:
        ox.serialize(ox.parse(path=str(triples_file), format=ox.RdfFormat.N_TRIPLES), str(tmp),
                     ox.RdfFormat.TURTLE, prefixes=prefixes)
    turtle = replace_atomic(out_dir / "graph.ttl", write)
    return store, turtle, count


# -- the build --------------------------------------------------------------------------

def write_outputs(results: Iterable[ArticleResult], out_dir: Path, *, base: str | None = None,
                  html: bool = True, merge_events: bool = True) -> Output:
    """Resolve parsed articles (a stream: each is written to disk as it comes) into one
    graph and write what `kg build` leaves in ``out_dir``: the Oxigraph store, graph.ttl
    and (unless ``html`` is false) graph.html. ``merge_events=False`` keeps one event per
    article's report (``--no-merge-events``)."""
    out_dir = Path(out_dir)
    scratch = Scratch(out_dir)
    try:
        summary, written = build_graph(scratch, out_dir, base=base, merge_events=merge_events,
                                       articles=spool(scratch, results))
    finally:
        scratch.close()
    if html:
        written.append(write_page(out_dir, summary, base))
    return Output(summary, written)


def build_graph(scratch: Scratch, out_dir: Path, *, base: str | None, merge_events: bool,
                articles: int) -> tuple[Summary, list[Path]]:
    """The store and graph.ttl from the records ``spool`` wrote to ``scratch``."""
    for stale in out_dir.glob(".graph.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a build that was killed while writing
    summary = Summary(articles=articles)
    table = resolve_actors(scratch)
    merger = Merger(table.actors, PublishedDates(scratch)) if merge_events else None
    places = resolve_events(scratch, table, merger)
    if merger is not None:
        merge_reports(scratch, merger)
    chunks = SortedChunks(scratch.dir)
    write_triples(scratch, table, places, chunks, base, summary)
    store, turtle, summary.triples = write_graph(chunks, scratch.dir, out_dir, base)
    return summary, [store, turtle]


def write_page(out_dir: Path, summary: Summary, base: str | None) -> Path:
    """graph.html: the page reads the whole graph (from the store), unlike the rest of
    the build."""
    from . import store as stores
    from .render import render_html

    plural = "" if summary.articles == 1 else "s"
    store = stores.open_store(out_dir)
    graph = stores.to_graph(store)
    del store
    if base:
        graph.bind("kgr", base, override=True)
    return render_html(graph, out_dir / "graph.html", title=f"Parley graph: {summary.articles} article{plural}")
