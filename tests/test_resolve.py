"""One node per actor across mentions and articles, and rejections linked to proposals."""
from kg.articles import Article
from kg.pipeline import parse
from kg.resolve import person_key, resolve, word_key


def build(nlp, *texts):
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    return resolve(parse(articles, nlp))


def actor(resolved, label):
    return next(a for a in resolved.actors.values() if a.label == label)


def test_transliterations_fold_to_one_key():
    assert word_key("Zelensky") == word_key("Zelenskyy") == word_key("Zelenskiy")
    assert word_key("Sergey") == word_key("Sergei")
    assert person_key("Dmitri Peskov") == person_key("Dmitry Peskov")
    assert word_key("Smith") != word_key("Smyth")


def test_aliases_across_articles_merge_into_one_actor(nlp):
    resolved = build(nlp, "Ukrainian President Volodymyr Zelensky met Polish leaders in Warsaw.",
                     "Volodymyr Zelenskyy spoke to reporters. Zelenskyy said the talks went well.",
                     "Moscow and the Kremlin reacted, and Russian officials complained.")
    zelensky = [a for a in resolved.actors.values() if "Zelensk" in a.label]
    assert len(zelensky) == 1 and {"Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskyy"} & (
        zelensky[0].aliases | {zelensky[0].label})
    assert zelensky[0].sources == {"a0", "a1"}
    russia = actor(resolved, "Russia")
    assert {"Moscow", "Kremlin"} <= russia.aliases


def test_different_people_with_different_names_stay_apart(nlp):
    resolved = build(nlp, "Israeli Prime Minister Benjamin Netanyahu met US envoy Steve Witkoff. "
                          "Netanyahu thanked Witkoff.")
    people = sorted(a.label for a in resolved.actors.values() if a.kind == "person")
    assert people == ["Benjamin Netanyahu", "Steve Witkoff"]


def test_a_rejection_points_to_the_stated_proposal(nlp):
    resolved = build(nlp, "Egypt proposed a ceasefire in Gaza on Monday. "
                          "On Tuesday, Israel rejected the ceasefire.")
    rejection = next(e for e in resolved.events if e.kind == "Rejection")
    proposal = next(e for e in resolved.events if e.key == rejection.rejects)
    assert proposal.agents == ["k:egypt"] and proposal.topics == ["ceasefire"]


def test_an_unstated_proposal_is_made_once_per_topic(nlp):
    resolved = build(nlp, "Hamas rejected a truce. Later Hamas again dismissed any truce.")
    proposals = [e for e in resolved.events if e.kind == "Proposal"]
    assert len(proposals) == 1 and proposals[0].agents == []


def test_one_fact_said_twice_in_other_words_is_one_event(nlp):
    resolved = build(nlp, "Egypt proposed a truce on Monday. Israel rejected the ceasefire. "
                          "Later Israel again dismissed the truce, officials said.")
    rejections = [e for e in resolved.events if e.kind == "Rejection"]
    assert len(rejections) == 1 and len(rejections[0].evidence_more) == 1
    proposal = next(e for e in resolved.events if e.key == rejections[0].rejects)
    assert proposal.agents == ["k:egypt"]


def test_a_proposal_named_with_more_proposers_later_is_still_one_proposal(nlp):
    resolved = build(nlp, "Qatar continues to call for a truce in Gaza. "
                          "Israel dismissed the truce proposed by Qatar and Egypt.")
    proposals = [e for e in resolved.events if e.kind == "Proposal"]
    assert len(proposals) == 1, [(p.agents, p.topics) for p in proposals]
    assert set(proposals[0].agents) == {"k:qatar", "k:egypt"}
    rejection = next(e for e in resolved.events if e.kind == "Rejection")
    assert rejection.rejects == proposals[0].key


def test_one_side_pressing_the_same_others_again_is_one_appeal(nlp):
    resolved = build(nlp, "Norway's foreign minister Anne Berg is urging Peru and Chile to settle their border "
                          "dispute. Berg stressed the need for Peru and Chile to reach an agreement on fishing. "
                          "Speaking on Friday, Berg said Peru and Chile must compromise. "
                          "Berg also urged Bolivia to join the talks.")
    appeals = [e for e in resolved.events if e.kind in ("Proposal", "Demand")]
    to_both = [e for e in appeals if set(e.addressees) == {"k:peru", "k:chile"}]
    assert len(to_both) == 1 and len(to_both[0].evidence_more) == 2, [(e.kind, e.topics) for e in appeals]
    assert [e.addressees for e in appeals if e is not to_both[0]] == [["k:bolivia"]]


def test_a_known_figure_serves_the_country_named_beside_them_only(nlp):
    resolved = build(nlp, "Prime Minister Benjamin Netanyahu met envoys in Jerusalem. Israel said talks went well.",
                     "Benjamin Netanyahu, a namesake, opened a bakery in Ohio.")
    assert actor(resolved, "Benjamin Netanyahu").affiliations == {"k:israel"}
    resolved = build(nlp, "Benjamin Netanyahu, a namesake, opened a bakery in Ohio.")
    assert not actor(resolved, "Benjamin Netanyahu").affiliations


def test_an_accord_of_two_leaders_and_the_deal_of_their_sides_are_one_agreement(nlp):
    resolved = build(nlp, "On Monday, Peruvian President Tomas Reyes and Joaquin Mora, leader of the Marxist "
                          "rebel faction, signed a peace accord. "
                          "Bishops welcomed Monday's peace deal between Peru and the Marxist rebels.")
    agreements = [e for e in resolved.events if e.kind == "Agreement"]
    assert len(agreements) == 1, [(e.parties, e.topics) for e in agreements]
    assert {resolved.actors[k].label for k in agreements[0].parties} == {"Tomas Reyes", "Joaquin Mora"}


def test_talks_with_a_governing_authority_and_with_its_leader_are_one_meeting(nlp):
    resolved = build(nlp, "Norway's envoy Tor Wennesland continued talks with the Palestinian Authority. "
                          "On Friday Wennesland met Palestinian Prime Minister Mohammad Shtayyeh in Ramallah.")
    meetings = [e for e in resolved.events if e.kind == "Meeting"]
    assert len(meetings) == 1, [e.participants for e in meetings]
    assert {resolved.actors[k].label for k in meetings[0].participants} == {"Tor Wennesland", "Mohammad Shtayyeh"}


def test_an_answer_to_only_the_condition_is_the_named_answer_of_its_side(nlp):
    resolved = build(nlp, "Chilean envoy Ana Rojas has again flatly turned down a Bolivian condition for "
                          "resuming the talks. Rojas also repeated Chile's refusal to cede any coastline.")
    rejections = [e for e in resolved.events if e.kind == "Rejection"]
    assert len(rejections) == 1 and "condition" in rejections[0].topics, [e.topics for e in rejections]
    assert not [e for e in resolved.events if e.kind == "Proposal" and not e.agents
                and e.key not in {r.rejects for r in rejections}]
    resolved = build(nlp, "Chilean envoy Ana Rojas has again flatly turned down a Bolivian condition for "
                          "resuming the talks. Rojas also repeated Chile's refusal to cede any coastline. "
                          "Chile also rejected a Bolivian plan for a new border.")
    assert len([e for e in resolved.events if e.kind == "Rejection"]) >= 2  # which one, unsaid


def test_one_proposal_told_with_more_or_other_words_for_a_meeting_is_one(nlp):
    resolved = build(nlp, "Officials welcomed Qatar's suggestion of an informal summit of the two sides. "
                          "Kenya is willing to support a Qatari proposal for talks on the border.")
    proposals = [e for e in resolved.events if e.kind == "Proposal"]
    assert len(proposals) == 1 and len(proposals[0].evidence_more) == 1, [e.topics for e in proposals]
    resolved = build(nlp, "Egypt proposed a truce. Egypt also proposed talks on prisoners.")
    assert len([e for e in resolved.events if e.kind == "Proposal"]) == 2


def test_different_proposers_of_one_thing_stay_apart(nlp):
    resolved = build(nlp, "Qatar proposed a truce in Gaza. Egypt also proposed a truce.")
    proposals = sorted(tuple(e.agents) for e in resolved.events if e.kind == "Proposal")
    assert proposals == [("k:egypt",), ("k:qatar",)]


def test_articles_sharing_an_id_link_rejections_as_one_article(nlp):
    """Rejections are linked per article id; two texts with one id are read as one."""
    from kg.articles import Article

    texts = ["Norway proposed a ceasefire on Monday.", "Sweden rejected the ceasefire on Tuesday."]
    shared = resolve(parse([Article(id="same", text=t) for t in texts], nlp))
    rejection = next(e for e in shared.events if e.kind == "Rejection")
    proposal = next(e for e in shared.events if e.kind == "Proposal")
    assert rejection.rejects == proposal.key and proposal.agents


def test_a_generic_group_is_one_actor_an_article_and_a_named_one_one_everywhere(nlp):
    resolved = build(nlp, "The rebels rejected the plan. Karen rebels attacked a post.",
                     "The rebels proposed talks. Karen rebels withdrew.")
    rebels = [a for a in resolved.actors.values() if a.label == "Rebels"]
    assert len(rebels) == 2 and all(a.kind == "group" and len(a.sources) == 1 for a in rebels)
    karen = [a for a in resolved.actors.values() if a.label == "Karen rebels"]
    assert len(karen) == 1 and karen[0].sources == {"a0", "a1"}


def test_a_people_resolves_to_its_state_or_to_a_group(nlp):
    resolved = build(nlp, "The Israelis agreed to the truce, and the Kurds demanded autonomy.")
    assert actor(resolved, "Israel").kind == "country"
    assert actor(resolved, "Kurds").kind == "group"


def test_the_rebels_reject_the_mediators_plan_through_the_whole_build(tmp_path):
    from rdflib import Namespace, RDF, RDFS

    from kg import build as build_graph

    (tmp_path / "a.txt").write_text("The rebels rejected the plan put forward by the mediators on Friday.",
                                    encoding="utf-8")
    kg = Namespace("https://w3id.org/parley/ontology#")
    graph = build_graph([tmp_path])
    rejection = next(graph.subjects(RDF.type, kg.Rejection))
    agent = graph.value(rejection, kg.agent)
    assert (agent, RDF.type, kg.Group) in graph and str(graph.value(agent, RDFS.label)).lower() == "rebels"
    proposal = graph.value(rejection, kg.rejects)
    proposer = graph.value(proposal, kg.agent)
    assert str(graph.value(proposer, RDFS.label)).lower() == "mediators"


def test_a_full_personal_name_stays_a_person_when_ner_calls_the_surname_a_place():
    from kg.records import ArticleResult, Frame, Mention
    from kg.resolve import ActorTable

    article = Article(id="tbilisi", text="")
    full = Mention(0, 2, "Mikheil Saakashvili", "person", "Mikheil Saakashvili")
    as_places = [Mention(10 * n, 10 * n + 1, "Saakashvili", "gpe", "Saakashvili") for n in range(1, 4)]
    acting = Mention(50, 51, "Saakashvili", "gpe", "Saakashvili")
    signed = Frame(kind="Agreement", trigger="signed", trigger_char=300, evidence="", parties=[acting])
    table = ActorTable()
    table.assign([ArticleResult(article, [full, *as_places, acting], [signed])])
    key = table.key(acting, article.id)
    assert key is not None and table.actors[key].label == "Mikheil Saakashvili"
    assert table.actors[key].kind == "person"


def test_an_office_written_as_a_name_is_its_holder_in_that_article_only(nlp):
    resolved = build(nlp, "The President spoke today with Chancellor Scholz of Germany about Ukraine.",
                     "The President spoke on Friday with President Lula of Brazil about trade.")
    offices = [a for a in resolved.actors.values() if a.label == "The President"]
    assert len(offices) == 2 and all(a.kind == "person" for a in offices)
    meetings = [e for e in resolved.events if e.kind == "Meeting"]
    assert len(meetings) == 2 and all(len(e.participants) == 2 for e in meetings)
    # A lower-case description stays a reference to someone named, never an actor itself.
    resolved = build(nlp, "The minister arrived in Cairo on Monday.")
    assert not [a for a in resolved.actors.values() if "minister" in a.label.lower()]


def test_a_visit_and_the_talk_held_on_it_are_one_meeting(nlp):
    resolved = build(nlp, "Antony Blinken visited Nairobi on Monday. In Nairobi, Blinken met Kenyan President "
                          "William Ruto to discuss Sudan.")
    meetings = [e for e in resolved.events if e.kind == "Meeting"]
    assert len(meetings) == 1, [(e.label, e.subclass) for e in meetings]
    labels = {resolved.actors[k].label for k in meetings[0].participants}
    assert {"Antony Blinken", "William Ruto"} <= labels | {"Kenya"}
    # The same people meeting again on another date stay two meetings.
    resolved = build(nlp, "Blinken met Kenyan President William Ruto on 3 May 2024. Blinken met Ruto "
                          "again on 9 June 2024.")
    assert len([e for e in resolved.events if e.kind == "Meeting"]) == 2


def test_a_family_name_said_first_alone_is_the_person_named_in_full(nlp):
    resolved = build(nlp, "Chinese Vice Premier Liu He arrived in Washington on Monday. "
                          "Talks between Liu and Robert Lighthizer ended on Thursday.")
    liu = [a for a in resolved.actors.values() if a.label.startswith("Liu")]
    assert len(liu) == 1 and liu[0].kind == "person"


def test_a_meeting_with_only_ones_own_side_is_none(nlp):
    resolved = build(nlp, "British Foreign Secretary David Lammy visited Basra, meeting British troops. "
                          "Lammy later met Iraqi Prime Minister Mohammed Shia al-Sudani.")
    meetings = [e for e in resolved.events if e.kind == "Meeting"]
    labels = [{resolved.actors[k].label for k in m.participants} for m in meetings]
    assert labels == [{"David Lammy", "Mohammed Shia al-Sudani"}]
