"""kg.frames.status alone: whether an event happened, when and where."""
from kg.frames.status import Status
from kg.lexicon import Trigger

PROPOSE = Trigger("propose", "VERB", "Proposal")


def word(doc, text):
    return next(t for t in doc if t.text == text)


def test_modal_and_future_cues_set_the_status(nlp):
    cases = {"Russia proposed talks.": ("proposed", "Actual"),
             "Russia will propose talks.": ("propose", "Planned"),
             "Russia could propose talks.": ("propose", "Hypothetical")}
    for sentence, (trigger, status) in cases.items():
        doc = nlp(sentence)
        assert Status(doc).status(word(doc, trigger), PROPOSE) == status, sentence


def test_a_refusal_is_actual_whatever_its_modal(nlp):
    doc = nlp("Ethiopia would not accept a ceasefire.")
    refusal = Trigger("accept", "VERB", "Rejection", polarity="-")
    assert Status(doc).status(word(doc, "accept"), refusal) == "Actual"


def test_date_and_place_of_the_trigger(nlp):
    doc = nlp("Putin met Erdogan in Sochi on Friday.")
    status, met = Status(doc), word(doc, "met")
    assert status.date_text(met, met.sent) == "Friday"
    assert status.place(met).name == "Sochi"
    assert [ent.text for ent in status.ents_in(met.sent)] == [ent.text for ent in met.sent.ents]


def test_a_coordinate_verb_does_not_make_the_next_one_hypothetical(nlp):
    from kg.frames import Reader

    # "told" governs its own infinitive, not "urged", its coordinate.
    doc = nlp("Egypt told its army to halt operations for seven days and urged the rebels to lay down their arms.")
    urged = [f for f in Reader(doc).read() if f.trigger == "urged"]
    assert urged and urged[0].status == "Actual" and {m.name for m in urged[0].agents} == {"Egypt"}
