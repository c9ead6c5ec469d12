"""Events from the parse, on sentences about other conflicts than the seeds'."""
from conftest import events_of, names


def only(doc, kind):
    found = events_of(doc, kind)
    assert len(found) == 1, [(e.kind, e.trigger, names(e.actors), e.topics) for e in doc._.events]
    return found[0]


def assert_no_events(nlp, sentences, ignore=("Statement",)):
    """None of ``sentences`` yields an event of a kind not in ``ignore``."""
    for sentence in sentences:
        found = [(e.kind, e.trigger, e.topics) for e in nlp(sentence)._.events if e.kind not in ignore]
        assert not found, (sentence, found)


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
    prop = only(nlp("Egypt and Qatar brokered a peace plan for Gaza."), "Proposal")
    assert names(prop.agents) == {"Egypt", "Qatar"} and prop.topics == ["peace plan"]
    # a truce brokered is agreed, not proposed: the broker mediated it
    assert not events_of(nlp("Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar."), "Proposal")
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


# -- acceptances and agreements -----------------------------------------------------

def test_acceptance_of_a_proposal_and_a_partial_one(nlp):
    acc = only(nlp("The Malian government accepted the roadmap drawn up by the regional bloc."), "Acceptance")
    assert acc.topics == ["roadmap"] and not acc.partial
    acc = only(nlp("Myanmar's government accepted parts of the peace plan put forward by ASEAN."), "Acceptance")
    assert acc.partial and any("plan" in t for t in acc.topics)
    acc = only(nlp("Eritrea agreed to the truce on Sunday."), "Acceptance")
    assert names(acc.agents) == {"Eritrea"} and acc.topics == ["truce"]


def test_acceptance_links_the_proposal_of_its_clause(nlp):
    doc = nlp("Armenia accepted Russia's offer of a ceasefire in Nagorno-Karabakh.")
    acc, prop = only(doc, "Acceptance"), only(doc, "Proposal")
    assert acc.accepts is prop and names(prop.agents) == {"Russia"}


def test_support_for_a_proposal_is_an_acceptance(nlp):
    acc = only(nlp("Kenya expressed support for Ethiopia's proposal of a regional summit."), "Acceptance")
    assert names(acc.agents) == {"Kenya"} and acc.accepts is not None


def test_accepting_responsibility_or_results_is_no_acceptance(nlp):
    assert not events_of(nlp("The army accepted responsibility for the strike."), "Acceptance")
    assert not events_of(nlp("The minister may accept the proposal next week."), "Acceptance")


def test_refusing_what_one_is_unwilling_to_accept(nlp):
    rej = only(nlp("Belgrade is not willing to accept the new border plan."), "Rejection")
    assert names(rej.agents) == {"Serbia"}
    rej = only(nlp("Tehran is no longer interested in agreeing to a prisoner swap."), "Rejection")
    assert names(rej.agents) == {"Iran"}
    assert not events_of(nlp("Ankara is willing to accept the plan."), "Acceptance")


def test_two_sides_signing_or_agreeing_make_one_agreement(nlp):
    deal = only(nlp("Kenya and Somalia signed a maritime border agreement in Nairobi."), "Agreement")
    assert names(deal.parties) == {"Kenya", "Somalia"} and deal.topics == ["maritime border agreement"]
    deal = only(nlp("Peru and Ecuador agreed to hold direct negotiations."), "Agreement")
    assert names(deal.parties) == {"Peru", "Ecuador"} and not events_of(nlp("Peru and Ecuador agreed to "
                                                                             "hold direct negotiations."),
                                                                         "Acceptance")
    deal = only(nlp("A prisoner exchange deal was struck between Armenia and Azerbaijan."), "Agreement")
    assert names(deal.parties) == {"Armenia", "Azerbaijan"}
    deal = only(nlp("The war ended with the signing of an accord between Angola and Namibia."), "Agreement")
    assert names(deal.parties) == {"Angola", "Namibia"}


def test_signing_what_is_no_agreement_is_none(nlp):
    for sentence in ("The president signed the budget law on Friday.",
                     "The club signed a new striker from Brazil.",
                     "The convoy reached Khartoum at dawn.",
                     "Kenya wants to reach an agreement with Somalia."):
        assert not events_of(nlp(sentence), "Agreement"), sentence


# -- demands --------------------------------------------------------------------------

def test_said_someone_must_is_a_demand_of_the_speaker(nlp):
    demand = only(nlp("Brazil said Venezuela must release the detained journalists."), "Demand")
    assert names(demand.agents) == {"Brazil"} and demand.topics == ["release detained journalists"]
    demand = only(nlp("Qatar warned that Israel had to lift the blockade or face isolation."), "Demand")
    assert names(demand.agents) == {"Qatar"} and demand.topics[0].startswith("lift blockade")
    demand = only(nlp('"Khartoum should pull back its troops," the rebel commander Ali Musa said.'), "Demand")
    assert names(demand.agents) == {"Ali Musa"} and demand.topics == ["pull back troops"]


def test_a_speaker_on_its_own_intent_makes_no_demand(nlp):
    assert not events_of(nlp("Egypt said it must protect its water supply."), "Demand")
    assert not events_of(nlp("Chile said Peru must not be blamed."), "Demand")


def test_the_need_for_another_to_act_is_a_demand(nlp):
    demand = only(nlp("Germany stressed the need for Turkey to release the detained reporters."), "Demand")
    assert names(demand.agents) == {"Germany"} and "reporters" in demand.topics[0]


# -- meetings -------------------------------------------------------------------------

def test_speaking_by_phone_is_a_phone_call(nlp):
    call = only(nlp("Chilean President Gabriel Boric and Argentine President Javier Milei spoke by phone "
                    "on Monday."), "Meeting")
    assert names(call.participants) == {"Gabriel Boric", "Javier Milei"} and call.subclass == "PhoneCall"


def test_separately_makes_one_meeting_each(nlp):
    doc = nlp("Prime Minister Anthony Albanese spoke separately with Japanese Prime Minister Fumio Kishida "
              "and Indian Prime Minister Narendra Modi.")
    meetings = events_of(doc, "Meeting")
    assert sorted(sorted(names(m.participants)) for m in meetings) == [
        ["Anthony Albanese", "Fumio Kishida"], ["Anthony Albanese", "Narendra Modi"]]


def test_a_meeting_beside_a_signing_is_its_own_event(nlp):
    doc = nlp("The accord was signed by President Salva Kiir on Friday, after a meeting with Ethiopian Prime Minister Abiy Ahmed.")
    meeting = only(doc, "Meeting")
    assert names(meeting.participants) == {"Salva Kiir", "Abiy Ahmed"}


def test_conditions_and_stranded_prepositions_make_no_demand(nlp):
    assert not events_of(nlp("They agreed that should Iran fail to comply, Britain would act."), "Demand")
    assert not events_of(nlp("The rebels got the autonomy they had asked for since 2019."), "Demand")


def test_a_passive_subject_is_what_was_rejected_or_proposed(nlp):
    rejection = only(nlp("The truce was rejected by Israel."), "Rejection")
    assert names(rejection.agents) == {"Israel"} and rejection.topics == ["truce"]
    proposal = only(nlp("A ceasefire was proposed by Qatar on Monday."), "Proposal")
    assert names(proposal.agents) == {"Qatar"} and proposal.topics == ["ceasefire"]
    assert not events_of(nlp("The accusations were dismissed by the ministry."), "Rejection")


def test_a_participle_after_a_possessive_names_the_possessor_s_proposal(nlp):
    proposal = only(nlp("Egypt's proposed truce was rejected by Israel."), "Proposal")
    assert names(proposal.agents) == {"Egypt"} and proposal.topics == ["truce"]
    doc = nlp("On Monday, the Chilean president told his Peruvian counterpart that the OAS’s proposed "
              "30-day ceasefire must be applied across the country.")
    assert only(doc, "Proposal").topics == ["ceasefire"]


def test_meeting_someone_unnamed_is_no_meeting_of_the_subjects(nlp):
    assert not events_of(nlp("MI6, the CIA and the DGSE have had access to informants whom they have met "
                             "in Iraq."), "Meeting")
    assert not events_of(nlp("Blinken met the press with Lavrov."), "Meeting")
    assert events_of(nlp("Kenya and Uganda met in May."), "Meeting")


def test_a_condition_for_talks_demands_no_talks(nlp):
    doc = nlp("Chile has flatly turned down a Bolivian condition for resuming the talks.")
    assert only(doc, "Demand").topics == ["condition"] and names(only(doc, "Demand").agents) == {"Bolivia"}
    assert only(doc, "Rejection").topics == ["condition"]


def test_an_answered_plan_is_known_by_its_own_name(nlp):
    doc = nlp("Israel welcomed Egypt's initiative.")
    assert only(doc, "Proposal").topics == ["initiative"] and names(only(doc, "Proposal").agents) == {"Egypt"}
    assert only(nlp("Russia rejected Ukraine's proposal."), "Proposal").topics == []  # says nothing of what


def test_relative_clauses_name_what_was_rejected_and_who_did(nlp):
    rejection = only(nlp("Egypt put forward a truce plan, which Israel rejected on Sunday."), "Rejection")
    assert names(rejection.agents) == {"Israel"} and rejection.topics == ["truce plan"]
    assert only(nlp("The truce that Qatar proposed was welcomed by Hamas."), "Proposal").topics == ["truce"]
    rejection = only(nlp("Ethiopia sought access to the sea, a demand that Somalia rejected."), "Rejection")
    assert names(rejection.agents) == {"Somalia"} and rejection.status == "Actual"
    rejection = only(nlp("Kenya, which rejected the plan, left the talks."), "Rejection")
    assert names(rejection.agents) == {"Kenya"}


def test_an_act_a_side_wants_of_another_is_its_demand(nlp):
    demand = only(nlp("Iran wants the United States to lift sanctions first."), "Demand")
    assert names(demand.agents) == {"Iran"} and names(demand.addressees) == {"United States"}
    assert demand.topics == ["lift sanctions"]
    assert only(nlp("He said Maduro wanted all sanctions lifted."), "Demand").topics == ["lift sanctions"]
    assert only(nlp("Chile wants mediators to approve the accord."), "Demand").topics == ["approve accord"]
    for sentence in ("Russia wants to talk.", "Iran does not want the United States to lift sanctions.",
                     "The envoy said she wanted her family to look after her son.",
                     "Iran would want the talks to resume."):
        assert not events_of(nlp(sentence), "Demand"), sentence


def test_a_condition_one_side_sets_on_another_is_its_demand(nlp):
    demand = only(nlp("Turkey said it would lift its veto only if Sweden extradites the suspects."), "Demand")
    assert names(demand.agents) == {"Turkey"} and names(demand.addressees) == {"Sweden"}
    assert demand.topics == ["extradite suspects"]
    demand = only(nlp("Israel will not withdraw unless Hamas frees the hostages."), "Demand")
    assert names(demand.agents) == {"Israel"} and names(demand.addressees) == {"Hamas"}
    doc = nlp("Later, the Peruvian government said it will only let Morales meet with ELN again, "
              "if ELN releases some hostages.")
    assert names(only(doc, "Demand").agents) == {"Peru"}
    assert not events_of(doc, "Meeting")  # a meeting on a condition is none yet
    for sentence in ("If Iran attacks, Israel will respond.", "The talks will fail unless both sides compromise.",
                     "Unless regional governments address the grievances, the Taliban will remain a threat."):
        assert not events_of(nlp(sentence), "Demand"), sentence


# -- words in other senses ----------------------------------------------------------

def test_diplomatic_words_in_other_senses_are_no_events(nlp):
    for sentence in ("Amira called her mother on the day of the wedding.",
                     "The old regime is ready to fall.",
                     "The museum is open to visitors again.",
                     "Asked about the remarks, the coach dismissed them with a laugh.",
                     "The air force shot down a drone over the sea.",
                     "The plan met with criticism from aid groups.",
                     "Giuliani said Trump did not sign the letter.",
                     "The family made an urgent call home.",
                     "Canada has refused to lift a finger to help the refugees."):
        assert_no_events(nlp, [sentence])


def test_offers_of_talks_and_addressed_calls_are_proposals(nlp):
    assert names(only(nlp("Hamas is ready to negotiate with Fatah."), "Proposal").agents) == {"Hamas"}
    prop = only(nlp("Azerbaijan is open to drafting a peace treaty with Armenia."), "Proposal")
    assert names(prop.agents) == {"Azerbaijan"} and prop.topics == ["peace treaty"]
    prop = only(nlp("Norway called on Iran to release the detained sailors."), "Proposal")
    assert names(prop.agents) == {"Norway"}


def test_the_one_persuaded_or_urged_is_the_one_who_would_act(nlp):
    # Persuading or urging someone to accept says nothing of whether they did.
    assert not events_of(nlp("Qatar persuaded the Taliban to accept the roadmap."), "Acceptance")
    prop = only(nlp("Egypt urged Hamas to accept the truce."), "Proposal")
    assert names(prop.agents) == {"Egypt"}


def test_a_reduced_passive_names_its_own_doer(nlp):
    doc = nlp("The Houthis rejected a truce declared by Saudi Arabia.")
    prop = only(doc, "Proposal")
    assert names(prop.agents) == {"Saudi Arabia"} and only(doc, "Rejection").rejects is prop


def test_hyphenated_actor_modifiers_are_neither_agents_nor_topic(nlp):
    doc = nlp("Kenya rejected the Uganda-led inquiry into the border clashes.")
    rej = only(doc, "Rejection")
    assert names(rej.agents) == {"Kenya"} and rej.topics == ["inquiry"]
    assert not events_of(nlp("He was linked to several Yemen-based attack plans."), "Proposal")
    prop = only(nlp("Hamas rejected the Qatar-brokered plan."), "Proposal")
    assert names(prop.agents) == {"Qatar"}


def test_phrasal_verbs_courts_and_failures_are_no_events(nlp):
    for sentence in ("Britain is not prepared to back up the threats with force.",
                     "The supreme court rejected the appeal of the former minister.",
                     "The talks failed to offer a credible alternative to war.",
                     "Begum gave interviews disavowing her ties to Britain.",
                     "Officials dismissed the continuing value of the base."):
        assert_no_events(nlp, [sentence])
    rej = only(nlp("Hezbollah has been unwilling to accede to the new cabinet plan."), "Rejection")
    assert names(rej.agents) == {"Hezbollah"}


def test_support_embrace_and_agree_in_other_senses(nlp):
    for sentence in ("Iran reinforced its support for Bashar al-Assad.",
                     "On a visit to the base, Putin embraced the Syrian president.",
                     "Many western powers now accept that Assad will stay.",
                     "By Sunday he appeared to agree with Bolton that the withdrawal would be slow.",
                     "Turkey is yet to offer a safe haven to the refugees.",
                     "De Mistura asked Turkey, Russia and Iran to meet in Geneva."):
        assert_no_events(nlp, [sentence], ignore=("Statement", "Proposal"))
    acc = only(nlp("Obama voiced support for the Iran nuclear deal."), "Acceptance")
    assert names(acc.agents) == {"Obama"}


def test_a_possessive_the_parser_missed_names_the_proposer(nlp):
    doc = nlp("Vladimir Putin had earlier rejected Erdoğan’s calls for a ceasefire in Idlib.")
    assert names(only(doc, "Proposal").agents) == {"Erdoğan"}


def test_every_event_carries_a_cameo_code_of_its_kind(nlp):
    doc = nlp("Kenya and Somalia signed a maritime border agreement. Brazil said Venezuela must release "
              "the journalists. Russia rejected the truce. Ruto telephoned Abiy Ahmed on Monday. "
              '"We will not sign," the Eritrean minister Osman Saleh said.')
    codes = {e.kind: e.cameo for e in doc._.events}
    assert codes["Agreement"] == "057" and codes["Rejection"].startswith("12")
    assert codes["Demand"].startswith("10") and codes["Statement"].startswith("01")
    assert all(e.cameo for e in doc._.events)


def test_more_words_in_other_senses(nlp):
    for sentence in ("He picked up his camera and got ready for the next day's assignment.",
                     "In Erbil they were embraced by an emotional Waters.",
                     "The UN has begged the coalition to agree to an immediate ceasefire."):
        found = [(e.kind, e.trigger, e.topics) for e in nlp(sentence)._.events
                 if e.kind in ("Acceptance", "Rejection", "Proposal") and e.kind != "Statement"
                 and not (e.kind == "Proposal" and "ceasefire" in " ".join(e.topics))]
        assert not found, (sentence, found)


def test_topics_follow_try_to(nlp):
    prop = only(nlp("Egypt urged Ethiopia to try to resume the talks."), "Proposal")
    assert prop.topics == ["resume talks"]


def test_a_by_phrase_names_who_invited(nlp):
    prop = only(nlp("The inspectors were invited by Britain to carry out an investigation."), "Proposal")
    assert names(prop.agents) == {"United Kingdom"}


def test_discussing_together_is_a_meeting_and_alone_is_not(nlp):
    meeting = only(nlp("Secretary Mike Pompeo and the Afghan negotiators discussed ways to reduce violence."),
                   "Meeting")
    assert names(meeting.participants) == {"Mike Pompeo", "Afghanistan"}
    assert not events_of(nlp("Iran discussed the plan on Monday."), "Meeting")


def test_intentions_clashes_refused_meetings_and_accepted_people_are_no_events(nlp):
    for sentence, kind in (("Campbell told her father of her plan to join the Kurdish fighters.", "Proposal"),
                           ("US-backed troops met government forces near the river.", "Meeting"),
                           ("Erdoğan refused to meet Bolton in Ankara.", "Meeting"),
                           ("The US accepted just 11 Syrian refugees in 2018.", "Acceptance"),
                           ("The UK government is being urged to move rapidly.", "Proposal")):
        assert not events_of(nlp(sentence), kind), sentence
    assert only(nlp("Erdoğan refused to meet Bolton in Ankara."), "Rejection")
    assert only(nlp("Mali accepted the plan of the regional bloc."), "Acceptance")


def test_an_imperative_or_necessity_voiced_is_a_demand(nlp):
    doc = nlp("The Kenyan president emphasized the imperative of an immediate truce in the north. "
              "Ghana's foreign minister underscored the necessity of a prisoner exchange.")
    demands = events_of(doc, "Demand")
    assert [(names(d.agents), d.topics) for d in demands] == [
        ({"Kenya"}, ["immediate truce"]), ({"Ghana"}, ["prisoner exchange"])]


def test_a_stance_said_with_must_is_a_demand_and_so_is_what_a_settlement_must_do(nlp):
    doc = nlp("Kenyan President William Ruto stressed his position that Uganda must withdraw its troops. "
              "Ruto said any settlement should include elections. Ruto said the talks must continue.")
    demands = events_of(doc, "Demand")
    assert [(names(d.agents), d.topics) for d in demands] == [
        ({"William Ruto"}, ["withdraw troops"]), ({"Ruto"}, ["include elections"])]


def test_a_statement_or_order_speaks_for_its_author(nlp):
    doc = nlp("Ghana's statement called for a truce. The rebels' letter rejected the plan.")
    assert names(only(doc, "Proposal").agents) == {"Ghana"}
    assert [m.kind for m in only(doc, "Rejection").agents] == ["group"]


def test_encouraging_talks_or_an_offer_is_a_proposal_praise_is_not(nlp):
    doc = nlp("Kenya encouraged both sides to negotiate. Ghana encouraged talks on a truce.")
    proposals = events_of(doc, "Proposal")
    assert [(names(p.agents), p.topics) for p in proposals] == [
        ({"Kenya"}, ["negotiate"]), ({"Ghana"}, ["talks", "truce"])]
    assert_no_events(nlp, ["Kenya was encouraged by the progress of the talks.",
                           "Ghana encouraged investors to buy its bonds."])


def test_when_an_act_is_asked_is_not_what_it_is_about(nlp):
    doc = nlp("The Ghanaian minister encouraged Kenya and Uganda to meet again before the end of the month.")
    assert only(doc, "Proposal").topics == ["meet"]


def test_refusing_to_set_terms_rejects_them(nlp):
    doc = nlp("Uganda's defence minister refused to set a timetable for the withdrawal of its troops.")
    rejection = only(doc, "Rejection")
    assert names(rejection.agents) == {"Uganda"} and rejection.topics == ["set timetable"]


def test_an_urged_act_on_people_is_the_act_and_an_offered_thing_is_the_thing(nlp):
    doc = nlp("Jeremy Corbyn urged the prime minister to consult MPs. "
              "Kenya urged Uganda to accept the truce.")
    assert [p.topics for p in events_of(doc, "Proposal")] == [["consult mps"], ["truce"]]


def test_an_unnamed_office_or_its_holder_of_a_country(nlp):
    doc = nlp("Shamima Begum left London in 2015. The home secretary has suggested rewriting the "
              "law of treason. The president of Sierra Leone called for urgent help.")
    agents = [{m.referent.name for m in p.agents} for p in events_of(doc, "Proposal")]
    assert agents == [{"The home secretary"}, {"Sierra Leone"}]  # no one named, not Begum


def test_envoys_of_an_opposition_and_a_summit_in_a_capital(nlp):
    doc = nlp("The Syrian opposition delegation held its first meeting with the UN envoy, Staffan "
              "de Mistura, on Tuesday. Jeremy Hunt will leave the Warsaw summit early.")
    meetings = events_of(doc, "Meeting")
    assert len(meetings) == 1 and "Syrian opposition" in names(meetings[0].participants)


def test_any_talks_are_no_particular_talks(nlp):
    doc = nlp("The ambassador is not aware of any conversations between Vladimir Putin and Donald Trump.")
    assert all(e.status == "Hypothetical" for e in events_of(doc, "Meeting"))


def test_what_is_discussed_is_no_participant(nlp):
    doc = nlp("Western leaders gathered in Paris to discuss Sudan. Kenya and Uganda discussed the border.")
    assert [names(m.participants) for m in events_of(doc, "Meeting")] == [{"Kenya", "Uganda"}]


def test_a_national_adjective_the_parser_takes_for_a_subject_is_no_agent(nlp):
    assert_no_events(nlp, ["American dithering over Syria has invited such acts of defiance."])


def test_supporting_or_welcoming_a_plan_accepts_it(nlp):
    doc = nlp("Kenya welcomed Ghana's peace proposal. Uganda backed the troops.")
    acceptance = only(doc, "Acceptance")
    assert names(acceptance.agents) == {"Kenya"} and acceptance.accepts is not None
    assert names(acceptance.accepts.agents) == {"Ghana"}


def test_where_something_was_said_is_not_what_was_proposed(nlp):
    doc = nlp("In his Stanford speech, Rex Tillerson laid out five US goals in Syria.")
    assert only(doc, "Proposal").topics == ["goals"]


def test_what_indicates_is_no_proposal_and_agreeing_on_a_need_accepts_nothing(nlp):
    assert_no_events(nlp, [
        "The general pointed to the fighters still crossing the border, which suggested a continuing level of resilience.",
        "The Kenyan cabinet agreed on the need to take action.",
        "The revamped delegation, endorsed by Federica Mogherini, arrived in Geneva."])
    doc = nlp("The peace plan, endorsed by Federica Mogherini, was published.")
    assert names(only(doc, "Acceptance").agents) == {"Federica Mogherini"}


def test_an_act_urged_not_to_be_done_says_not(nlp):
    doc = nlp("Jeremy Corbyn has urged the UK not to join any US-led action against Syria.")
    assert only(doc, "Proposal").topics == ["not join action"]


def test_separate_calls_with_two_are_two_calls(nlp):
    doc = nlp("Kenyan President William Ruto has discussed Sudan in separate phone calls with both "
              "Donald Trump and Vladimir Putin.")
    calls = events_of(doc, "Meeting")
    assert [names(c.participants) for c in calls] == [{"William Ruto", "Donald Trump"},
                                                      {"William Ruto", "Vladimir Putin"}]


def test_what_one_demands_be_done_is_the_act_and_is_not_done(nlp):
    doc = nlp("Russia demanded that Ukraine withdraw its troops. Kenya insisted that Uganda accept the truce.")
    assert [d.topics for d in events_of(doc, "Demand")] == [["withdraw troops"], ["truce"]]
    assert not events_of(doc, "Acceptance")  # asked of Uganda, not done by it


def test_speaking_by_phone_with_someone_is_a_phone_call(nlp):
    doc = nlp("Vladimir Putin spoke by phone with Emmanuel Macron about Ukraine.")
    assert only(doc, "Meeting").subclass == "PhoneCall"


def test_a_host_takes_part_in_talks_between_others_and_talks_begun_are_held(nlp):
    doc = nlp("Saudi Arabia hosted talks between Sudan's army and the Rapid Support Forces.")
    assert "Saudi Arabia" in names(only(doc, "Meeting").participants)
    doc = nlp("Kenya and Uganda resumed talks on the border.")
    assert names(only(doc, "Meeting").participants) == {"Kenya", "Uganda"}


def test_calls_rejected_are_rejected_for_what_they_call_for(nlp):
    doc = nlp("Moscow rejected calls for a ceasefire, saying Kyiv must first withdraw its forces.")
    assert events_of(doc, "Rejection")[0].topics == ["ceasefire"]


def test_what_one_is_called_on_to_do_is_asked_not_done(nlp):
    doc = nlp("Britain called on Russia to accept an unconditional ceasefire. "
              "Kenya called on Uganda to avoid actions that risk a conflict.")
    assert not events_of(doc, "Acceptance")
    assert [p.topics for p in events_of(doc, "Proposal")] == [["unconditional ceasefire"], ["avoid actions"]]


def test_a_telephone_call_is_no_proposal(nlp):
    doc = nlp("Since his telephone call congratulating Vladimir Putin on his re-election, Donald Trump "
              "has been signalling his intention to withdraw.")
    assert not events_of(doc, "Proposal")


def test_being_happy_to_talk_is_no_talk(nlp):
    assert_no_events(nlp, ["Britain, France and other western powers are happy to discuss sanctions on Russia."])
