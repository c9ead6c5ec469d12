"""Checks of the world-knowledge data files in kg/data (countries, organisations, titles)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.lexicon import split_cell, surface_key

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"

COUNTRY_HEADER = ["name", "aliases", "capitals", "seats", "adjectives", "people", "iso2"]
ORG_HEADER = ["name", "aliases", "kind", "country"]
TITLE_HEADER = ["title", "category"]
ORG_KINDS = {"intergovernmental", "alliance", "court", "ngo", "armed_group", "political_party",
             "government_body", "news_outlet", "company"}
TITLE_CATEGORIES = {"head_of_state", "head_of_government", "minister", "diplomat", "military",
                    "legislator", "royal", "religious", "official", "spokesperson", "other"}


def load(name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a tab-separated file; '#' lines after the header are comments."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


cells = split_cell
key = surface_key


@pytest.fixture(scope="module")
def countries():
    return load("countries.tsv")


@pytest.fixture(scope="module")
def organizations():
    return load("organizations.tsv")


@pytest.fixture(scope="module")
def titles():
    return load("titles.tsv")


@pytest.mark.parametrize("name,header", [("countries.tsv", COUNTRY_HEADER),
                                         ("organizations.tsv", ORG_HEADER),
                                         ("titles.tsv", TITLE_HEADER)])
def test_header_and_shape(name, header):
    found, rows = load(name)
    assert found == header
    for number, row in enumerate(rows, start=2):
        assert len(row) == len(header), f"{name}: row {number} has {len(row)} columns: {row}"
        assert row[0].strip(), f"{name}: row {number} has no name"
        for cell in row:
            assert cell == cell.strip(), f"{name}: stray whitespace in {cell!r}"
            assert '"' not in cell, f"{name}: quote character in {cell!r}"
            if cell:
                assert all(part == part.strip() and part for part in cell.split("|")), \
                    f"{name}: empty or padded value in {cell!r}"


def test_country_codes(countries):
    _, rows = countries
    codes = [row[6] for row in rows]
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes), codes
    assert len(codes) == len(set(codes)), "duplicate iso2"
    assert len(rows) >= 195
    names = [row[0] for row in rows]
    assert len(names) == len(set(names))
    for expected in ("Russia", "Ukraine", "United States", "China", "Palestine", "Israel",
                     "Kosovo", "Taiwan", "Vatican City", "Western Sahara", "South Sudan"):
        assert expected in names


def test_country_surfaces_unique(countries):
    _, rows = countries
    owner: dict[str, str] = {}
    clashes = []
    for row in rows:
        surfaces = [row[0]] + [s for column in row[1:6] for s in cells(column)]
        for surface in surfaces:
            k = key(surface)
            if owner.setdefault(k, row[0]) != row[0]:
                clashes.append((surface, owner[k], row[0]))
            # the case-insensitive form too, as the brief of the file asks
            low = "~" + surface.lower()
            if owner.setdefault(low, row[0]) != row[0]:
                clashes.append((surface, owner[low], row[0]))
    assert not clashes, clashes


def test_organizations(organizations, countries):
    _, rows = organizations
    codes = {row[6] for row in countries[1]}
    names = [row[0] for row in rows]
    assert len(names) == len(set(names)), "duplicate organisation name"
    assert len(rows) >= 300
    for row in rows:
        assert row[2] in ORG_KINDS, row
        assert row[3] == "" or row[3] in codes, row
    assert sum(row[2] == "news_outlet" for row in rows) >= 100


def test_organization_surfaces_unique(organizations, countries):
    owner: dict[str, str] = {}
    for row in countries[1]:
        for surface in [row[0]] + [s for column in row[1:6] for s in cells(column)]:
            owner[key(surface)] = "country " + row[0]
    clashes = []
    for row in organizations[1]:
        for surface in [row[0]] + cells(row[1]):
            k = key(surface)
            if owner.setdefault(k, row[0]) != row[0]:
                clashes.append((surface, owner[k], row[0]))
    assert not clashes, clashes


def test_titles(titles):
    _, rows = titles
    found = [row[0] for row in rows]
    assert all(t == t.lower() for t in found), [t for t in found if t != t.lower()]
    assert len(found) == len(set(found)), "duplicate title"
    assert len(found) >= 200
    assert all(row[1] in TITLE_CATEGORIES for row in rows)
    for expected in ("president", "prime minister", "foreign minister", "defense secretary",
                     "secretary of state", "spokesman", "ambassador", "general", "king"):
        assert expected in found


def test_no_leading_article_outside_proper_names(countries, organizations):
    """The gazetteer folds "the" away; written in, it would pull the article into mentions."""
    leading = re.compile(r"(?i)the\s")
    for row in countries[1]:
        for surface in [s for column in row[1:6] for s in cells(column)]:
            assert not leading.match(surface) or surface == "The Hague", (row[0], surface)
    for row in organizations[1]:
        if row[2] != "news_outlet":  # "The Moscow Times" is the outlet's own name
            assert not any(leading.match(s) for s in cells(row[1])), row
