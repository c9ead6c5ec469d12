"""Parley's plain records, and the kinds of things they hold, named once for every stage.

Actor kinds are the values of ``Mention.kind`` and ``Actor.kind`` that name an actor;
event kinds are the local names of the ontology's event classes (``kg:Meeting`` ...).

The records are plain dataclasses with no spaCy objects in them: what the parse
yields (``Article`` -> ``Mention``, ``Frame``, gathered in an ``ArticleResult``) is
what the cache keeps (as JSON) and worker processes send back, and what resolution makes of
it (``Actor``, ``Place``, ``Event``, gathered in ``Resolved``) is what ``rdf`` turns
into triples. Stages that only read records (``cache``, ``rdf``, ``store``) import
them from here, without loading spaCy.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "country", "organization", "news_outlet", "group"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "country", "organization", "news_outlet", "group")

EventKind = Literal["Meeting", "Proposal", "Rejection", "Demand", "Statement", "Acceptance", "Agreement"]
EVENT_KINDS: tuple[EventKind, ...] = ("Meeting", "Proposal", "Rejection", "Demand", "Statement",
                                      "Acceptance", "Agreement")

Status = Literal["Actual", "Planned", "Hypothetical"]


# -- what is read ---------------------------------------------------------------------

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

    def digest(self) -> str:
        """A hash of everything the graph is built from: what incremental builds compare."""
        fields = (self.id, self.title, self.date, self.url, self.text)
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


# -- what the parse yields ------------------------------------------------------------

@dataclass
class Mention:
    """A stretch of tokens that names (or refers back to) an actor or a place."""

    start: int
    end: int
    text: str
    kind: str  # person | country | organization | news_outlet | group | place | gpe | norp
    name: str  # canonical name where known, else the cleaned surface form
    source: str = "ner"  # ner | gazetteer | pronoun | description | group
    subkind: str = ""  # for gazetteer hits: name, alias, capital, seat, adjective, people
    role: str | None = None
    affiliation: "Mention | None" = None  # the country or body named with the title
    antecedent: "Mention | None" = None
    in_quote: bool = False
    votes: dict[str, int] = field(default_factory=dict)
    members: list["Mention"] = field(default_factory=list)  # "the two sides": each side

    @property
    def referent(self) -> "Mention":
        """The named mention this one stands for (itself when it is a name)."""
        seen = self
        while seen.antecedent is not None:
            seen = seen.antecedent
        return seen

    @property
    def affiliation_name(self) -> str | None:
        return self.affiliation.referent.name if self.affiliation is not None else None

    @property
    def is_actor(self) -> bool:
        return self.referent.kind in ACTOR_KINDS


@dataclass
class Frame:
    """One event found in a sentence, before actors are resolved across articles."""

    kind: EventKind
    trigger: str
    trigger_char: int  # character offset of the trigger: orders frames and mints ids
    evidence: str
    agents: list[Mention] = field(default_factory=list)
    participants: list[Mention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    rejects: "Frame | None" = None  # for a rejection: the proposal it rejects
    accepts: "Frame | None" = None  # for an acceptance: the proposal or demand it accepts
    parties: list[Mention] = field(default_factory=list)  # for an agreement: each side
    addressees: list[Mention] = field(default_factory=list)  # for a proposal or demand: who is asked
    partial: bool = False  # an acceptance of only part of what was proposed
    cameo: str = ""  # the CAMEO event code of the trigger, where one fits
    quote: str | None = None
    status: Status = "Actual"
    subclass: str = ""  # PhoneCall | Visit
    date_text: str | None = None
    place: Mention | None = None
    sentence_start: int = 0
    # The trigger's token in the Doc while the events component reads it (-1 after): a
    # position in one parse, not part of the event, so never compared nor kept.
    token_index: int = field(default=-1, compare=False, repr=False)

    @property
    def actors(self) -> list[Mention]:
        return self.agents + self.participants + self.parties

    @property
    def answers(self) -> "Frame | None":
        """The proposal this rejection or acceptance answers, if its clause names one."""
        return self.rejects or self.accepts


@dataclass
class ArticleResult:
    """What the parse of one article yields: plain data, no spaCy objects."""

    article: Article
    mentions: list[Mention]
    frames: list[Frame]


# -- what resolution makes of it ------------------------------------------------------

@dataclass
class Actor:
    key: str
    kind: ActorKind
    label: str
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)  # keys of other actors
    sources: set[str] = field(default_factory=set)  # article ids


@dataclass
class Place:
    key: str
    label: str
    country: str | None = None  # actor key


@dataclass
class Report:
    """One article's account of an event: the article, the sentences that say it there,
    and the key the event had in that article before reports across articles were merged."""

    key: str
    article: str
    evidence: list[str]


@dataclass
class Event:
    """A frame with its actors resolved to actor keys, ready to become triples.

    ``article``, ``evidence`` and ``evidence_more`` are the account of the article the
    event's key comes from; ``reports`` the accounts of other articles merged into it."""

    key: str
    kind: EventKind
    article: str
    evidence: str
    label: str
    agents: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    rejects: str | None = None  # event key
    accepts: str | None = None  # for an acceptance: the event key of the proposal or demand
    parties: list[str] = field(default_factory=list)  # for an agreement: actor keys of each side
    addressees: list[str] = field(default_factory=list)  # for a proposal or demand: who is asked
    partial: bool = False  # an acceptance of only part of a proposal
    cameo: str = ""  # CAMEO event code
    quote: str | None = None
    status: Status = "Actual"
    subclass: str = ""
    trigger: str = ""
    date_text: str | None = None
    date_value: tuple[str, str] | None = None
    place: str | None = None  # place key
    evidence_more: list[str] = field(default_factory=list)  # the same fact, said again
    position: int = 0  # character offset of the trigger in its article
    reports: list[Report] = field(default_factory=list)  # the same event, told by other articles

    def accounts(self) -> list[Report]:
        """Every article's account of the event, its own first."""
        return [Report(self.key, self.article, [self.evidence, *self.evidence_more]), *self.reports]


@dataclass
class Resolved:
    articles: list[Article]
    actors: dict[str, Actor]
    places: dict[str, Place]
    events: list[Event]
