"""kg.frames.frames and kg.frames.links: each kind's frame, responses linked, duplicates merged."""
from conftest import names
from kg.frames import Reader, find_events
from kg.frames.links import merge_duplicates
from kg.records import Frame, Mention


def test_a_rejection_is_linked_to_the_proposal_of_its_clause(nlp):
    frames = Reader(nlp("Hamas rejected Egypt's proposal for a truce.")).read()
    rejection = next(f for f in frames if f.kind == "Rejection")
    proposal = next(f for f in frames if f.kind == "Proposal")
    assert rejection.rejects is proposal and rejection.topics == proposal.topics == ["truce"]
    assert names(proposal.agents) == {"Egypt"}
    assert all(f.token_index >= 0 for f in frames)  # the reader keeps each trigger's token


def test_a_meeting_with_each_one_separately(nlp):
    doc = nlp("Blinken spoke separately with Lavrov and Wang Yi.")
    meetings = [e for e in doc._.events if e.kind == "Meeting"]
    assert [names(m.participants) for m in meetings] == [{"Blinken", "Lavrov"}, {"Blinken", "Wang Yi"}]
    assert all(e.token_index == -1 for e in doc._.events)  # the component keeps no parse position


def test_a_verb_and_its_noun_said_once():
    egypt = Mention(0, 1, "Egypt", "country", "Egypt")
    first = Frame("Proposal", "proposed", 10, "s", agents=[egypt], topics=["truce"], sentence_start=0)
    second = Frame("Proposal", "plan", 30, "s", agents=[egypt], topics=["talks"], date_text="Monday",
                   sentence_start=0)
    other = Frame("Proposal", "plan", 90, "t", agents=[egypt], topics=["talks"], sentence_start=50)
    merged = merge_duplicates([first, second, other])
    assert merged == [first, other] and first.topics == ["truce", "talks"] and first.date_text == "Monday"


def test_the_component_is_registered_under_its_name(nlp):
    assert "parley_events" in nlp.pipe_names
    assert nlp.get_pipe("parley_events") is find_events
