"""kg.events.status alone: whether an event happened, when and where."""
from kg.events.status import Status
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
