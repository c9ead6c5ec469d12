"""kg.frames.roles alone: the actors a trigger's parse names in each role."""
from conftest import names
from kg.frames.roles import Roles
from kg.lexicon import Trigger


def word(doc, text):
    return next(t for t in doc if t.text == text)


def test_subject_and_passive_agents(nlp):
    doc = nlp("Hamas rejected a truce proposed by Qatar and the U.S.")
    roles = Roles(doc)
    assert names(roles.subject(word(doc, "rejected"))) == {"Hamas"}
    proposed = Trigger("propose", "VERB", "Proposal")
    assert names(roles.agents(word(doc, "proposed"), proposed)) == {"Qatar", "United States"}


def test_a_possessive_is_the_agent_of_a_noun(nlp):
    doc = nlp("Israel's rejection of a truce angered the mediators.")
    roles = Roles(doc)
    assert names(roles.possessor(word(doc, "rejection"))) == {"Israel"}
    assert names(roles.agents(word(doc, "rejection"), Trigger("rejection", "NOUN", "Rejection"))) == {"Israel"}


def test_participants_of_a_meeting_and_sides_of_an_agreement(nlp):
    doc = nlp("Putin met Erdogan in Sochi on Friday.")
    meet = Trigger("meet", "VERB", "Meeting")
    assert names(Roles(doc).participants(word(doc, "met"), meet)) == {"Putin", "Erdogan"}
    doc = nlp("Peru and Chile signed an agreement on fishing.")
    assert names(Roles(doc).sides(word(doc, "signed"))) == {"Peru", "Chile"}


def test_a_name_parsed_as_the_subject_of_a_clause_under_with_is_still_met(nlp):
    from kg.frames import Reader

    doc = nlp("The President spoke separately today with Chancellor Scholz of Germany and President Lula "
              "of Brazil to consult about the war in Sudan.")
    meetings = [f for f in Reader(doc).read() if f.kind == "Meeting"]
    assert sorted(sorted(m.name for m in f.participants) for f in meetings) == [
        ["Lula", "The President"], ["Scholz", "The President"]]


def test_one_head_with_two_national_adjectives_names_both_sides(nlp):
    from kg.frames import Reader

    doc = nlp("Kenyan and Ugandan officials held talks in Kampala.")
    meetings = [f for f in Reader(doc).read() if f.kind == "Meeting"]
    assert meetings and {m.name for m in meetings[0].participants} == {"Kenya", "Uganda"}


def test_the_one_asked_is_the_addressee_of_a_proposal_or_demand(nlp):
    cases = {"The envoy of Norway urged Peru and Chile to resolve their border dispute.": {"Peru", "Chile"},
             "Norway called on Iran to release the detained sailors.": {"Iran"},
             "Brazil demanded that Venezuela withdraw its troops.": {"Venezuela"},
             "Kenya proposed to Ethiopia a ceasefire.": {"Ethiopia"},
             "Ghana stressed the need for Togo and Benin to reopen the border.": {"Togo", "Benin"},
             "Mexico said Guatemala must lift the blockade.": {"Guatemala"},
             "Peru proposed a ceasefire.": set()}
    for sentence, asked in cases.items():
        frame = next(f for f in nlp(sentence)._.events if f.kind in ("Proposal", "Demand"))
        assert names(frame.addressees) == asked, sentence


def test_a_topic_before_the_verb_is_no_addressee(nlp):
    frame = next(f for f in nlp("On Libya, Egypt urged an acceleration of negotiations.")._.events
                 if f.kind == "Proposal")
    assert not frame.addressees
