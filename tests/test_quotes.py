"""Quoted statements and their speakers."""
from conftest import events_of


def statements(doc):
    return [(e.agents[0].name, e.quote) for e in events_of(doc, "Statement")]


def test_speaker_after_and_before_the_quote(nlp):
    doc = nlp("“We will not give up an inch,” Prime Minister Shehbaz Sharif said. "
              "Sharif added: “Talks remain possible if India is sincere.”")
    got = statements(doc)
    assert ("Shehbaz Sharif", "We will not give up an inch,") in got
    assert any(who.endswith("Sharif") and "Talks remain possible" in quote for who, quote in got)


def test_he_said_resolves_to_the_last_named_speaker_outside_quotes(nlp):
    doc = nlp("Greek Prime Minister Kyriakos Mitsotakis spoke in Athens. "
              "“Erdogan knows our position,” he said.")
    assert statements(doc) == [("Kyriakos Mitsotakis", "Erdogan knows our position,")]


def test_a_quote_split_over_sentences_keeps_its_speaker(nlp):
    doc = nlp("“The blockade must end,” said the UN envoy Martin Griffiths. "
              "“Aid has to reach every district.”")
    got = statements(doc)
    assert len(got) == 2 and {who for who, _ in got} == {"Martin Griffiths"}


def test_unbalanced_quote_marks(nlp):
    doc = nlp("The aid convoy was stopped at the crossing.\n\n"
              "Nobody wants this war,” Jordanian Foreign Minister Ayman Safadi said.")
    assert statements(doc) == [("Ayman Safadi", "Nobody wants this war,")]


def test_quoted_concept_names_have_no_speaker(nlp):
    doc = nlp("The president repeated the principle of “land for peace” on Monday.")
    assert statements(doc) == []


def test_a_term_in_scare_quotes_is_no_statement(nlp):
    doc = nlp('The Ethiopian foreign minister called the proposal "a dead end," and said talks would go on.')
    assert not doc._.quotes
    doc = nlp('"We will not sign," the Eritrean minister Osman Saleh said.')
    assert [q.text for q in doc._.quotes] == ["We will not sign,"]


def test_the_one_a_news_agency_quotes_is_the_speaker(nlp):
    doc = nlp("Wang Yi declined to comment. But the official Xinhua news agency quoted him as saying, "
              "\"The Chinese side came with great sincerity, willing to cooperate on trade.\"")
    assert [who for who, _ in statements(doc)] == ["Wang Yi"]


def test_words_according_to_someone_are_theirs(nlp):
    doc = nlp("Armenia will free 100 prisoners for the soldier, who will return \"in the coming days\" "
              "according to Armenian Prime Minister Nikol Pashinyan.")
    assert statements(doc) == [("Nikol Pashinyan", "in the coming days")]
