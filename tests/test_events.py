"""Events from the parse, on sentences about other conflicts than the seeds'."""
from conftest import events_of, names


def only(doc, kind):
    found = events_of(doc, kind)
    assert len(found) == 1, [(e.kind, e.trigger, names(e.actors), e.topics) for e in doc._.events]
    return found[0]


def test_verb_rejection_with_subject_and_object(nlp):
    rej = only(nlp("Hamas rejected the plan on Tuesday."), "Rejection")
    assert names(rej.agents) == {"Hamas"} and rej.topics == ["plan"]


def test_noun_rejection_with_possessive_agent(nlp):
    rej = only(nlp("Israel's rejection of a truce angered the mediators."), "Rejection")
    assert names(rej.agents) == {"Israel"} and rej.topics == ["truce"]


def test_idioms_of_rejection(nlp):
    cases = {
        "Serbia dismissed the idea of talks with Pristina.": "talks",
        "India ruled out territorial concessions to Pakistan.": "territorial concessions",
        "The Sudanese army turned down the offer from the RSF.": "offer",
        "Armenia said it saw no point in a truce.": "truce",
    }
    for sentence, topic in cases.items():
        rej = only(nlp(sentence), "Rejection")
        assert any(topic in t for t in rej.topics), (sentence, rej.topics)


def test_negated_acceptance_is_a_rejection_and_negated_rejection_is_none(nlp):
    rej = only(nlp("Ethiopia will not accept a ceasefire imposed from outside."), "Rejection")
    assert names(rej.agents) == {"Ethiopia"} and rej.status == "Actual"
    assert not events_of(nlp("Hamas did not reject the proposal."), "Rejection")


def test_reduced_passive_gives_every_proposer(nlp):
    doc = nlp("Hamas rejected a 60-day truce proposed by Qatar and the U.S. on Monday.")
    prop = only(doc, "Proposal")
    assert names(prop.agents) == {"Qatar", "United States"} and prop.topics == ["truce"]
    assert only(doc, "Rejection").rejects is prop


def test_proposal_put_forward_by_a_group(nlp):
    prop = only(nlp("Israel turned down the plan put forward by the mediators."), "Proposal")
    assert names(prop.agents) == {"the mediators"} or names(prop.agents) == {"Mediators"}


def test_call_for_is_a_proposal_and_controlled_subjects_carry_over(nlp):
    prop = only(nlp("Pakistan continues to call for a ceasefire in Kashmir."), "Proposal")
    assert names(prop.agents) == {"Pakistan"} and prop.topics == ["ceasefire"]


def test_modal_and_planned_events(nlp):
    assert not events_of(nlp("Egypt may propose a new truce next week."), "Proposal")
    visit = only(nlp("The Qatari emir is expected to visit Tehran and meet Iran's president."), "Meeting")
    assert visit.status == "Planned"
    assert not events_of(nlp("Hopes for a meeting between Modi and Sharif remain dim."), "Meeting")


def test_meetings_name_every_participant(nlp):
    call = only(nlp("Macron held a phone call with Chinese President Xi Jinping on Friday."), "Meeting")
    assert names(call.participants) == {"Macron", "Xi Jinping"} and call.subclass == "PhoneCall"
    talks = only(nlp("Talks between Serbia and Kosovo in Brussels ended without a deal."), "Meeting")
    assert names(talks.participants) == {"Serbia", "Kosovo"}


def test_demands(nlp):
    demand = only(nlp("Turkey demanded the withdrawal of Kurdish fighters from the border."), "Demand")
    assert names(demand.agents) == {"Turkey"} and any("withdrawal" in t for t in demand.topics)


def test_reported_speech_gives_the_speaker_as_agent(nlp):
    doc = nlp("Fidan said Ankara would not accept any deal that leaves the militias armed.")
    rej = only(doc, "Rejection")
    assert names(rej.agents) == {"Turkey"}


def test_speaking_with_and_conversations_are_meetings(nlp):
    doc = nlp("Blinken reaffirmed US support on Monday when speaking with Saudi Foreign Minister "
              "Faisal bin Farhan.")
    meeting = only(doc, "Meeting")
    assert names(meeting.participants) == {"Blinken", "Faisal bin Farhan"}
    chat = only(nlp("President Ruto held a long conversation with Ethiopian Prime Minister Abiy Ahmed."),
                "Meeting")
    assert names(chat.participants) == {"Ruto", "Abiy Ahmed"}


def test_news_outlets_report_but_are_not_parties(nlp):
    doc = nlp("Reuters reported that Qatar proposed a truce in Gaza.")
    prop = only(doc, "Proposal")
    assert names(prop.agents) == {"Qatar"}
    assert all(m.kind != "news_outlet" for e in doc._.events for m in e.actors)


def test_denials_are_not_rejections_of_proposals(nlp):
    assert not events_of(nlp("The ministry dismissed the accusations as baseless."), "Rejection")
    assert not events_of(nlp("Israel rejected the allegations of genocide."), "Rejection")


def test_brokered_and_called_on_are_proposals(nlp):
    prop = only(nlp("Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar."), "Proposal")
    assert names(prop.agents) == {"Egypt", "Qatar"} and prop.topics == ["ceasefire"]
    prop = only(nlp("Britain and France called on Russia to accept an unconditional ceasefire."), "Proposal")
    assert names(prop.agents) == {"United Kingdom", "France"} and prop.topics == ["unconditional ceasefire"]


def test_offered_talks_are_a_proposal_not_a_meeting(nlp):
    doc = nlp("Pakistani Prime Minister Shehbaz Sharif offered talks with India on Kashmir.")
    assert names(only(doc, "Proposal").agents) == {"Shehbaz Sharif"}
    assert not events_of(doc, "Meeting")


def test_rejected_demand_gives_its_topic(nlp):
    rej = only(nlp("Lebanon's President Joseph Aoun rejected Israeli demands for a buffer zone."), "Rejection")
    assert rej.topics == ["buffer zone"]


def test_an_unnamed_counterpart_stands_for_his_country(nlp):
    call = only(nlp("Egypt's foreign minister Badr Abdelatty held a phone call with his Iranian "
                    "counterpart on Saturday."), "Meeting")
    assert names(call.participants) == {"Badr Abdelatty", "Iran"}


def test_clausal_demands_name_the_act(nlp):
    demand = only(nlp("Sudan's government demanded that the RSF withdraw from civilian homes."), "Demand")
    assert demand.topics == ["withdraw from civilian homes"]


def test_participial_modifiers_name_the_proposer_of_the_noun(nlp):
    doc = nlp("Serbian President Aleksandar Vucic rejected the EU-brokered plan, insisting that "
              "Belgrade would never recognise Kosovo.")
    prop = only(doc, "Proposal")
    assert names(prop.agents) == {"European Union"}
    assert only(doc, "Rejection").rejects is prop
    assert not events_of(doc, "Demand")
