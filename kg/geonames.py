"""GeoNames identities of Parley's places and countries, for linked data.

Read from the gazetteer data Parley builds from GeoNames (``data/cities.tsv`` and
``data/country_geonames.tsv``, written by scripts/make_cities.py): a town or city of
15,000 people or more has its GeoNames id and coordinates, a country its GeoNames id
(the data has no coordinates for countries). The graph links them with ``owl:sameAs``
to ``https://sws.geonames.org/<id>/`` and gives a place ``geo:lat``/``geo:long``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import lexicon

GEONAMES_IRI = "https://sws.geonames.org/{}/"
MIN_ALIAS = 4  # shorter other names are codes and nicknames more than names (as lexicon.cities)


@dataclass(frozen=True)
class Feature:
    """A GeoNames feature: its id and, for a town, its WGS84 coordinates as written."""

    geonameid: str
    latitude: str = ""
    longitude: str = ""

    @property
    def iri(self) -> str:
        return GEONAMES_IRI.format(self.geonameid)


@cache
def towns() -> tuple[dict[str, list[tuple[str, Feature]]], dict[str, list[tuple[str, Feature]]]]:
    """(by name, by other name): folded name -> [(iso2, feature)], most populous first
    (the order of cities.tsv)."""
    by_name: dict[str, list[tuple[str, Feature]]] = {}
    by_alias: dict[str, list[tuple[str, Feature]]] = {}
    for row in lexicon.read_tsv("cities.tsv"):
        if not row.get("geonameid"):
            continue
        entry = (row["iso2"], Feature(row["geonameid"], row["latitude"], row["longitude"]))
        by_name.setdefault(lexicon.fold(row["name"]), []).append(entry)
        for alias in lexicon.split_cell(row["aliases"]):
            if len(alias) >= MIN_ALIAS:
                by_alias.setdefault(lexicon.fold(alias), []).append(entry)
    return by_name, by_alias


@cache
def countries() -> dict[str, Feature]:
    """ISO 3166 code -> the country's GeoNames feature."""
    return {row["iso2"]: Feature(row["geonameid"]) for row in lexicon.read_tsv("country_geonames.tsv")}


@cache
def country_codes() -> dict[str, str]:
    """Parley's canonical country name -> its ISO code."""
    return {name: code for code, name in lexicon.gazetteer().country_by_iso2.items()}


def country_code(name: str) -> str | None:
    return country_codes().get(name)


def country(name: str) -> Feature | None:
    """The GeoNames feature of the country Parley calls ``name``."""
    code = country_code(name)
    return countries().get(code) if code else None


def town(label: str, country_name: str | None = None) -> Feature | None:
    """The GeoNames town a place label names: by its name before its other names; in
    ``country_name`` when the place is known to lie there, else the most populous."""
    code = country_code(country_name) if country_name else None
    key = lexicon.fold(label)
    for index in towns():
        found = index.get(key, [])
        if code:
            found = [entry for entry in found if entry[0] == code]
        if found:
            return found[0][1]
    return None


def place(label: str, country_name: str | None = None) -> Feature | None:
    """The GeoNames feature of a place: a town, or (for "Ukraine" used as a place) the
    country it names."""
    found = town(label, country_name)
    if found:
        return found
    known = lexicon.gazetteer().lookup(label)
    if known and known.kind == "country" and known.subkind in ("name", "alias"):
        return country(known.name)
    return None
