"""One node per real-world actor, across mentions and articles; rejections linked.

Mentions are grouped into actors by what they name: the gazetteer's canonical name
for countries (so Moscow, the Kremlin and "Russian" officials all mean Russia) and
organisations; for people, a name key that folds case, accents and common
transliteration variants (Zelensky / Zelenskyy, Sergey / Sergei), with a surname
alone joining the full name it abbreviates (first in the same article, then across
articles when only one person has that surname). Each actor's class is the vote of
its mentions; its label the most frequent full form; every other form an alias.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from . import lexicon
from .dates import parse_publication_date, resolve as resolve_date
from .records import (ACTOR_KINDS, Actor, Article, ArticleResult, Event, Frame,  # noqa: F401 (importable from here)
                      Mention, Place, Resolved)

KIND_ORDER = ("person", "country", "organization", "news_outlet", "group")


# -- names ------------------------------------------------------------------------

def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


# Names recur across mentions and articles, and keys are pure: each name is keyed once.
@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """Fold one name word so that common transliterations agree."""
    w = ascii_fold(word)
    w = re.sub(rf"^({'|'.join(lexicon.words('name_prefixes'))})[-‐]", "", w)  # al-Assad -> Assad
    w = re.sub(r"[^\w]", "", w)
    w = re.sub(r"(.)\1+", r"\1", w)  # Zelenskyy -> zelensky
    w = re.sub(r"iy$|yi$", "y", w)  # Zelenskiy -> zelensky
    w = re.sub(r"ei$", "ey", w)  # Sergei -> sergey
    w = re.sub(r"(?<=[^aeiouy])i$", "y", w)  # Dmitri -> dmitry
    return w


def person_words(name: str) -> list[str]:
    particles = lexicon.words("name_particles")
    honorifics = lexicon.words("honorifics")
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    words = [w for w in words if w.lower().strip(".") not in honorifics]
    return [w for w in words if w.lower() not in particles or w is words[-1]] or words


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in person_words(name))


def slug(text: str, limit: int = 80) -> str:
    """A readable, IRI-safe path segment: letters and digits of any script, dashes."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:limit].strip("-") or "x"


# -- actors -----------------------------------------------------------------------

class People(dict):
    """Personal name key -> person key, the names also filed by surname: a new name is
    compared only with those sharing its surname, not with every person seen."""

    def __init__(self):
        super().__init__()
        self.by_surname: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)

    def __setitem__(self, pkey: tuple[str, ...], key: str) -> None:
        if pkey not in self:
            self.by_surname[pkey[-1]].append((pkey, key))
        super().__setitem__(pkey, key)


class ActorTable:
    """Assigns an actor key to every actor mention, across articles."""

    def __init__(self):
        self.actors: dict[str, Actor] = {}
        self.kind_votes: dict[str, Counter] = defaultdict(Counter)
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.full_people: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.key_of: dict[int, str] = {}  # id(mention) -> actor key
        self.pending_affiliations: list[tuple[str, Mention]] = []  # (person key, mention), this article
        # (person key, key of the body named with their title): pairs, not mentions, so that
        # a streaming build can let each article's mentions go once it is read.
        self.affiliation_keys: set[tuple[str, str | None]] = set()
        self.place_votes: Counter = Counter()  # folded name -> mentions used as a place
        self.dropped: set[str] = set()
        self.people = People()
        self.surname_index: dict[str, set[str]] = defaultdict(set)

    def known_key(self, name: str) -> str:
        return "k:" + lexicon.fold(name)

    def assign(self, results: list[ArticleResult]) -> None:
        """Every article's named mentions keyed, in two passes over ``results``: the
        people first, then each mention. A streaming build makes the same calls, one
        article at a time (``learn_people``, ``name_mentions``, ``finish``)."""
        for result in results:
            self.learn_people(result)
        for result in results:
            self.name_mentions(result)
        self.finish()

    def learn_people(self, result: ArticleResult) -> None:
        """Pass 1: full personal names (two words or more) define people."""
        for m in self.named(result):
            if m.kind == "person" and m.source == "ner" and len(person_key(m.name)) >= 2:
                key = self.person_cluster(person_key(m.name), self.people)
                self.surname_index[person_key(m.name)[-1]].add(key)

    def name_mentions(self, result: ArticleResult) -> None:
        """Pass 2: every named mention of the article gets its key (in ``key_of``)."""
        gaz = lexicon.gazetteer()
        surname_index, people = self.surname_index, self.people
        local: dict[str, list[str]] = defaultdict(list)  # surname -> keys, this article
        # first word -> keys, this article: "Liu He ... Liu", "Kim Jong Un ... Kim", where
        # the family name comes first; used only when no surname fits.
        given: dict[str, set[str]] = defaultdict(set)
        acting = acting_places(result)
        # A one-word name the article gives a person anywhere ("Prachanda, leader of
        # ...") is that person where the model called it a body.
        single_people = {m.name for m in self.named(result, acting)
                         if m.kind == "person" and m.source == "ner" and len(person_key(m.name)) == 1}
        for m in self.named(result, acting):
            if m.source == "description":
                self.vote(f"o:{lexicon.fold(m.text)}@{result.article.id}", "person", m.text, m,
                          result.article.id, weight=1)
                continue
            if m.kind == "group" and m.subkind == "generic":
                # "the rebels", "the two sides": a group of this article, not of every one.
                self.vote(self.group_key(m, result.article.id), "group", m.name, m,
                          result.article.id, weight=1)
                continue
            if m.source == "gazetteer" or gaz.lookup(m.name):
                known = gaz.lookup(m.name) if m.source != "gazetteer" else None
                name = known.name if known else m.name
                kind = (known.kind if known else m.kind)
                key = self.known_key(name)
                self.vote(key, kind, name, m, result.article.id, weight=10)
                continue
            pkey = person_key(m.name)
            key = None
            # NER sometimes calls a known person's full name an organisation.
            mkind = "person" if len(pkey) == 1 and m.kind == "organization" and m.name in single_people \
                else m.kind
            is_person = mkind == "person" or pkey in people
            if len(pkey) >= 2 and is_person:
                key = self.person_cluster(pkey, people)
                local[pkey[-1]].append(key)
                given[pkey[0]].add(key)
            elif len(pkey) == 1 and mkind in ("person", "organization", "gpe", "place"):
                candidates = local.get(pkey[0]) or sorted(surname_index.get(pkey[0], ())) \
                    or (sorted(given[pkey[0]]) if mkind == "person" else [])
                if len(set(candidates)) == 1 or (candidates and local.get(pkey[0])):
                    key = candidates[-1]
            if key is None:
                if mkind not in ACTOR_KINDS and id(m) not in acting:
                    continue
                key = ("p:" if mkind == "person" else "n:") + " ".join(pkey)
                kind = mkind if mkind in ACTOR_KINDS else "country"
            else:
                kind = "person"
            self.vote(key, kind, m.name, m, result.article.id,
                      weight=1 + m.votes.get("TITLE", 0))
        for m in result.mentions:
            if m.kind == "place" or m.kind == "gpe" and id(m) not in acting:
                self.place_votes[lexicon.fold(m.name)] += 1
        # The body each title names, read while the article's mentions are at hand.
        for person, mention in self.pending_affiliations:
            self.affiliation_keys.add((person, self.key_of.get(id(mention))))
        self.pending_affiliations.clear()

    def drop_places(self) -> None:
        """Names NER took for people or bodies but the texts use mostly as places
        ("in Douma", "Idlib province") are places, not actors."""
        place_votes = self.place_votes
        dropped = self.dropped
        for key in [k for k in self.actors if not k.startswith("k:")]:
            actor, forms = self.actors[key], self.forms[key]
            if key.startswith("p:") and any(len(f.split()) >= 2 for f in forms):
                continue  # "Mikheil Saakashvili" is a person, however often NER calls "Saakashvili" a place
            as_place = sum(place_votes[lexicon.fold(f)] for f in forms)
            if not actor.roles and as_place >= sum(forms.values()):
                del self.actors[key]
                dropped.add(key)
        if dropped:  # one pass over every mention's key, not one per dropped actor
            self.key_of = {i: k for i, k in self.key_of.items() if k not in dropped}
        self.affiliation_keys = {(p, a) for p, a in self.affiliation_keys if a not in dropped}

    def named(self, result: ArticleResult, acting: set[int] | None = None):
        """Mentions that name an actor: actor kinds, place names found acting (``acting``,
        when the caller has it already), and an office written as a name that the
        article never names otherwise."""
        acting = acting_places(result) if acting is None else acting
        listed = {id(m) for m in result.mentions}
        for m in result.mentions:
            if m.source == "description" and self.office_as_name(m):
                yield m
                continue
            if m.source == "pair":
                # "the two Koreas" names its countries itself; "the two sides" points back
                # at mentions listed on their own.
                yield from (member for member in m.members if id(member) not in listed)
                continue
            if m.source in ("pronoun", "description"):
                continue  # a reference with no antecedent names nobody
            if m.antecedent is None and (m.kind in ACTOR_KINDS or m.kind == "gpe" and id(m) in acting):
                yield m

    def person_cluster(self, pkey: tuple[str, ...], people: dict[tuple[str, ...], str]) -> str:
        if pkey in people:
            return people[pkey]
        # Only a name with the same surname can match (People files them so).
        same_surname = people.by_surname.get(pkey[-1], ()) if isinstance(people, People) else people.items()
        for other, key in same_surname:
            shorter, longer = sorted((other, pkey), key=len)
            # Same surname, and the first name agrees, is an initial, or is a middle name
            # of the longer form ("Tayyip Erdoğan" ~ "Recep Tayyip Erdoğan").
            if other[-1] == pkey[-1] and (other[0] == pkey[0] or len(other[0]) == 1 or len(pkey[0]) == 1
                                          or shorter[0] in longer[:-1]):
                people[pkey] = key
                return key
        people[pkey] = "p:" + " ".join(pkey)
        return people[pkey]

    def vote(self, key: str, kind: str, form: str, m: Mention, article: str, weight: int) -> None:
        self.key_of[id(m)] = key
        self.kind_votes[key][kind] += weight
        if m.subkind not in ("adjective",):
            self.forms[key][re.sub(r"\s+", " ", form).strip()] += 1
            if m.source == "gazetteer":
                self.forms[key][clean_surface(m.text)] += 0
        actor = self.actors.setdefault(key, Actor(key, kind, form))
        self.source(key, article)
        if m.role:
            actor.roles.add(m.role)
        if m.affiliation is not None:
            self.pending_affiliations.append((key, m.affiliation.referent))

    def source(self, key: str, article: str) -> None:
        """The actor ``key`` is read in ``article`` (a streaming build files it on disk)."""
        self.actors[key].sources.add(article)

    def finish(self) -> None:
        self.drop_places()
        for key, actor in self.actors.items():
            votes = self.kind_votes[key]
            actor.kind = max(KIND_ORDER, key=lambda k: (votes.get(k, 0), -KIND_ORDER.index(k)))
            forms = self.forms[key]
            if key.startswith("k:"):
                known = lexicon.gazetteer().lookup(key[2:])
                label = known.name if known else max(forms, key=lambda f: (forms[f], len(f), f))
            else:
                full = {f: n for f, n in forms.items() if len(f.split()) >= 2} or forms
                label = max(full, key=lambda f: (full[f], len(f), f))
            actor.label = label
            actor.aliases = {f for f in forms if f != label and f}
        # Affiliations point at the actor the affiliation mention was resolved to.
        for person, aff in self.affiliation_keys:
            if person in self.actors and aff in self.actors and aff != person:
                self.actors[person].affiliations.add(aff)
        for actor in self.actors.values():
            if actor.kind != "person":
                actor.roles.clear()
                actor.affiliations.clear()
            elif not actor.affiliations:
                self.affiliate_known_person(actor)

    def affiliate_known_person(self, actor: Actor) -> None:
        """A political figure the text names in full but gives no country ("Prime
        Minister Girija Prasad Koirala") serves the country the people dictionary gives,
        where an article that names them names that country too: a namesake elsewhere in
        the world, in an article about something else, gets nothing."""
        country = lexicon.people().get(lexicon.fold(actor.label)) if len(actor.label.split()) >= 2 else None
        key = self.known_key(country) if country else None
        if key in self.actors and key != actor.key and self.share_an_article(key, actor.key):
            actor.affiliations.add(key)

    def share_an_article(self, one: str, other: str) -> bool:
        """Whether some article names both actors (a streaming build asks its files)."""
        return bool(self.actors[one].sources & self.actors[other].sources)

    @staticmethod
    def office_as_name(mention: Mention) -> bool:
        """"The President spoke with ...", "the Secretary urged ...": a capitalised office
        with no owner and no name in the article stands for its holder (White House and
        State Department readouts write so), one actor in that article only."""
        words = mention.text.split()
        return (mention.antecedent is None and mention.affiliation is None and len(words) >= 2
                and words[0].lower() == "the" and all(w[:1].isupper() for w in words[1:]))

    def group_key(self, mention: Mention, article: str | None = None) -> str:
        """A named group ("the West", "Kurdish fighters") is one actor wherever it is
        read; a generic one ("the rebels", "the two sides") one actor an article."""
        key = "g:" + lexicon.fold(mention.name)
        return f"{key}@{article}" if mention.subkind == "generic" and article else key

    def key(self, mention: Mention, article: str | None = None) -> str | None:
        ref = mention.referent
        if id(ref) in self.key_of:
            return self.key_of[id(ref)]
        if ref.kind == "group":
            key = self.group_key(ref, article)
            self.key_of[id(ref)] = key
            return key
        return None


def acting_places(result: ArticleResult) -> set[int]:
    """Unknown place names that act in one of the article's events ("Gaza rejected the
    plan"): the events stage lets a place name fill a role only where it acts, so a
    place in a frame is an actor, and the same name elsewhere in the text a place."""
    return {id(m) for frame in result.frames for m in frame.actors if m.kind == "gpe"}


def clean_surface(text: str) -> str:
    text = re.sub(r"['\u2019]s?$", "", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.I).strip()


# -- events -----------------------------------------------------------------------

def event_label(kind: str, agents: list[str], topics: list[str], quote: str | None,
                *, parties: list[str] | None = None, partial: bool = False) -> str:
    """A short reading of an event: "Russia rejects ceasefire", "Egypt meets Hamas",
    "Hamas partly accepts roadmap", "Armenia and Azerbaijan agree on peace treaty".

    ``agents`` are the names of the agents (of a meeting, its participants). An
    agreement is read from ``parties``, the names of its sides (a mediator is not one),
    and falls back to ``agents`` when they are not given; ``partial`` marks an
    acceptance of only part of what was proposed."""
    if not agents and kind == "Proposal":
        return f"{topics[0] if topics else 'proposal'} (proposer not stated)"
    if kind == "Agreement":
        sides = list(parties if parties is not None else agents)
        what = f" on {topics[0]}" if topics else ""
        if not sides:
            return f"agreement{what}"
        names = sides[0] if len(sides) == 1 else ", ".join(sides[:-1]) + " and " + sides[-1]
        return f"{names} {'agrees' if len(sides) == 1 else 'agree'}{what}"
    who = " and ".join(agents) if agents else "unstated actor"
    verb = {"Proposal": "proposes", "Rejection": "rejects", "Demand": "demands",
            "Statement": "says", "Meeting": "meets",
            "Acceptance": "partly accepts" if partial else "accepts"}[kind]
    if kind == "Meeting":
        return " meets ".join(agents[:1] + [", ".join(agents[1:])]) if len(agents) > 1 else who
    what = f"“{shorten(quote)}”" if quote else (topics[0] if topics else "")
    return f"{who} {verb} {what}".strip()


def shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def topic_head(label: str) -> str:
    """What a topic is about, for telling whether two topics are one: its head word
    ("long term ceasefire" -> ceasefire, "cessation of hostilities" -> cessation),
    singular, and folded into its family ("truce" and "ceasefire" are one thing)."""
    if not label:
        return ""
    words = label.lower().split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    head = re.sub(r"(?<=[^s])s$", "", head)  # agreements -> agreement, talks -> talk
    return lexicon.topic_families().get(head, head)


def resolve(results: list[ArticleResult]) -> Resolved:
    table = ActorTable()
    table.assign(results)
    places: dict[str, Place] = {}
    same_id: dict[str, list[ArticleResult]] = defaultdict(list)
    for result in results:
        same_id[result.article.id].append(result)
    events = [ev for texts in same_id.values() for ev in article_events(texts, table, places)]
    return Resolved([r.article for r in results], table.actors, places, events)


def article_events(results: list[ArticleResult], table: ActorTable, places: dict[str, Place]) -> list[Event]:
    """The events of one article, its actors resolved by ``table`` (whose ``finish`` has
    run): everything resolution does within an article. Nothing here looks at another
    article, which lets a streaming build read one article at a time. ``results`` are
    the texts of one article id (one, unless two inputs share an id: those are read as
    one article, their events after the first occurrence's)."""
    events: list[Event] = []
    for result in results:
        read_events(result, table, places, events)
        link_responses(events, result.article, table.actors)
    events = join_signatures(join_vague_answers(join_appeals(merge_repeats(events, table.actors)), table.actors))
    ensure_groups(table, results)
    events = drop_redundant_participants(events, table.actors)
    label_events(events, table.actors)
    return events


def read_events(result: ArticleResult, table: ActorTable, places: dict[str, Place],
                events: list[Event]) -> None:
    """The text's frames as events (to ``events``), their actors, place and date resolved,
    each response linked to what its own clause answers."""
    art = result.article
    published = parse_publication_date(art.date)
    made: dict[int, Event] = {}
    answered = {id(f.answers) for f in result.frames if f.answers}
    for frame in result.frames:
        agents = [k for k in dict.fromkeys(table.key(m) for m in frame.agents) if k]
        parts = [k for k in dict.fromkeys(table.key(m) for m in frame.participants) if k]
        sides = [k for k in dict.fromkeys(table.key(m) for m in frame.parties) if k]
        asked = [k for k in dict.fromkeys(table.key(m) for m in frame.addressees) if k and k not in agents]
        if frame.kind == "Meeting" and len(parts) < 2:
            continue
        if frame.kind in ("Rejection", "Demand", "Statement", "Acceptance") and not agents:
            continue
        if frame.kind == "Agreement" and not sides:
            continue
        if frame.kind == "Proposal" and not agents and id(frame) not in answered:
            continue  # a proposal by no one we know, that nobody here answers, says little
        for k in agents + parts + sides + asked:
            if k in table.actors:
                table.source(k, art.id)
        ev = Event(
            key=f"{art.id}/{frame.kind.lower()}-{frame.trigger_char}",
            kind=frame.kind, article=art.id, evidence=frame.evidence, label="",
            agents=agents, participants=parts, parties=sides, addressees=asked, topics=list(frame.topics),
            quote=frame.quote, partial=frame.partial, cameo=frame.cameo,
            status=frame.status, subclass=frame.subclass, trigger=frame.trigger,
            date_text=frame.date_text, position=frame.trigger_char,
            date_value=resolve_date(frame.date_text, published, frame.status))
        if frame.place is not None:
            ev.place = place_key(frame.place, places, table)
        made[id(frame)] = ev
        events.append(ev)
    for frame in result.frames:
        ev = made.get(id(frame))
        if ev is not None and frame.rejects is not None and id(frame.rejects) in made:
            ev.rejects = made[id(frame.rejects)].key
        if ev is not None and frame.accepts is not None and id(frame.accepts) in made:
            ev.accepts = made[id(frame.accepts)].key


def label_events(events: list[Event], actors: dict[str, Actor]) -> None:
    """Give each event its label from its actors and topics, as they are now."""
    for ev in events:
        names = [actors[k].label for k in (ev.agents or ev.participants) if k in actors]
        parties = [actors[k].label for k in ev.parties if k in actors]
        ev.label = event_label(ev.kind, names, ev.topics, ev.quote, parties=parties, partial=ev.partial)


def same_actors(first: Event, ev: Event, actors: dict[str, Actor] | None = None) -> bool:
    """Whether two statements of one fact name its actors alike. Meetings need the same
    participants; a proposal, demand or rejection may name more of its agents in one
    sentence than in another ("Ukraine calls for a truce" ... "the truce proposed by
    Ukraine and its partners"), so one named set inside the other is the same fact."""
    if ev.kind in ("Meeting", "Agreement"):
        # A meeting told twice may name more of its participants once ("Kerry met Abbas"
        # ... "Kerry, Abbas and their aides met"): one set inside the other, of the same
        # kind of meeting, on no conflicting date.
        a = set(first.participants if ev.kind == "Meeting" else first.parties)
        b = set(ev.participants if ev.kind == "Meeting" else ev.parties)
        return represented_within(a, b, actors) or represented_within(b, a, actors)
    a, b = set(first.agents), set(ev.agents)
    return a == b or (bool(a) and bool(b) and (a <= b or b <= a))


def same_kind_of_meeting(first: Event, ev: Event) -> bool:
    """A call is no summit; but a visit and the talks held on it are one."""
    return {first.subclass, ev.subclass} in ({first.subclass}, {"", "Visit"})


def dates_differ(first: Event, ev: Event) -> bool:
    """Two meetings of the same sides on two different dates are two meetings."""
    return bool(first.date_value and ev.date_value and first.date_value != ev.date_value)


def represented_within(smaller: set[str], larger: set[str], actors: dict[str, Actor] | None) -> bool:
    """Every actor of ``smaller`` is in ``larger``, itself or as the person who speaks for
    it or the country it speaks for ("Clinton met Kiir" ~ "Clinton met South Sudan")."""
    def affiliations(key: str) -> set[str]:
        return actors[key].affiliations if actors and key in actors else set()
    return all(k in larger or any(k in affiliations(j) or j in affiliations(k) for j in larger)
               for k in smaller)


def merge_repeats(events: list[Event], actors: dict[str, Actor] | None = None) -> list[Event]:
    """One event per fact and article: "Russia rejected the truce" said three times in
    one article is one rejection, with every sentence that says it as evidence."""
    def about(ev: Event) -> frozenset[str]:
        heads = frozenset(topic_head(t) for t in ev.topics)
        answered = getattr(ev, RESPONSES[ev.kind]) if ev.kind in RESPONSES else None
        return heads | {"answers:" + answered} if answered else heads

    def key(ev: Event) -> tuple | None:
        if ev.kind == "Statement" or ev.kind != "Meeting" and not about(ev):
            return None  # about nothing we can tell: never the same as another
        return ev.article, ev.kind

    def same(first: Event, ev: Event) -> bool:
        # One telling may say more of it than another ("a truce" ... "a truce and talks").
        if ev.kind != "Meeting" and not (about(first) <= about(ev) or about(ev) <= about(first)):
            return False
        return same_actors(first, ev, actors) and not (
            ev.kind in ("Meeting", "Agreement") and (dates_differ(first, ev) or not same_kind_of_meeting(first, ev)))

    return fold_repeats(events, key, same)


def fold_repeats(events: list[Event], key, same) -> list[Event]:
    """Fold each event into the first before it with the same ``key`` (None: none) for
    which ``same(first, event)`` holds, pointing answers at the event that is kept."""
    kept: dict[tuple, list[Event]] = defaultdict(list)
    renamed: dict[str, str] = {}
    out: list[Event] = []
    for ev in events:
        group = key(ev)
        first = next((e for e in kept[group] if same(e, ev)), None) if group is not None else None
        if first is None:
            if group is not None:
                kept[group].append(ev)
            out.append(ev)
            continue
        renamed[ev.key] = first.key
        fold_into(first, ev)
    repoint(out, renamed)
    return out


APPEALS = ("Proposal", "Demand")


def join_appeals(events: list[Event]) -> list[Event]:
    """One side pressing the same others again in one article ("urged A and B to settle
    their disputes", "said both need to compromise", "stressed the need for them to
    reach a deal") makes one appeal of several asks: one event with each ask a topic,
    of the kind of its first telling. Appeals to others, or on other dates, stay apart."""
    def key(ev: Event) -> tuple | None:
        if ev.kind not in APPEALS or not ev.addressees or not ev.agents:
            return None
        return ev.article, frozenset(ev.addressees)

    return fold_repeats(events, key, lambda first, ev: same_actors(first, ev) and not dates_differ(first, ev))


def topic_families_of(topics: list[str]) -> set[str]:
    """Every family a topic's words belong to: "ceasefire agreement" is both a truce
    and a deal."""
    families = lexicon.topic_families()
    words = {w.rstrip("s") if w.rstrip("s") in families else w for t in topics for w in t.lower().split()}
    return {families.get(w, w) for w in words}


def join_signatures(events: list[Event]) -> list[Event]:
    """One accord signed by each side in turn ("X signed the truce on Friday", "Y signed
    the ceasefire agreement on Saturday") is one agreement of both; a signature no other
    side joins in the article is no agreement between two sides, and is dropped."""
    out: list[Event] = []
    pending: dict[str, list[Event]] = defaultdict(list)  # article -> single signatures
    for ev in events:
        if ev.kind != "Agreement" or len(ev.parties) >= 2:
            out.append(ev)
            continue
        first = next((e for e in pending[ev.article]
                      if topic_families_of(e.topics) & topic_families_of(ev.topics)
                      and not set(e.parties) & set(ev.parties)), None)
        if first is None:
            pending[ev.article].append(ev)
            out.append(ev)
            continue
        fold_into(first, ev)
    return [ev for ev in out if ev.kind != "Agreement" or len(ev.parties) >= 2]


def fold_into(first: Event, ev: Event) -> None:
    """Make ``first`` carry what a second statement of the same fact in its article adds:
    more actors, its sentence as evidence, its topics, and a date or place ``first`` lacked."""
    join_details(first, ev)
    first.evidence_more.append(ev.evidence)


def join_details(first: Event, ev: Event) -> None:
    """What another telling of ``first`` adds to it: more actors and topics, and a date or
    place ``first`` lacked."""
    for field_name in ("agents", "participants", "parties", "addressees", "topics"):
        kept = getattr(first, field_name)
        kept.extend(v for v in getattr(ev, field_name) if v not in kept)
    first.date_value = first.date_value or ev.date_value
    first.date_text = first.date_text or ev.date_text
    first.place = first.place or ev.place


def drop_redundant_participants(events: list[Event], actors: dict[str, Actor]) -> list[Event]:
    """A country beside its own leader in a meeting ("Trump and Putin", plus Russia), or
    a side beside the one who signed for it in an agreement, adds no one: keep the
    people. A meeting of someone with only their own side ("the foreign secretary ...
    meeting British troops") is no meeting between parties."""
    kept = []
    for ev in events:
        if ev.kind in ("Meeting", "Agreement"):
            role = "participants" if ev.kind == "Meeting" else "parties"
            sides = getattr(ev, role)
            represented = {aff for k in sides for aff in actors[k].affiliations}
            trimmed = [k for k in sides if k not in represented]
            if len(trimmed) < 2:
                continue
            setattr(ev, role, trimmed)
        kept.append(ev)
    return kept


def ensure_groups(table: ActorTable, results: list[ArticleResult]) -> None:
    for result in results:
        for frame in result.frames:
            for m in frame.actors:
                ref = m.referent
                key = table.key(m, result.article.id)
                if key and key.startswith("g:"):
                    table.actors.setdefault(key, Actor(key, "group", ref.name))
                    table.source(key, result.article.id)


def place_key(mention: Mention, places: dict[str, Place], table: ActorTable) -> str:
    label = clean_surface(mention.text)
    key = "place:" + lexicon.fold(label)
    if key not in places:
        country = table.known_key(mention.name) if mention.kind == "country" else None
        places[key] = Place(key, label, country if country in table.actors else None)
    return key


def is_bare_ask(topic: str) -> bool:
    """A topic that is only a word for a proposal or demand ("the condition", "the offer")."""
    return names_only(topic, APPEALS)


ANSWERS = ("Rejection", "Acceptance")


def join_vague_answers(events: list[Event], actors: dict[str, Actor]) -> list[Event]:
    """A rejection or acceptance of only "the condition" or "the offer", where the same
    side (or the country its envoy speaks for) answers one named thing the same way in
    its article ("turned down a condition
    for resuming talks" ... "repeated its refusal to lift sanctions"), is that answer
    told without its content: one event. With two or more named answers to choose from,
    which one it was the text does not say, and it stays apart."""
    renamed: dict[str, str] = {}
    orphans: set[str] = set()  # what a folded answer answered: unattributed, it goes with it
    out: list[Event] = []
    for ev in events:
        if ev.kind in ANSWERS and ev.topics and all(is_bare_ask(t) for t in ev.topics):
            named = [e for e in events if e is not ev and e.article == ev.article and e.kind == ev.kind
                     and e.key not in renamed and not all(is_bare_ask(t) for t in e.topics)
                     and (represented_within(set(ev.agents), set(e.agents), actors)
                          or represented_within(set(e.agents), set(ev.agents), actors))
                     and not dates_differ(e, ev)]
            if len(named) == 1:
                renamed[ev.key] = named[0].key
                orphans.update(getattr(ev, a) for a in RESPONSES.values() if getattr(ev, a))
                fold_into(named[0], ev)
                continue
        out.append(ev)
    repoint(out, renamed)
    return drop_unanswered(out, orphans)


def is_proposal_word(topic: str) -> bool:
    """A topic that is only a word for a proposal ("the offer", "calls")."""
    return names_only(topic, ("Proposal",))


def names_only(topic: str, kinds: tuple[str, ...]) -> bool:
    """Whether a topic is only a trigger noun of one of ``kinds``, singular or plural."""
    word = topic.strip().lower()
    forms = {word, word[:-1] if word.endswith("s") else word}
    return any(t.kind in kinds for form in forms for t in lexicon.triggers().get((form, "NOUN"), ()))


def agents_overlap(a: list[str], b: list[str], actors: dict[str, Actor]) -> bool:
    """Same actors, counting a person as the country or body they represent."""
    def widen(keys):
        return set(keys) | {aff for k in keys if k in actors for aff in actors[k].affiliations}
    return bool(widen(a) & widen(b))


# A response kind and the attribute that points at what it responds to.
RESPONSES = {"Rejection": "rejects", "Acceptance": "accepts"}


def drop_unanswered(events: list[Event], orphans: set[str]) -> list[Event]:
    """An unattributed proposal stands for what a response answered: once no response
    answers it, it says nothing."""
    answered = {getattr(ev, a) for ev in events for a in RESPONSES.values()}
    return [ev for ev in events if not (ev.key in orphans and not ev.agents and ev.key not in answered)]


def repoint(events: list[Event], renamed: dict[str, str]) -> None:
    """Point every response at the event that took the place of what it answered."""
    for ev in events:
        for attribute in RESPONSES.values():
            key = getattr(ev, attribute)
            while key in renamed:
                key = renamed[key]
            setattr(ev, attribute, key)


def link_responses(events: list[Event], article: Article, actors: dict[str, Actor],
                   mine: list[Event] | None = None) -> None:
    """Point each rejection and acceptance of the article at the proposal it answers.

    A proposal frame inside the response's own clause was linked by the events stage.
    Otherwise: a proposal of the same article about the same thing (same head word),
    made by someone else, nearest first; otherwise one unattributed proposal per topic,
    shared by the responses of that article to it.

    ``mine``, when given, is the article's events in the order of ``events``, and is
    kept so.
    """
    own = mine if mine is not None else [e for e in events if e.article == article.id]
    proposals = [e for e in own if e.kind == "Proposal"]
    implicit: dict[str, Event] = {}
    for kind, attribute in RESPONSES.items():
        for response in [e for e in own if e.kind == kind]:
            link_response(response, attribute, proposals, implicit, events, article, actors, mine)


def link_response(rej: Event, attribute: str, proposals: list[Event], implicit: dict[str, Event],
                  events: list[Event], article: Article, actors: dict[str, Actor],
                  mine: list[Event] | None) -> None:
    target = next((p for p in proposals if p.key == getattr(rej, attribute)), None)
    if target is not None and all(is_proposal_word(t) for t in target.topics):
        # "rejected Washington's calls": the calls are the proposal Washington made
        # in the article, stated with its topic elsewhere.
        same = [p for p in proposals if p is not target and p.agents
                and not all(is_proposal_word(t) for t in p.topics)
                and agents_overlap(p.agents, target.agents, actors)]
        if same:
            setattr(rej, attribute, same[0].key)
            events.remove(target)
            if mine is not None:
                mine.remove(target)
            proposals.remove(target)
            if all(is_proposal_word(t) for t in rej.topics):
                rej.topics = list(same[0].topics)  # "rejects calls" -> what was called for
    if getattr(rej, attribute):
        return
    heads = {topic_head(t) for t in rej.topics}
    # Proposals with agents are read from the text, so their position is their trigger's.
    earlier = [p for p in proposals if p.agents and not set(p.agents) & set(rej.agents)
               and p.position < rej.position]
    if earlier and rej.topics and all(is_proposal_word(t) for t in rej.topics):
        # "India rejected the offer": the offer last made in the article.
        setattr(rej, attribute, max(earlier, key=lambda p: p.position).key)
        return
    candidates = [p for p in proposals if heads & {topic_head(t) for t in p.topics}
                  and not set(p.agents) & set(rej.agents)]
    if candidates:
        setattr(rej, attribute, min(candidates, key=lambda p: abs(p.position - rej.position)).key)
        return
    topic = rej.topics[0] if rej.topics else "unstated proposal"
    head = topic_head(topic)
    if head not in implicit:
        implicit[head] = Event(
            key=f"{article.id}/proposal-implied-{slug(topic)}", kind="Proposal",
            article=article.id, evidence=rej.evidence, label="", topics=[topic],
            status=rej.status, trigger="", position=rej.position,
            cameo=lexicon.cameo_default("Proposal"))
        events.append(implicit[head])
        if mine is not None:
            mine.append(implicit[head])
    setattr(rej, attribute, implicit[head].key)
