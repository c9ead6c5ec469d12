"""Checks of the trigger data generated from PETRARCH2's CAMEO verb dictionary
(kg/data/cameo_verbs.tsv, kg/data/cameo_triggers.tsv) and of the CAMEO codes triggers carry."""
from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kg import lexicon

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "data"
SCRIPT = ROOT / "scripts" / "make_triggers.py"
CURATION = ROOT / "scripts" / "cameo_curation.toml"
SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "CAMEO.verbpatterns.150430.txt"
GENERATED = {"cameo_verbs.tsv": ["lemma", "needs", "cameo", "block"],
             "cameo_triggers.tsv": ["lemma", "pos", "class", "needs", "polarity", "subclass", "cameo"]}
# What CAMEO codes each class, written out here rather than read from lexicon.toml, so a
# wrong table there fails too.
FAMILY = {"Meeting": ("04",), "PhoneCall": ("041",), "Visit": ("042", "043"),
          "Proposal": ("02", "03"), "Demand": ("10",), "Rejection": ("12",),
          "Acceptance": ("08",), "Agreement": ("057",)}
# Verbs of the CAMEO blocks Parley draws on that are too broad as a main verb.
BROAD_VERBS = ["need", "want", "push", "press", "face", "brave", "confront", "campaign",
               "continue", "encounter", "call", "ask", "deny", "resist", "decline", "receive",
               "advise", "plead", "approve", "support", "back", "welcome"]


def load(name: str) -> tuple[list[str], list[str], list[list[str]]]:
    """Column names, '#' header lines and rows of a generated file."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    table = list(csv.reader([line for line in lines if not line.startswith("#")],
                            delimiter="\t", quoting=csv.QUOTE_NONE))
    return table[0], comments, table[1:]


def script():
    spec = importlib.util.spec_from_file_location("make_triggers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def family_of(kind: str, subclass: str = "") -> tuple[str, ...]:
    return FAMILY.get(subclass) or FAMILY[kind]


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_file_parses(name):
    columns, _, rows = load(name)
    assert columns == GENERATED[name]
    assert rows
    for number, row in enumerate(rows, start=2):
        assert len(row) == len(columns), f"{name}: row {number}: {row}"
        assert all(cell == cell.strip() for cell in row), f"{name}: row {number}: {row}"
        assert row[0] and row[0] == row[0].lower(), f"{name}: row {number}: {row}"
        cameo = row[columns.index("cameo")]
        assert cameo.isdigit() and len(cameo) in (3, 4), f"{name}: row {number}: {row}"
    assert rows == sorted(rows), f"{name} is not sorted"
    assert len({tuple(row) for row in rows}) == len(rows), f"{name} has duplicate rows"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_file_states_its_provenance(name):
    _, comments, _ = load(name)
    header = "\n".join(comments)
    for expected in ("CAMEO.verbpatterns.150430.txt", "openeventdata/petrarch2", "676801cd",
                     "The MIT License", "Copyright (c) 2015 Open Event Data Alliance",
                     "Permission is hereby granted", "scripts/make_triggers.py"):
        assert expected in header, f"{name}: header lacks {expected!r}"


def test_cameo_verbs_keep_their_dictionary_codes():
    _, _, rows = load("cameo_verbs.tsv")
    verbs = {(lemma, needs): (code, block) for lemma, needs, code, block in rows}
    assert ("rule", "out") not in verbs  # REFUSE [---]: the dictionary codes it by pattern only
    assert verbs[("meet", "with")] == ("040", "MEET_PEOPLE")
    assert verbs[("call", "for")] == ("020", "CALLED_FOR")
    assert verbs[("visit", "")] == ("042", "VISIT")  # [042:043]: the first code is the verb's
    assert verbs[("host", "")] == ("043", "HOST")
    assert verbs[("decline", "")] == ("120", "REFUSE")  # a verb's own code beats its block's
    allowed = ("01", "02", "03", "04", "05", "08", "10", "12", "13")
    assert all(code[:2] in allowed for code, _ in verbs.values())
    assert ("kill", "") not in verbs  # 190: a family Parley has no use for


def test_reading_the_dictionary_format():
    make = script()
    assert make.verb_of("+MEET_WITH") == ("meet", "with")
    assert make.verb_of("RE_+OPEN") == ("reopen", "")  # "+" marks the verb; a prefix joins it
    assert make.verb_of("RATIFY") == ("ratify", "")
    assert make.cameo_code("042:043") == "042" and make.cameo_code("---") == ""
    verbs = make.read_dictionary("""# header
&SYNONYMS
+WAS
--- MEET_PEOPLE [040] ---
MEET {MEETS MET MEETING}
+MEET_WITH {+MET_WITH}  # a comment
MET
- * WITH + [046]  # MEET
--- REFUSE [---] ---
DECLINE [120]
REJECT
""")
    assert [(v.lemma, v.needs, v.cameo, v.block) for v in verbs] == [
        ("meet", "", "040", "MEET_PEOPLE"), ("meet", "with", "040", "MEET_PEOPLE"),
        ("decline", "", "120", "REFUSE"), ("reject", "", "", "REFUSE")]


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/lexicons is not present")
def test_regenerating_gives_identical_bytes(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), str(SOURCE), "--out", str(tmp_path)],
                   check=True, cwd=ROOT, capture_output=True)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), \
            f"{name} is stale: run scripts/make_triggers.py"


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/lexicons is not present")
def test_a_block_without_a_decision_stops_the_script():
    make = script()
    verbs = make.read_dictionary(SOURCE.read_text(encoding="ascii"))
    with CURATION.open("rb") as handle:
        curation = tomllib.load(handle)
    assert make.curate(verbs, curation)
    curation["map"] = [e for e in curation["map"] if e["block"] != "DEMAND"]
    with pytest.raises(SystemExit, match="DEMAND has no decision"):
        make.curate(verbs, curation)


def test_every_trigger_has_a_cameo_code_of_its_class():
    for options in lexicon.triggers().values():
        for trig in options:
            assert trig.cameo.startswith(family_of(trig.kind, trig.subclass)), trig


def test_negated_triggers_get_a_rejection_code():
    negated = [t for options in lexicon.triggers().values() for t in options if t.polarity == "-"]
    assert {t.lemma for t in negated} >= {"accept", "agree", "sign"}
    for trig in negated:
        assert trig.kind == "Rejection" and trig.cameo.startswith("12"), trig
    accept = lexicon.triggers()[("accept", "VERB")]
    assert [t.cameo[:2] for t in accept if t.polarity == "-"] == ["12"]


def test_codes_come_from_the_row_the_dictionary_or_the_class_default():
    triggers = lexicon.triggers()
    negotiate = next(t for t in triggers[("negotiate", "VERB")] if t.kind == "Meeting")
    assert negotiate.cameo == "046"  # the curation's code: CAMEO's own is 080 (yield)
    meet = next(t for t in triggers[("meet", "VERB")] if t.kind == "Meeting")
    assert meet.cameo == "040"
    phone = next(t for t in triggers[("phone", "VERB")])
    assert phone.subclass == "PhoneCall" and phone.cameo == "041"
    assert lexicon.trigger_cameo("talk", "with", "Meeting") == "040"  # the bare verb's code
    assert lexicon.trigger_cameo("negotiate", "with", "Meeting") == "040"  # 080 does not fit
    assert lexicon.trigger_cameo("insist", "", "Demand") == "100"  # CAMEO's 016 does not fit
    assert lexicon.trigger_cameo("trip", "", "Meeting", "Visit") == "042"


def test_cameo_defaults():
    expected = {("Meeting", ""): "040", ("Meeting", "PhoneCall"): "041", ("Meeting", "Visit"): "042",
                ("Demand", ""): "100", ("Rejection", ""): "120", ("Agreement", ""): "057",
                ("Statement", ""): "010"}
    for (kind, subclass), code in expected.items():
        assert lexicon.cameo_default(kind, subclass) == code
    assert lexicon.cameo_default("Proposal")[:2] in ("02", "03")
    assert lexicon.cameo_default("Acceptance").startswith("08")


def test_hand_written_triggers_take_precedence():
    triggers = lexicon.triggers()
    keys = [(t.lemma, t.pos, t.kind, lexicon.child_word(t.needs), t.polarity)
            for options in triggers.values() for t in options]
    assert len(keys) == len(set(keys)), "a trigger is loaded twice"
    generated = {(lemma, pos, kind, lexicon.child_word(needs), polarity)
                 for lemma, pos, kind, needs, polarity, *_ in load("cameo_triggers.tsv")[2]}
    assert generated <= set(keys), "a generated trigger is missing"
    # "call on@actor" of triggers.tsv refines, and so replaces, a generated "call on".
    assert lexicon.child_word("on@actor") == "on" and lexicon.child_word("=agreement_objects") == ""
    for options in triggers.values():  # those that need a child word first
        assert [not t.needs for t in options] == sorted(not t.needs for t in options)


def test_excluded_verbs_are_absent():
    with CURATION.open("rb") as handle:
        curation = tomllib.load(handle)
    excluded = {name for entry in curation["map"] for name in entry.get("exclude", {})}
    assert set(BROAD_VERBS) - {"continue", "support", "back", "welcome"} <= excluded
    _, _, rows = load("cameo_triggers.tsv")
    generated = {f"{row[0]} {row[3]}".strip() for row in rows if row[4] == "+"}
    assert not excluded & generated
    bare_verbs = {t.lemma for options in lexicon.triggers().values() for t in options
                  if t.pos == "VERB" and not t.needs and t.polarity == "+"}
    assert not bare_verbs & set(BROAD_VERBS)
