"""kg.frames.topics alone: what a trigger is about, and its label."""
from spacy.tokens import Doc

from kg.frames.topics import Topics, joins_words
from kg.records import Mention


def word(doc, text):
    return next(t for t in doc if t.text == text)


def test_labels_keep_classifying_modifiers_and_hyphens(nlp):
    doc = nlp("India ruled out territorial concessions to Pakistan.")
    assert Topics(doc).topic_label(word(doc, "concessions")) == "territorial concessions"
    doc = nlp("Both sides agreed to a cease-fire.")
    assert joins_words(word(doc, "-"))
    assert Topics(doc).topic_label(word(doc, "fire")) == "cease-fire"


def test_an_actor_is_no_topic(nlp):
    doc = nlp("Serbia dismissed the idea of talks with Pristina.")
    assert Topics(doc).topic_label(word(doc, "Serbia")) is None


def test_topics_follow_light_nouns(nlp):
    doc = nlp("Serbia dismissed the idea of talks with Pristina.")
    topics = Topics(doc)
    assert [t.text for t in topics.follow(word(doc, "idea"))] == ["talks"]
    dismissed = word(doc, "dismissed")
    assert topics.topics(dismissed, topics.trigger_of(dismissed)) == ["talks"]


def test_a_verb_topic_names_what_its_clause_is_about_and_help_to_is_followed(nlp):
    from kg.frames import Reader

    doc = nlp("Norway urged Turkey to ensure the truce was fully respected.")
    props = [f for f in Reader(doc).read() if f.kind == "Proposal"]
    assert props and props[0].topics == ["ensure truce"]
    doc = nlp("Britain called on Russia to help create a safe zone in Idlib.")
    props = [f for f in Reader(doc).read() if f.kind == "Proposal"]
    assert props and props[0].topics == ["create safe zone"]


def test_a_topic_starts_at_its_possessor(nlp):
    # The parse the model gave a long sentence ending "..., support Turkey’s plan, which":
    # the verb hung on the noun as a modifier, before its possessor.
    doc = Doc(nlp.vocab, words=["support", "Ghana", "’s", "plan"], heads=[3, 3, 1, 3],
              deps=["nmod", "nmod", "case", "ROOT"], pos=["NOUN", "PROPN", "PART", "NOUN"])
    doc._.mentions = [Mention(1, 2, "Ghana", "country", "Ghana", "gazetteer")]
    assert Topics(doc).topic_label(word(doc, "plan")) == "plan"  # "support" stays out


def test_a_word_the_parser_cut_at_its_hyphen_is_whole_again(nlp):
    from kg.frames import Reader
    doc = nlp("Rex Tillerson called on Russia to help create a de-escalation (or ceasefire) zone in Idlib.")
    props = [f for f in Reader(doc).read() if f.kind == "Proposal"]
    assert props and props[0].topics == ["create de-escalation"]
