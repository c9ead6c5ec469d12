"""Reports of one real-world event across articles -> one event, with every report.

When five outlets report the same phone call, the parse gives five calls, one an
article; this stage, after actors are resolved across articles, makes them one event
that keeps each article's account (a ``Report``: the article and its sentences).

Two reports are one event when all of these hold:

- the same kind and status (Actual, Planned) and subclass: a phone call is no summit,
  though a call and a meeting of no stated kind, both dated to one day, are one;
- the same actors in the same roles, one set inside the other as ``same_actors`` reads
  it within an article (participants of a meeting, parties of an agreement, agents of
  the rest), counting a person as the country they speak for in a meeting;
- a compatible topic: proposals, demands, agreements, rejections and acceptances share
  a topic head ("truce" ~ "ceasefire"), and a rejection or acceptance answers the same
  proposal (or one unattributed: "Russia rejected a ceasefire"); a statement quotes the
  same words (one quote inside the other; a long quote is the same words said once,
  however much later an article retells them);
- no conflict of date: each report's time is its resolved date (a day, month or year),
  or else the week before its article's date (a planned event: the month after); two
  times must overlap ("last week" is its week, though written as its month). A meeting,
  agreement or statement with neither its own date nor its article's merges only with
  reports equally unanchored; other kinds never merge so;
- no conflict of place, and never two reports from one article (those were merged or
  kept apart within the article, by ``resolve.merge_repeats``).

Candidates are found by blocking, never by comparing all pairs: reports are filed by
(kind, status, actor, month) for each of their actors (and the country or body each
represents) and each month their time covers, long quotes also by their long words.
Reports are taken in an order that depends only on their content (time, article id,
position), each joining the first cluster whose every report it agrees with (complete
link: no chain of near matches drifts from a call in May to one in August). The merged
event keeps the key, and so the IRI, of its earliest report, so that the graph does not
depend on the order of the input, and a rebuild after adding or removing an article
equals a clean build.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import parse_publication_date, span as date_span
from .records import Actor, Event, Report, Resolved
from .resolve import RESPONSES, drop_unanswered, join_details, label_events, repoint, same_actors, topic_head

#: An undated report of something that happened: it happened in this many days before
#: its article's date ("following a phone call with Trump, Putin said ...").
PAST_WINDOW = timedelta(days=7)
#: An undated report of a planned event: it is planned for this many days after.
PLANNED_WINDOW = timedelta(days=30)
#: Kinds merged first; rejections and acceptances after them, once what they answer is one.
FIRST_KINDS = ("Meeting", "Proposal", "Demand", "Agreement", "Statement")
#: Kinds whose reports merge without a date or an article's date to place them: a
#: meeting or an agreement of the same sides, the same words quoted. Proposals, demands
#: and their answers restate positions, again and again: undated, they stay apart.
UNANCHORED_KINDS = ("Meeting", "Agreement", "Statement")
#: A quote shorter than this (folded) must be equal, not merely inside the other.
SHORT_QUOTE = 24
#: A quote this long (folded), said again word for word by the same speaker, is taken
#: for the same words said once, whenever the articles that quote it appeared.
LONG_QUOTE = 40
#: Words of this length or more file long quotes for blocking: the shorter of two
#: quotes, one inside the other, shares each of its long words with the longer.
QUOTE_WORD = 6

Span = tuple[date, date] | None  # first and last day an event's time may be; None: unknown


def merge_reports(resolved: Resolved) -> Resolved:
    """The same resolved graph with each real-world event told by several articles
    as one event carrying each article's report."""
    published = {a.id: parse_publication_date(a.date) for a in resolved.articles}
    merger = Merger(resolved.actors, published)
    events = merger.merge(resolved.events, FIRST_KINDS)
    repoint(events, merger.renamed)
    events = merger.merge(events, tuple(RESPONSES))
    repoint(events, merger.renamed)
    events = drop_unanswered(events, merger.orphans)
    label_events([ev for ev in events if ev.reports], resolved.actors)
    return Resolved(resolved.articles, resolved.actors, resolved.places, events)


@dataclass
class Candidate:
    """An event as read from one article, with what merging compares, computed once."""

    event: Event
    span: Span
    about: frozenset[str]  # topic heads
    quote: str


class Merger:
    """Clusters reports into events: whether two reports agree (``conflict``), where a
    report's possible partners are filed (``blocks``), and how an event takes in the
    report of another article (``absorb``)."""

    def __init__(self, actors: dict[str, Actor], published: dict[str, date | None]):
        self.actors = actors
        self.published = published
        self.renamed: dict[str, str] = {}  # key of a merged report -> key of its event
        self.by_key: dict[str, Event] = {}
        self.orphans: set[str] = set()  # unattributed proposals whose answers now point elsewhere

    # -- what is compared ---------------------------------------------------------------

    def span(self, ev: Event) -> Span:
        day = self.published.get(ev.article)
        if ev.date_value:
            return date_span(ev.date_text, ev.date_value, day)
        if day is None:
            return None
        if ev.status == "Planned":
            return day, day + PLANNED_WINDOW
        return day - PAST_WINDOW, day

    def candidate(self, ev: Event) -> Candidate:
        about = frozenset(h for h in (topic_head(t) for t in ev.topics) if h)
        attribute = RESPONSES.get(ev.kind)
        target = self.by_key.get(getattr(ev, attribute) or "") if attribute else None
        if not about and target is not None:
            about = frozenset(h for h in (topic_head(t) for t in target.topics) if h)
        return Candidate(ev, self.span(ev), about, fold_quote(ev.quote or ""))

    def roles(self, ev: Event) -> list[str]:
        return ev.participants if ev.kind == "Meeting" else ev.parties if ev.kind == "Agreement" else ev.agents

    def agree(self, a: Candidate, b: Candidate) -> bool:
        """Whether two reports, from two articles, tell one event."""
        return not self.conflict(a, b)

    def conflict(self, a: Candidate, b: Candidate) -> str:
        """What keeps two reports apart, in a word ("" when nothing does): first what
        they tell (what kind of event, who did it, about what), then when and where."""
        x, y = a.event, b.event
        if x.article == y.article:
            return "same article"
        if (x.kind, x.status) != (y.kind, y.status):
            return "kind or status"
        if x.subclass != y.subclass and not ("" in (x.subclass, y.subclass) and same_day(x, y)):
            return "subclass"
        if not same_actors(x, y, self.actors):
            return "actors"
        if x.kind == "Statement":
            short, long_ = sorted((a.quote, b.quote), key=len)
            if not short or not (short == long_ or (len(short) >= SHORT_QUOTE and short in long_)):
                return "quote"
        elif x.kind != "Meeting" and not a.about & b.about:
            return "topic"
        attribute = RESPONSES.get(x.kind)
        if attribute and not self.same_answered(getattr(x, attribute), getattr(y, attribute)):
            return "answers another proposal"
        if x.kind == "Statement" and len(min(a.quote, b.quote, key=len)) >= LONG_QUOTE:
            # The same long quote is the same words said once, however late an article
            # retells them: only dates the text gives may keep them apart.
            if x.date_value and y.date_value and not overlap(a.span, b.span):
                return "date"
        elif a.span is None or b.span is None:
            if x.kind not in UNANCHORED_KINDS or a.span is not b.span:
                return "no date"
        elif not overlap(a.span, b.span):
            return "date"
        if x.place and y.place and x.place != y.place:
            return "place"
        return ""

    def same_answered(self, first: str | None, second: str | None) -> bool:
        """Two responses answer one proposal: the same one, or one left unattributed."""
        if first == second:
            return True
        one, other = self.by_key.get(first or ""), self.by_key.get(second or "")
        return one is not None and other is not None and (not one.agents or not other.agents)

    def blocks(self, c: Candidate) -> set[tuple]:
        """Where to file a report, and where to look for the reports it may agree with:
        under each of its actors (and those they speak for) and each month of its time;
        a long quote also under each of its long words, for any time."""
        ev = c.event
        keys = set(self.roles(ev))
        keys |= {aff for k in list(keys) if k in self.actors for aff in self.actors[k].affiliations}
        found = {(ev.kind, ev.status, k, m) for k in keys for m in months(c.span)}
        if ev.kind == "Statement" and len(c.quote) >= LONG_QUOTE:
            words = {w for w in c.quote.split() if len(w) >= QUOTE_WORD}
            found |= {(ev.kind, ev.status, k, "word:" + w) for k in keys for w in words}
        return found

    # -- merging ------------------------------------------------------------------------

    def merge(self, events: list[Event], kinds: tuple[str, ...]) -> list[Event]:
        """``events`` with the reports of each event of ``kinds`` merged; order kept."""
        self.by_key = {ev.key: ev for ev in events}
        for cluster in self.cluster([self.candidate(ev) for ev in events if self.mergeable(ev, kinds)]):
            for c in cluster[1:]:
                self.absorb(cluster[0].event, c.event)
        return [ev for ev in events if ev.key not in self.renamed]

    def mergeable(self, ev: Event, kinds: tuple[str, ...]) -> bool:
        return ev.kind in kinds and bool(self.roles(ev)) and not ev.reports

    @staticmethod
    def order(c: Candidate) -> tuple:
        """The order reports are taken in: it depends only on their content."""
        return c.span[0].isoformat() if c.span else "", c.event.article, c.event.position, c.event.key

    def cluster(self, pool: list[Candidate]) -> list[list[Candidate]]:
        """The reports of ``pool`` in clusters of one event each, in the order the
        clusters were opened. Reports whose blocks never meet, directly or through
        others, never meet here either: a streaming build clusters each connected set
        of blocks on its own and gets the same clusters."""
        pool = sorted(pool, key=self.order)
        clusters: list[list[Candidate]] = []
        index: dict[tuple, dict[int, None]] = defaultdict(dict)  # block -> clusters filed there
        for c in pool:
            tried: set[int] = set()
            home = None
            blocks = self.blocks(c)
            for block in blocks:
                for n in index.get(block, ()):
                    if n not in tried:
                        tried.add(n)
                        if all(self.agree(c, other) for other in clusters[n]) \
                                and (home is None or n < home):
                            home = n
            if home is None:
                home = len(clusters)
                clusters.append([])
            clusters[home].append(c)
            for block in blocks:
                index[block][home] = None
        return clusters

    def absorb(self, first: Event, ev: Event) -> None:
        join_details(first, ev)
        first.date_value = finer(first.date_value, ev.date_value)
        if len(ev.quote or "") > len(first.quote or ""):
            first.quote = ev.quote  # the longer quote holds the other
        first.reports.append(report_of(ev))
        self.renamed[ev.key] = first.key
        attribute = RESPONSES.get(ev.kind)
        if attribute:
            self.join_answers(first, attribute, getattr(ev, attribute))

    def join_answers(self, first: Event, attribute: str, other_key: str | None) -> None:
        """A merged response answers one proposal: the one a report attributes, which
        an unattributed proposal another report answered joins as its report there."""
        kept, other = (self.by_key.get(k or "") for k in (getattr(first, attribute), other_key))
        if kept is None or other is None or kept is other:
            return
        if not kept.agents and other.agents:
            setattr(first, attribute, other.key)
            kept, other = other, kept
        if not other.reports and other.key not in self.renamed \
                and other.article not in {r.article for r in kept.accounts()}:
            kept.reports.append(report_of(other))
            kept.topics.extend(t for t in other.topics if t not in kept.topics)
            self.renamed[other.key] = kept.key
        else:
            self.orphans.add(other.key)


def report_of(ev: Event) -> Report:
    return Report(ev.key, ev.article, [ev.evidence, *ev.evidence_more])


# -- times ------------------------------------------------------------------------------

PRECISION = {"gYear": 0, "gYearMonth": 1, "date": 2}


def same_day(x: Event, y: Event) -> bool:
    """Both events dated to one and the same day by their texts."""
    return bool(x.date_value and x.date_value == y.date_value and x.date_value[1] == "date")


def overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def months(span: Span) -> list[int | None]:
    if span is None:
        return [None]
    first, last = (d.year * 12 + d.month - 1 for d in span)
    return list(range(first, last + 1))


def finer(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None:
    """Of two compatible dates, the more precise (a day within a month)."""
    if a is None or b is None:
        return a or b
    return b if PRECISION[b[1]] > PRECISION[a[1]] else a


def fold_quote(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
