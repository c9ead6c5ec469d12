"""Actor mentions: entities and gazetteer, titles, roles, places, references."""
from conftest import events_of, names


def mention(doc, text):
    return next(m for m in doc._.mentions if m.text == text)


def test_title_gives_role_affiliation_and_person_type(nlp):
    doc = nlp("Turkish Foreign Minister Hakan Fidan met the delegation in Ankara.")
    fidan = mention(doc, "Hakan Fidan")
    assert (fidan.kind, fidan.role, fidan.affiliation_name) == ("person", "Foreign Minister", "Turkey")


def test_possessive_title_before_a_name(nlp):
    doc = nlp("Egypt's Minister of Foreign Affairs, Badr Abdelatty, arrived on Sunday.")
    person = mention(doc, "Badr Abdelatty")
    assert person.role.lower() == "minister of foreign affairs" and person.affiliation_name == "Egypt"


def test_capitals_and_seats_of_government_stand_for_their_country(nlp):
    doc = nlp("The Kremlin said Moscow would answer, while kyiv and Washington stayed silent.")
    found = {m.text: m.name for m in doc._.mentions if m.kind == "country"}
    assert found["Kremlin"] == found["Moscow"] == "Russia"
    assert found["kyiv"] == "Ukraine" and found["Washington"] == "United States"


def test_a_name_before_region_is_a_place_not_a_person(nlp):
    doc = nlp("Fighting continued in the Donetsk and Kharkiv regions, officials said.")
    assert all(m.kind != "person" for m in doc._.mentions)


def test_news_outlets_are_organisations_that_report(nlp):
    doc = nlp("Al Jazeera reported that Qatar had sent envoys.")
    assert mention(doc, "Al Jazeera").kind == "news_outlet"


def test_pronoun_and_description_point_to_the_last_named_person(nlp):
    doc = nlp("Indian Foreign Minister Subrahmanyam Jaishankar spoke first. "
              "Later the top diplomat repeated the point, and he left.")
    refs = [m for m in doc._.mentions if m.source in ("pronoun", "description")]
    assert refs and all(m.referent.name == "Subrahmanyam Jaishankar" for m in refs)


def test_representatives_stand_for_their_country_and_groups_get_names(nlp):
    doc = nlp("Israeli officials met Egypt and its Gulf partners, and Western backers watched.")
    officials = next(m for m in doc._.mentions if m.text == "officials")
    assert officials.referent.name == "Israel"
    assert {"Gulf partners", "Western backers"} <= names(m for m in doc._.mentions if m.kind == "group")


def test_token_indices_agree_with_reading_every_token(nlp):
    from kg.doctext import token_indices
    from spacy.attrs import ORTH

    doc = nlp("He said the nsubj PERSON of the West met her. The envoy, his aide, they left.")
    words = {"the", "he", "her", "they", "nsubj", "person", "never-seen-word"}
    assert token_indices(doc, words) == [t.i for t in doc if t.lower_ in words]
    assert token_indices(doc, {"PERSON", "The"}, ORTH) == [t.i for t in doc if t.text in ("PERSON", "The")]
    assert token_indices(doc, set()) == [] and token_indices(nlp.make_doc(""), words) == []


def test_running_the_components_again_on_a_doc_finds_the_same(nlp):
    """What the components keep on a Doc between them must not change a second reading."""
    doc = nlp("“We will not accept it,” the foreign minister of Egypt said. "
              "Egyptian President Abdel Fattah el-Sisi later met Jordan's king in Cairo.")
    first = (repr(doc._.mentions), repr(doc._.quotes), repr(doc._.events))
    for name in ("parley_actors", "parley_quotes", "parley_events"):
        doc = nlp.get_pipe(name)(doc)
    assert (repr(doc._.mentions), repr(doc._.quotes), repr(doc._.events)) == first


def test_gazetteer_answers_follow_what_was_added():
    from kg.lexicon import Gazetteer, Known

    gaz = Gazetteer()
    assert gaz.lookup("Ruritania") is None
    gaz.add("Ruritania", Known("Ruritania", "country", "name"))
    assert gaz.lookup("Ruritania's") == Known("Ruritania", "country", "name")


def test_towns_the_model_takes_for_people_or_bodies_are_places(nlp):
    doc = nlp("Khan Younis was bombed again, and Rafah braced for an assault, Palestinian officials "
              "said. El Fasher remains under siege by the RSF, Sudan's army said.")
    kinds = {m.text: m.kind for m in doc._.mentions}
    assert kinds["Khan Younis"] == kinds["Rafah"] == kinds["El Fasher"] == "place"
    assert kinds["RSF"] == "organization"


def test_a_region_after_a_compass_word_is_a_place_and_no_visit_party(nlp):
    doc = nlp("Omar Khan, a senior aide to the Pakistani prime minister, visited eastern Ghazni "
              "earlier in the week.")
    assert mention(doc, "Ghazni").kind == "place"
    assert not [e for e in doc._.events if e.kind == "Meeting"]


def test_a_town_taken_for_a_body_is_a_place_wherever_it_is(nlp):
    doc = nlp("The Chinese envoy visited Herat on Tuesday and met local leaders.")
    assert mention(doc, "Herat").kind == "place"
    visits = [e for e in doc._.events if e.kind == "Meeting" and "Herat" in names(e.participants)]
    assert not visits


def test_another_country_s_name_before_a_body_s_bare_name_is_not_that_body(nlp):
    doc = nlp("The Russian president will host a Yemeni Congress on National Dialogue in Sochi, "
              "while Congress in Washington debated the budget.")
    assert "US Congress" not in {m.name for m in doc._.mentions if m.start < 10}
    assert "US Congress" in {m.name for m in doc._.mentions if m.start > 10}


def test_a_surname_that_is_also_a_town_stays_a_person(nlp):
    doc = nlp("Andrew Jackson spoke first. Jackson said the war was over.")
    assert all(m.kind == "person" for m in doc._.mentions if "Jackson" in m.text)


def test_a_title_after_a_place_belongs_to_the_next_person(nlp):
    doc = nlp("Speaking with army chief Abdel Fattah al-Burhan in Jeddah, the Saudi foreign "
              "minister urged a ceasefire.")
    assert not any(m.kind == "person" and m.text == "Jeddah" for m in doc._.mentions)
    proposal = next(e for e in doc._.events if e.kind == "Proposal")
    assert [m.referent.name for m in proposal.agents] != ["Jeddah"]


def test_a_town_of_a_country_the_article_never_names_is_not_assumed(nlp):
    # A town of 15,000 in Japan shares this name; nothing here speaks of Japan.
    doc = nlp("Obama said the strikes would continue.")
    assert mention(doc, "Obama").kind == "person"


def test_counts_articles_and_stances_are_not_part_of_names(nlp):
    doc = nlp("About 850 Britons have joined the fight. Pro-Assad forces and anti-EU protesters "
              "gathered; the post-Brexit government was silent. Al-Qaeda claimed the attack.")
    names_found = {m.text for m in doc._.mentions}
    assert "Britons" in names_found and not any(n[0].isdigit() for n in names_found)
    assert not {"Pro-Assad", "anti-EU", "post-Brexit"} & names_found
    assert "Al-Qaeda" in names_found
    doc = nlp("Their Free Syrian Army allies retreated, and this White House did nothing.")
    assert {"Free Syrian Army", "White House"} <= {m.text for m in doc._.mentions}


# -- actors that are groups or offices, not names ----------------------------------

def actors_in(doc):
    return [m for m in doc._.mentions if m.is_actor]


def test_armed_groups_and_the_opposition_are_groups_even_alone(nlp):
    cases = {
        "The rebels shelled the airport before dawn.": "Rebels",
        "Separatists seized the regional parliament.": "Separatists",
        "The militants released two aid workers on Sunday.": "Militants",
        "The opposition boycotted the presidential vote.": "Opposition",
        "The junta postponed the elections again.": "Junta",
        "Rebel groups walked out of the talks in Lusaka.": "Rebel groups",
        "Insurgents ambushed a convoy near the border.": "Insurgents",
    }
    for sentence, name in cases.items():
        groups = [m for m in nlp(sentence)._.mentions if m.kind == "group"]
        assert [m.name for m in groups] == [name], (sentence, [(m.text, m.kind, m.name) for m in groups])
        assert groups[0].is_actor


def test_a_modifier_names_the_group_as_written(nlp):
    doc = nlp("Pro-Moscow separatists and Oromo militias rejected the offer, and Anglophone "
              "separatists ignored it.")
    assert {"Pro-Moscow separatists", "Oromo militias", "Anglophone separatists"} <= \
        names(m for m in doc._.mentions if m.kind == "group")


def test_the_generic_group_is_the_one_named_before_with_its_head(nlp):
    doc = nlp("Karen rebels attacked an army post on Monday. On Tuesday the rebels proposed a truce.")
    later = next(m for m in doc._.mentions if m.text == "rebels")
    assert later.referent.name == "Karen rebels"


def test_counted_or_vague_nouns_are_no_actors(nlp):
    for sentence in ("People rejected the plan.", "Officials met on Tuesday.", "Members voted against it.",
                     "Leaders gathered in the capital.", "They rejected the plan.", "Both sides fired shells.",
                     "The parties met again.", "Some rebels surrendered.", "Two militants were killed.",
                     "A rebel group claimed the attack.", "There was opposition to the plan."):
        doc = nlp(sentence)
        assert not [m.referent.name for m in actors_in(doc)], sentence


def test_a_people_in_the_plural_acts_as_its_state_only_as_a_whole(nlp):
    israelis = next(m for m in nlp("The Israelis agreed to the truce.")._.mentions if m.text == "Israelis")
    assert (israelis.kind, israelis.name) == ("country", "Israel")
    assert not actors_in(nlp("Many Israelis rejected the plan."))
    kurds = next(m for m in nlp("The Kurds demanded autonomy.")._.mentions if m.text == "Kurds")
    assert (kurds.kind, kurds.name) == ("group", "Kurds")
    ethnic = nlp("Ethnic Albanians in North Macedonia rejected the census.")
    assert ("group", "Ethnic Albanians") in {(m.kind, m.name) for m in ethnic._.mentions}
    abroad = nlp("Armenians in Georgia demanded schools in their language.")
    assert ("group", "Armenians in Georgia") in {(m.kind, m.name) for m in abroad._.mentions}


def test_a_bare_government_is_the_article_s_one_government(nlp):
    doc = nlp("The Ethiopian government sent a delegation to Nairobi. Rebels and government "
              "negotiators met there, and later the government rejected the draft.")
    governments = [m for m in doc._.mentions if m.source == "representative"]
    assert {m.text for m in governments} == {"government", "negotiators"}
    assert {m.referent.name for m in governments} == {"Ethiopia"}


def test_a_bare_government_is_nobody_where_two_are_spoken_of(nlp):
    doc = nlp("The Kenyan government and the Somali government exchanged notes. "
              "Later the government rejected the draft, and government negotiators left.")
    bare = [m for m in doc._.mentions if m.text in ("government", "negotiators") and m.start > 12]
    assert not [m for m in bare if m.is_actor]


def generated_rows(tmp_path, data_name: str, script: str, source_name: str) -> list[list[str]]:
    """The rows of a data file made by a script from a PETRARCH2 dictionary, after
    checking that its header names its provenance and licence, and that the script makes
    the same bytes again from the same dictionary."""
    import subprocess
    import sys

    from conftest import ROOT, SHARED

    data = ROOT / "kg" / "data" / data_name
    text = data.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    for needed in (source_name, "676801cd", "MIT License", "Open Event Data Alliance", f"scripts/{script}"):
        assert needed in header
    source = SHARED / "lexicons" / "petrarch2" / source_name
    if source.exists():  # the same dictionary gives the same bytes
        again = tmp_path / data_name
        subprocess.run([sys.executable, str(ROOT / "scripts" / script), str(source), str(again)],
                       check=True, capture_output=True)
        assert again.read_bytes() == data.read_bytes()
    return [line.split("\t") for line in text.splitlines()[1:] if not line.startswith("#")]


def test_generic_agents_are_generated_data_with_their_provenance(tmp_path):
    rows = generated_rows(tmp_path, "agents.tsv", "make_agents.py", "Phoenix.agents.txt")
    assert all(len(row) == 7 for row in rows)
    from conftest import ROOT
    header = (ROOT / "kg" / "data" / "agents.tsv").read_text(encoding="utf-8")
    assert {row[6] for row in rows} <= {line.split(":")[0].strip("# ") for line in header.splitlines()
                                        if line.startswith("#   ")}
    kinds = {row[0]: (row[4], row[5]) for row in rows}
    assert kinds["rebel"] == ("group", "group") and kinds["government"] == ("state", "country")
    assert kinds["farmer"][0] == "-" and kinds["detainee"][0] == "-"


def test_people_are_generated_data_with_their_provenance(tmp_path):
    from kg import lexicon

    rows = generated_rows(tmp_path, "people.tsv", "make_people.py", "Phoenix.Countries.actors.txt")
    assert len(rows) > 10_000 and all(len(row) == 4 and len(row[0].split()) >= 2 for row in rows)
    assert {row[2] for row in rows} <= set(lexicon.gazetteer().countries)


def test_an_unnamed_office_is_not_someone_named_later_in_its_own_sentence(nlp):
    doc = nlp("The President spoke today with Chancellor Scholz of Germany and President Macron of France.")
    described = [m for m in doc._.mentions if m.source == "description"]
    assert described and all(m.antecedent is None for m in described)
    doc = nlp("Iran's foreign minister said talks would resume. Iranian Foreign Minister Abbas Araghchi "
              "spoke in Tehran.")
    described = [m for m in doc._.mentions if m.source == "description"]
    assert described[0].referent.name == "Abbas Araghchi"


def test_a_pronoun_reaches_back_one_sentence_at_most(nlp):
    doc = nlp("Bosnia held elections in May. The vote was calm. Turnout was low in the north. "
              "They urged patience in the camps.")
    they = next(m for m in doc._.mentions if m.text == "They")
    assert they.antecedent is None
    doc = nlp("Kenya sent troops to Haiti. They urged the gangs to disarm.")
    they = next(m for m in doc._.mentions if m.text == "They")
    assert they.referent.name == "Kenya"


def test_an_office_after_modifiers_is_a_description_of_its_country(nlp):
    doc = nlp("Rebels rejected a truce declared by Kenya's newly elected president.")
    ref = mention(doc, "president")
    assert ref.source == "description" and ref.referent.name == "Kenya"


def test_a_word_of_a_full_name_is_that_person_whatever_ner_called_it(nlp):
    doc = nlp("Chinese Vice Premier Liu He arrived in Washington. Talks between Liu and "
              "Robert Lighthizer ended on Thursday.")
    assert mention(doc, "Liu He").kind == "person"  # a capitalised "He" mid-sentence is a name
    later = [m for m in doc._.mentions if m.text == "Liu"]
    assert later and all(m.kind == "person" for m in later)
    meeting = events_of(doc, "Meeting")[0]
    assert names(meeting.participants) == {"Liu", "Robert Lighthizer"}


def test_a_title_heading_a_phrase_stands_for_the_name_after_it(nlp):
    doc = nlp("President William Ruto said after a day of talks between Kagame and Ugandan Trade "
              "Minister Amelia Kyambadde Thursday.")
    meeting = events_of(doc, "Meeting")[0]
    assert names(meeting.participants) == {"Kagame", "Amelia Kyambadde"}


def test_the_two_sides_are_the_pair_coordinated_before(nlp):
    doc = nlp("Talks between Ethiopia and the Tigrayan rebels stalled in Nairobi. After meeting "
              "with Kenyan President William Ruto, the two sides agreed to return to the table.")
    meeting = [e for e in events_of(doc, "Meeting") if "William Ruto" in names(e.participants)][0]
    assert names(meeting.participants) == {"William Ruto", "Ethiopia", "Tigrayan rebels"}
    agreement = events_of(doc, "Agreement")[0]
    assert names(agreement.parties) == {"Ethiopia", "Tigrayan rebels"}


def test_the_two_sides_are_nobody_without_a_pair_or_after_three(nlp):
    alone = nlp("The two sides agreed to meet again.")
    assert not [m for m in alone._.mentions if m.members]
    three = nlp("Kenya, Uganda and Tanzania met in Arusha. The two sides agreed to meet again.")
    assert not [m for m in three._.mentions if m.members]


def test_the_negotiators_are_the_side_whose_envoys_were_just_named(nlp):
    doc = nlp("The envoy met Sudan's negotiating team in Jeddah. The envoy and the negotiators "
              "discussed a truce.")
    negotiators = next(m for m in doc._.mentions if m.text == "negotiators")
    assert negotiators.referent.name == "Sudan"


def test_the_leaders_are_all_those_coordinated_before(nlp):
    doc = nlp("Ghana's president spoke with Chancellor Olaf Scholz of Germany and President Emmanuel "
              "Macron of France. The leaders welcomed the truce and stressed the need for Russia to "
              "withdraw its troops.")
    demand = events_of(doc, "Demand")[0]
    assert names(demand.agents) == {"Olaf Scholz", "Emmanuel Macron"}
    assert demand.topics == ["withdraw troops"]


def test_a_plural_of_a_name_countries_share_is_each_of_them(nlp):
    doc = nlp("Seoul's envoy said both Koreas need to compromise, and the two Congos agreed.")
    koreas = mention(doc, "Koreas")
    assert {m.name for m in koreas.members} == {"North Korea", "South Korea"}
    assert {m.name for m in mention(doc, "Congos").members} == {
        "Democratic Republic of the Congo", "Republic of the Congo"}
    assert not mention(doc, "Seoul").members  # one country's name stays one country


def test_a_body_of_a_generic_agent_is_that_group_and_its_leader_serves_it(nlp):
    doc = nlp("The accord was signed by Joaquin Mora, leader of the Marxist rebel faction, in Lima. "
              "The Marxist rebels had fought for land reform.")
    faction = mention(doc, "Marxist rebel faction")
    assert (faction.kind, faction.name) == ("group", mention(doc, "Marxist rebels").name)
    assert mention(doc, "Joaquin Mora").affiliation is faction


def test_members_of_a_body_stand_for_it(nlp):
    doc = nlp("The permanent members of the UN Security Council have been negotiating with Pyongyang. "
              "NATO members rejected the plan.")
    assert [m.referent.name for m in doc._.mentions if m.text == "members"] == ["UN Security Council", "NATO"]
    assert not [m for m in nlp("Members voted against it.")._.mentions if m.is_actor]


def test_a_plural_pronoun_stands_for_the_actors_coordinated_before_it(nlp):
    doc = nlp("Kenya and Uganda said they rejected the plan.")
    assert {m.name for m in mention(doc, "they").members} == {"Kenya", "Uganda"}
    doc = nlp("On Friday, I joined Special Envoy Donald Booth and Ambassador Susan Page in their meeting "
              "with President Obama in the Oval Office.")
    meeting = next(e for e in doc._.events if e.kind == "Meeting")
    assert names(meeting.participants) == {"Obama", "Donald Booth", "Susan Page"}
    assert not mention(nlp("Ruto met Museveni and they signed a deal."), "they").members
