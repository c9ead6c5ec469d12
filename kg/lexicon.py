"""Parley's world knowledge and word lists, loaded once from ``kg/data``.

Everything the extractor knows about the world (countries, capitals, seats of
government, organisations, titles) and about English (trigger words, speech verbs,
modal cues) lives in data files next to this module, never in code. This module only
reads them and serves them as plain Python structures.
"""
from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Iterator

DATA = resources.files("kg") / "data"


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file; '#' lines after the header are comments."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items()}


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


# Names recur across mentions and articles; folding is pure, so each is folded once.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key for matching names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").casefold()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w\s'-]", "", text.replace(".", ""))
    return re.sub(r"\s+", " ", text).strip()


def matches_as_written(surface: str) -> bool:
    """Short all-caps and mixed-case forms ("US", "UK", "IS", "LeT") collide with
    ordinary words when folded, so they only match as written."""
    letters = surface.replace(".", "")
    mixed = letters[1:] != letters[1:].lower() and not letters.isupper()
    return len(letters) <= 3 and letters.isupper() or len(letters) <= 5 and mixed


def surface_key(surface: str) -> str:
    """The key the gazetteer files a surface form under."""
    return "=" + surface if matches_as_written(surface) else fold(surface)


@cache
def lexicon() -> dict:
    """The word lists of ``data/lexicon.toml``."""
    with (DATA / "lexicon.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def words(section: str) -> frozenset[str]:
    """One word list of the lexicon, as a set of lower-case entries."""
    return frozenset(w.lower() for w in lexicon()[section]["words"])


@cache
def prepositions(role: str) -> frozenset[str]:
    """The prepositions that introduce one role, from lexicon.toml [prepositions]."""
    return frozenset(w.lower() for w in lexicon()["prepositions"][role])


@cache
def topic_families() -> dict[str, str]:
    """Head word -> the first word of its family in lexicon.toml [topic_families]."""
    families = {}
    for members in lexicon()["topic_families"]["groups"]:
        for word in members:
            families[word.lower()] = members[0].lower()
    return families


@cache
def boilerplate_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(row["pattern"], re.I) for row in read_tsv("boilerplate.tsv"))


@dataclass(frozen=True)
class Known:
    """An actor the gazetteer knows: its canonical name and class."""

    name: str
    kind: str  # country | organization | news_outlet
    subkind: str = ""  # capital | seat | adjective | people | alias | name, or an org kind
    country: str = ""  # for organisations that belong to a country: its canonical name


@dataclass
class Gazetteer:
    """Surface form (folded) -> what it names."""

    names: dict[str, Known] = field(default_factory=dict)
    case_sensitive: dict[str, Known] = field(default_factory=dict)  # short all-caps forms
    countries: dict[str, Known] = field(default_factory=dict)  # canonical name -> Known
    country_by_iso2: dict[str, str] = field(default_factory=dict)  # "SD" -> "Sudan"
    surfaces: set[str] = field(default_factory=set)  # every form as written, for matchers
    # Every span the matchers find and every entity is looked up, mostly the same few
    # hundred names: answers are kept until the next ``add``.
    _looked_up: dict[str, Known | None] = field(default_factory=dict, repr=False, compare=False)
    # Countries by the folded last word of their name ("korea": North and South Korea).
    _by_last_word: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def add(self, surface: str, known: Known) -> None:
        self._looked_up.clear()
        self.surfaces.add(surface)
        if matches_as_written(surface):
            self.case_sensitive.setdefault(surface, known)
        else:
            self.names.setdefault(fold(surface), known)

    def countries_sharing(self, plural: str) -> list[str]:
        """The countries a plural of their common last name stands for ("the two Koreas",
        "both Sudans", "the Congos"), where two or more share it; else none."""
        if not plural.endswith("s") or len(plural) < 4:
            return []
        if self._by_last_word is None:  # asked of every one-word name: folded once
            self._by_last_word = {}
            for name in sorted(self.countries):
                self._by_last_word.setdefault(fold(name.split()[-1]), []).append(name)
        named = self._by_last_word.get(fold(plural[:-1]), [])
        return list(named) if len(named) >= 2 else []

    def lookup(self, surface: str) -> Known | None:
        try:
            return self._looked_up[surface]
        except KeyError:
            pass
        if len(self._looked_up) >= 1 << 16:
            self._looked_up.clear()
        found = self._looked_up[surface] = self._lookup(surface)
        return found

    def _lookup(self, surface: str) -> Known | None:
        surface = surface.strip()
        surface = re.sub(r"['\u2019]s?$", "", surface)
        if surface in self.case_sensitive:
            return self.case_sensitive[surface]
        return self.names.get(fold(surface))


@cache
def gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    iso_to_name = gaz.country_by_iso2
    for row in read_tsv("countries.tsv"):
        name = row["name"]
        iso_to_name[row["iso2"]] = name
        gaz.countries[name] = Known(name, "country", "name")
        gaz.add(name, gaz.countries[name])
        for column, subkind in (("aliases", "alias"), ("capitals", "capital"), ("seats", "seat"),
                                ("adjectives", "adjective"), ("people", "people")):
            for surface in split_cell(row[column]):
                gaz.add(surface, Known(name, "country", subkind))
    for row in read_tsv("organizations.tsv"):
        kind = "news_outlet" if row["kind"] == "news_outlet" else "organization"
        known = Known(row["name"], kind, row["kind"], iso_to_name.get(row["country"], ""))
        gaz.add(row["name"], known)
        for surface in split_cell(row["aliases"]):
            gaz.add(surface, known)
    return gaz


@cache
def cities() -> dict[str, str]:
    """Folded name or other spelling of a town or city of 15,000 people or more (from
    ``data/cities.tsv``) -> the ISO code of its country. Capitals are in the gazetteer."""
    found: dict[str, str] = {}
    plain = re.compile(r"[A-Za-z][A-Za-z' -]*")
    for row in read_tsv("cities.tsv"):
        for surface in [row["name"], *split_cell(row["aliases"])]:
            if len(surface) < 4:  # shorter forms are codes and nicknames more than names
                continue
            # Most names are plain ASCII words, whose fold is their case-folded form; the
            # rest take the full fold, uncached so as not to crowd the cache of article names.
            key = surface.casefold() if plain.fullmatch(surface) and not surface.lower().startswith("the ") \
                and "  " not in surface else fold.__wrapped__(surface)
            found.setdefault(key, row["iso2"])
    return found


@cache
def people() -> dict[str, str]:
    """Folded full name of a political figure -> the canonical name of their country
    (people.tsv, from PETRARCH2's dictionary of the world's office holders to 2014)."""
    found = {}
    for row in read_tsv("people.tsv"):
        for surface in (row["name"], *split_cell(row["aliases"])):
            found[fold(surface)] = row["country"]
    return found


def city_country(name: str) -> str | None:
    """The canonical name of the country of the town or city called ``name``, if any."""
    iso2 = cities().get(fold(name))
    return gazetteer().country_by_iso2.get(iso2) if iso2 else None


@cache
def titles() -> dict[str, str]:
    """Lower-case title -> category (head_of_state, minister, diplomat, military, ...)."""
    found = {row["title"].lower(): row["category"] for row in read_tsv("titles.tsv")}
    for extra in lexicon()["titles"]["words"]:
        found.setdefault(extra.lower(), "other")
    return found


@cache
def title_heads() -> frozenset[str]:
    """The last word of every title ("representative" of "Trade Representative")."""
    return frozenset(title.split()[-1] for title in titles())


@dataclass(frozen=True)
class Trigger:
    """A word that signals an event, read from ``data/triggers.tsv`` (written by hand) and
    ``data/cameo_triggers.tsv`` (verbs of the CAMEO dictionary, by scripts/make_triggers.py)."""

    lemma: str
    pos: str  # VERB or NOUN
    kind: str  # Meeting | Proposal | Rejection | Demand | Acceptance | Agreement
    needs: str = ""  # a child word that must be present ("out" in "rule out")
    polarity: str = "+"  # "+": an event unless negated; "-": an event only when negated
    subclass: str = ""  # PhoneCall | Visit for meetings
    cameo: str = ""  # the CAMEO event code of what the trigger signals ("040", "120")


@cache
def cameo_defaults() -> dict:
    """lexicon.toml [cameo_defaults]: default ``codes`` and fitting code ``families`` by
    class or subclass."""
    return lexicon()["cameo_defaults"]


def cameo_fits(code: str, kind: str, subclass: str = "") -> bool:
    """Whether a CAMEO code describes an event of this class (and subclass, if it has its
    own families): "046" fits a Meeting, "080" does not."""
    families = cameo_defaults()["families"]
    prefixes = families.get(subclass) or families.get(kind, [])
    return bool(code) and any(code.startswith(prefix) for prefix in prefixes)


def cameo_default(kind: str, subclass: str = "") -> str:
    """The CAMEO code of an event of this class with no better one (no trigger word, or a
    trigger whose own code does not fit): "040" for a Meeting, "041" for a PhoneCall."""
    codes = cameo_defaults()["codes"]
    return codes.get(subclass) or codes.get(kind, "")


@cache
def cameo_verbs() -> dict[tuple[str, str], list[str]]:
    """(lemma, particle) -> the CAMEO codes the dictionary gives that verb, from
    ``data/cameo_verbs.tsv``."""
    table: dict[tuple[str, str], list[str]] = {}
    for row in read_tsv("cameo_verbs.tsv"):
        table.setdefault((row["lemma"], row["needs"]), []).append(row["cameo"])
    return table


def trigger_cameo(lemma: str, needs: str, kind: str, subclass: str = "") -> str:
    """The code of the CAMEO verb (with its particle, else bare) that fits the class, else
    the class's default: "negotiate" is CAMEO 080 (yield), so as a Meeting it takes 040."""
    verbs = cameo_verbs()
    for code in [*verbs.get((lemma, child_word(needs)), []), *verbs.get((lemma, ""), [])]:
        if cameo_fits(code, kind, subclass):
            return code
    return cameo_default(kind, subclass)


def child_word(needs: str) -> str:
    """The word a trigger's need names, without its condition: "on@actor" -> "on",
    "=agreement_objects" -> "" (see data/triggers.tsv)."""
    return re.split(r"[@=>]", needs, maxsplit=1)[0]


@cache
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, POS) -> triggers, those that need a child word first.

    The hand-written triggers.tsv comes first and takes precedence: a generated row of
    cameo_triggers.tsv with the same lemma, POS, class, child word and polarity adds no
    trigger, only its CAMEO code where the hand-written row states none. A trigger's CAMEO
    code is its row's, else the dictionary's for its verb if that fits its class, else the
    class's default."""
    rows: dict[tuple[str, str, str, str, str], dict[str, str]] = {}
    for name in ("triggers.tsv", "cameo_triggers.tsv"):
        for row in read_tsv(name):
            needs = row["needs"].lower()
            # A hand-written need may carry a condition ("on@actor"): it refines, and so
            # replaces, a generated row with the same child word ("on").
            key = (row["lemma"].lower(), row["pos"], row["class"], child_word(needs), row["polarity"] or "+")
            if key in rows:
                rows[key]["cameo"] = rows[key].get("cameo") or row.get("cameo", "")
            else:
                rows[key] = dict(row, needs=needs)
    table: dict[tuple[str, str], list[Trigger]] = {}
    for (lemma, pos, kind, _, polarity), row in rows.items():
        subclass, needs = row["subclass"], row["needs"]
        cameo = row.get("cameo") or trigger_cameo(lemma, needs, kind, subclass)
        trig = Trigger(lemma, pos, kind, needs, polarity, subclass, cameo)
        table.setdefault((trig.lemma, trig.pos), []).append(trig)
    for options in table.values():
        # The more specific first: a trigger that needs a word, and of those one that names a
        # narrower class ("spoke by phone with" is a phone call before it is "spoke with").
        options.sort(key=lambda t: (not t.needs, not t.subclass, t.polarity))
    return table
