"""The engine's conversation: follow-ups read against a context, date questions, expiry."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from nkbot.bot.conversations import Conversations
from nkbot.engine import Engine, Reason, Result, Status
from nkbot.engine.datequery import date_query
from nkbot.engine.followup import CONTEXT_SECONDS, Context


def _results(engine: Engine, *questions: str, gap: float = 30.0) -> list[Result]:
    """Each turn's result, asked one after another with the context the turn before left."""
    context, clock, out = None, 0.0, []
    for q in questions:
        result, context = engine.respond(q, context, None, clock)
        clock += gap
        out.append(result)
    return out


def talk(engine: Engine, *questions: str, gap: float = 30.0) -> list[str]:
    """What each turn answered: an entry id, timeline:SPAN, or the status."""
    out = []
    for result in _results(engine, *questions, gap=gap):
        if result.intent is not None and result.status is Status.ANSWERED:
            out.append(result.intent.id)
        elif result.span is not None:
            out.append(f"timeline:{result.span.text}")
        else:
            out.append(result.status.value)
    return out


def after(engine: Engine, before: str, question: str) -> Result:
    """The answer to `question` asked right after `before`, with the context it left."""
    return engine.respond(question, engine.respond(before)[1], None, 10.0)[0]


def test_the_issue_conversation(engine: Engine) -> None:
    assert talk(
        engine, "how many died in the 2020 war?", "and in the first war?", "who signed the ceasefire?"
    ) == [
        "casualties-2020",
        "casualties-1988-1994",
        "bishkek-protocol",
    ]


def test_the_same_conversation_in_russian(engine: Engine) -> None:
    turns = talk(
        engine, "сколько погибло во второй карабахской войне", "а в первую войну?", "кто подписал перемирие?"
    )
    # the first war's own entry states its death toll too
    assert turns[0] == "casualties-2020" and turns[2] == "bishkek-protocol"
    assert turns[1] in ("casualties-1988-1994", "first-war")


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        ("when was shusha captured in 1992", "and lachin?", "capture-of-lachin-1992"),
        ("tell me about the april 2016 war", "how many died", "casualties-2010-2019"),
        ("when was the bishkek protocol signed", "who signed it", "bishkek-protocol"),
        ("when was the bishkek protocol signed", "what happened next", "first-war-outcome"),
        ("what happened in 1992", "what happened next", "kalbajar-1993"),
        ("who is ilham aliyev", "and pashinyan?", "nikol-pashinyan"),
        ("who won the 2020 war", "and the casualties?", "casualties-2020"),
        ("сколько погибло в войне 2020", "а в первой?", "casualties-1988-1994"),  # "первой" names the war
        # words common to many entries name no subject: the one in context is meant
        ("when was the sumgait pogrom", "how many were killed", "sumgait-pogrom"),
        ("сумгаитский погром", "сколько погибло", "sumgait-pogrom"),
        ("aghdam 1993", "when", "aghdam-1993"),
        # the names carried (the town) rank another entry: "when?" still asks of the entry answered
        ("capture of aghdam", "when", "aghdam-1993"),
        # after the parties, "who is right?" is the whole conflict's question, as asked alone
        ("кто воевал", "а кто прав?", "contested-who-is-right"),
        # "who is to blame?" after an entry with no one to blame in it is the conflict's question
        ("где живут беженцы из карабаха", "кто виноват", "contested-who-started"),
        # "это" after a rare word names that thing: "шушинская декларация это что" is a question of its own
        ("эрдоган и карабах", "шушинская декларация это что", "shusha-declaration-2021"),
        # "his party" after a person: the event linked to him that the words ask about, not his biography
        ("is pashinyan still pm", "did his party win in june", "armenia-election-2026"),
        # "his father" is another person: the relative, not the person in context
        ("who is ilham aliyev", "and his father?", "heydar-aliyev"),
        ("ильхам алиев", "а папа его когда умер", "heydar-aliyev"),
        # "he" with a year of its own: still that person, in that year
        ("who is erdogan", "what did he do in 2020", "recep-tayyip-erdogan"),
        # "there" after a name in the question itself points at that name, not the context
        ("ноябрьское перемирие 2020", "миротворцы до сих пор там?", "peacekeepers-withdrawal-2024"),
        # an office swapped in is looked up by its dates, as when asked alone
        ("who was president of armenia in 2016", "and azerbaijan's?", "ilham-aliyev"),
        # pointing back: the subject in context, even with a year or party of its own
        ("khojaly town", "what happened there in 92", "khojaly-massacre"),
        ("what was the khanate of karabakh", "when did russia take it over", "history-before-1918"),
        ("what happened at the white house in 2025", "who was there", "washington-summit-2025"),
        ("who controls karabakh now", "are there any armenians left", "current-status"),  # too short alone
        # roads and missions named in context are carried: the road, not the town of Lachin
        ("lachin road", "who controlled it", "lachin-corridor"),
        ("лачинская дорога", "кто её контролировал", "lachin-corridor"),
        ("are russian peacekeepers still there", "how many were there", "russian-peacekeepers"),
        ("what is the eu mission in armenia", "how many people does it have", "eu-mission-armenia"),
        # "is it real" alone reads like "really" (small talk); after an answer, "it" is its subject
        ("eu mission in armenia", "она ещё работает?", "eu-mission-armenia"),
        ("hadrut execution video", "is it real", "hadrut-2020"),
        # "он"/"he" after an entry linked to one person only: that person (who signed the decree, who
        # ordered the strikes); Russian "он" is also a thing, so not there: the corridor itself
        ("is artsakh dissolved", "where is he now", "samvel-shahramanyan"),
        ("ganja missile strikes", "is he in jail", "arayik-harutyunyan"),
        ("лачинский коридор", "а щас он чей", "lachin-corridor"),
        ("ракетные удары по гяндже", "он был один?", "ganja-missile-strikes"),
        # ... unless what is asked is said of people only: where he is, whether he lives
        ("роспуск арцаха", "а он где щас", "samvel-shahramanyan"),
        # asking what a thing is names it, however common its word: the NKAO, not Ghukasyan's years there
        ("а гукасян сейчас где", "что такое нкао", "nkao-creation-1923"),
        # ... after "and" too: not the name swapped into the question before
        ("бои в апреле 2016", "а что такое трипп", "tripp-route"),
        ("мирный договор", "а что такое минская группа", "minsk-group"),
        ("европарламент что сказал про исход армян", "а что за наблюдатели ес", "eu-mission-armenia"),
        # one place named by both its names asks about its names, not about it in the question before
        ("who took fuzuli in 1993", "is shusha the same as shushi", "shusha-shushi"),
        # a new question announced ("one more", «ещё вопрос») is no follow-up for those words
        (
            "khojaly massacre",
            "one more, when did the blockade of the lachin road start",
            "blockade-2022",
        ),
        ("сколько погибло в 2020", "еще вопрос, что такое минская группа", "minsk-group"),
        # "it" asked of a linked entry when the one in context never speaks of what is asked: the
        # initialled agreement after the agreed text; the referendum after the declaration (not the
        # 2026 election, which "vote" reaches first alone)
        ("peace treaty text agreed in march 2025", "who initialled it", "peace-agreement-initialed-2025"),
        (
            "when did nagorno karabakh declare independence",
            "was there a vote",
            "independence-referendum-1991",
        ),
        # ... of those linked, the one of its time (the 1991 referendum, not the one on Armenia's
        # constitution), and with no "it" too: what ended the war after the truces that did not
        (
            "when did nagorno karabakh declare independence",
            "was there a referendum",
            "independence-referendum-1991",
        ),
        (
            "failed humanitarian ceasefires october 2020",
            "so what ended the war in the end",
            "november-2020-agreement",
        ),
        # ... but a question of no time (not a place) is itself: "was it genocide" after Maraga is
        # the genocide question, not the Khojaly massacre's fact of two months before
        ("what happened in maraga", "was it genocide", "contested-genocide-claims"),
        # "and then everyone left?" after the ceasefire of September 2023: the step reaches the
        # exodus, and the question's own words agree with it
        ("what were the terms of the september 2023 ceasefire", "and then everyone left?", "exodus-2023"),
        # "before that" / "after that" closing a question with words of its own: a time to look
        # from, not the subject in context carried into the question
        (
            "un resolutions 822 853 874 884",
            "was there any peace attempt before that",
            "zheleznovodsk-communique-1991",
        ),
        ("azerbaijani offensive of september 2023", "how many people fled after that", "exodus-2023"),
        # why one leader was not given life like the others: his own sentence, not the trials of all
        ("is bako sahakian still in prison", "why not life like the others", "bako-sahakyan"),
        # the Aghdam mosque's fate is the heritage entry's fact on it, not the town's nickname
        (
            "why is aghdam called the hiroshima of the caucasus",
            "is the mosque there still standing",
            "cultural-heritage",
        ),
        ("что было в мараге", "а это геноцид был или нет", "contested-genocide-claims"),
        # what the UN said after Kalbajar fell is Kalbajar's Resolution 822, not Aghdam's 853;
        # what Vardanyan did in Artsakh is his own office, not the peacekeepers' deeds
        ("когда армяне взяли кельбаджар", "а оон че сказала на это", "kalbajar-1993"),
        ("кто такой рубен варданян", "и че он делал в арцахе", "ruben-vardanyan"),
        # after the ceasefire of September 2023, whether Artsakh was then dissolved is the decree's
        # entry, not the ceasefire's terms; how many left, after the ethnic-cleansing question, is
        # the exodus's count
        (
            "на каких условиях прекратили огонь в сентябре 2023",
            "и арцах потом распустили?",
            "artsakh-dissolution",
        ),
        ("это этническая чистка была или нет", "а скока народу уехало", "exodus-2023"),
        # asked of a person with "he", or with no subject of its own: that person's entry states it,
        # not the trial of all the leaders that "sentence" ranks first alone ("he" is no sentence),
        # nor, for "why did he leave", any other resignation
        ("bako sahakyan", "what sentence did he get", "bako-sahakyan"),
        ("arayik harutyunyan", "which court sentenced him", "arayik-harutyunyan"),
        ("кто был первым президентом азербайджана", "почему ушел", "ayaz-mutalibov"),
        # unsure alone between the 2020 and 1994 ceasefires: the one of the war in context
        ("second karabakh war", "who signed the ceasefire", "november-2020-agreement"),
        ("вторая карабахская война", "кто подписал перемирие", "november-2020-agreement"),
        # another time after an entry with a `period`: its category's entry for then, not the war
        ("which army was bigger in 2020", "in the 90s?", "strength-1993-1994"),
        ("какая армия была сильнее перед войной 2020", "а в первую войну?", "strength-1993-1994"),
        # a person named, asked about "that" or for their word on it: the entry in context, not the
        # person's biography; "he" with the name is the person, asked about themselves
        (
            "who is right in the karabakh conflict",
            "why did pashinyan agree to that",
            "contested-who-is-right",
        ),
        ("кто прав в карабахском конфликте", "зачем пашинян это сделал", "contested-who-is-right"),
        ("enclaves and exclaves", "what does pashinyan say", "enclaves-and-exclaves"),
        (
            "november 2020 ceasefire",
            "is pashinyan still in power, did he win the election",
            "nikol-pashinyan",
        ),
        # ... and so is "he" before the name: the person, not the entry in context
        ("november 2020 ceasefire", "is he still in power, aliyev?", "ilham-aliyev"),
        # "he" after a time named is no "it" standing for that time: the person in context
        ("arayik harutyunyan", "in the 2020 war what did he do", "arayik-harutyunyan"),
        ("samvel babayan", "after the first war what happened to him", "samvel-babayan"),
        # "it" asked in the words of one of the entry's own facts: that fact, not the place carried
        ("battle of shusha 2020", "why was it so important", "battle-of-shusha-2020"),
        ("lachin corridor", "who was guarding it before", "lachin-corridor"),
        # sides named are no subject of their own: asked in the words of the place's fact on who holds
        # it, not where things stand in the whole region
        ("zangilan", "armenian or azerbaijani now?", "zangilan"),
        ("fuzuli", "is it armenian or azerbaijani now", "fuzuli"),
        # a capital replying is its government's view; "ther" is "there"
        ("was there a genocide in karabakh", "what did baku reply", "contested-genocide-claims"),
        ("khojaly massacre", "how many died ther", "khojaly-massacre"),
    ],
)
def test_follow_ups(engine: Engine, first: str, follow: str, expected: str) -> None:
    assert talk(engine, first, follow)[1] == expected


def test_two_digit_years_swap_like_full_ones(engine: Engine) -> None:
    turns = talk(engine, "what happened in 92", "and in 93?", "and 94?")
    assert turns == ["timeline:1992", "timeline:1993", "timeline:1994"]


def test_steps_walk_the_timeline_both_ways(engine: Engine) -> None:
    turns = talk(engine, "khojaly massacre", "what happened next", "and then", "and before that?")
    assert turns == ["khojaly-massacre", "minsk-group", "maraga-massacre", "minsk-group"]
    assert talk(engine, "what happened before the 2020 war")[0] == "tovuz-clashes-2020"
    assert talk(engine, "what happened after the bishkek protocol")[0] == "first-war-outcome"


def test_an_entry_s_own_name_holding_a_side_s_name_is_no_side_alone(engine: Engine) -> None:
    """ "what is western azerbaijan" after Gubadli names Azerbaijan, but with "western" it is the
    Western Azerbaijan claims' own name, not a side asked about the place in context."""
    turns = talk(engine, "when did azerbaijan retake zangilan", "and gubadli?", "what is western azerbaijan")
    assert turns == ["zangilan", "gubadli", "western-azerbaijan-claims"]


def test_a_step_agrees_with_the_words_of_the_question_without_the_step(engine: Engine) -> None:
    """«после этого война началась?» after Tovuz: the step reaches the 2020 war, and "the war began"
    ranks it among its best once "after this" (which speaks of no war) is left out."""
    assert talk(engine, "что было в тавуше в июле 2020", "после этого война началась?") == [
        "tovuz-clashes-2020",
        "second-war",
    ]


def test_a_full_question_is_answered_as_asked_and_starts_a_new_subject(engine: Engine) -> None:
    assert talk(engine, "bishkek protocol", "seven districts") == ["bishkek-protocol", "seven-districts"]
    # a party named as its people is a name, not a common word: a question of its own
    assert (
        talk(engine, "how many people died in total", "why did the russians leave")[1]
        != "casualties-overview"
    )
    # common words, but enough of them to make a question of their own
    assert talk(engine, "мадридские принципы", "кто начал карабахский конфликт")[1] == "contested-who-started"
    turns = talk(engine, "how many died in the 2020 war?", "what was the madrid principles", "and in 2016?")
    assert turns[1] == "madrid-principles"
    assert turns[2] != "casualties-2010-2019"  # the 2020 casualties are no longer the subject


@pytest.mark.parametrize(
    "first, ask",
    [
        ("how many armenian soldiers died in 2020", "source?"),
        ("is the minsk group still around", "and where is that from?"),
        ("сколько армянских военных погибло в 2020", "а пруфы?"),
    ],
)
def test_asking_for_the_source_shows_the_answer_before_with_its_sources(
    engine: Engine, first: str, ask: str
) -> None:
    """ "source?" asks where the answer just given comes from: that answer (its fact and its
    sources) again, not whatever entry the word "source" ranks first."""
    asked, context = engine.respond(first, None, None, 0.0)
    again, after_it = engine.respond(ask, context, None, 30.0)
    assert asked.fact is not None and again.fact is not None and again.fact.id == asked.fact.id
    assert again.followup == "sources" and after_it is not None and after_it.fact == asked.fact.id


def test_a_rare_name_the_entry_in_context_never_mentions_is_asked_as_its_own(engine: Engine) -> None:
    """ "Muslim" and "Christian" are words Iran's role never uses and the entry on religion is asked
    with: pointing back ("it") does not pull the question onto Iran's role."""
    turns = talk(engine, "whose side is iran on", "isnt it odd that muslim iran backs christian armenia")
    assert turns == ["iran-role", "religion-and-the-conflict"]


@pytest.mark.parametrize(
    "questions",
    [
        (
            "армянские пленные ещё в баку?",
            "сколько их",
            "кого-нибудь отпустили?",
            "как в армении с мобильным интернетом",
        ),
        (
            "are armenia and azerbaijan still suing each other",
            "will the peace treaty stop that",
            "who is the richest man in armenia",
        ),
    ],
)
def test_a_full_question_the_knowledge_cannot_answer_is_not_read_in_context(
    engine: Engine, questions: tuple[str, ...]
) -> None:
    """Its own words rank nothing near the subject in context: carried, they would make the
    detainees answer a question about mobile internet."""
    assert talk(engine, *questions)[-1] == "unknown"


def test_without_context_a_follow_up_is_a_fresh_question(engine: Engine) -> None:
    fresh, _ = engine.respond("and in the first war?")
    assert fresh.intent is not None and fresh.intent.id == "first-war"
    assert fresh.followup is None
    lonely, _ = engine.respond("what happened next?")
    assert lonely.status is not Status.ANSWERED


def test_context_expires_after_its_time(engine: Engine) -> None:
    _, context = engine.respond("how many died in the 2020 war?", None, None, 1000.0)
    assert context is not None and context.alive(1000.0 + CONTEXT_SECONDS)
    soon, _ = engine.respond("and in the first war?", context, None, 1000.0 + CONTEXT_SECONDS - 1)
    late, _ = engine.respond("and in the first war?", context, None, 1000.0 + CONTEXT_SECONDS + 1)
    assert soon.intent is not None and soon.intent.id == "casualties-1988-1994"
    assert late.intent is not None and late.intent.id == "first-war"


def test_names_not_repeated_are_carried_for_a_few_turns_only(engine: Engine) -> None:
    context = None
    for n, q in enumerate(["how many died in the first war", "who won", "when did it start", "who fought"]):
        _, context = engine.respond(q, context, None, float(n))
    assert context is not None
    assert all(m.age <= 3 for m in context.mentions)


def test_context_round_trips_through_json(engine: Engine) -> None:
    _, context = engine.respond("what happened in september 2023")
    assert context is not None and context.span is not None
    again = Context.from_json(json.loads(json.dumps(context.to_json())))
    assert again == context
    _, context = engine.respond("how many armenian soldiers died in 2020")
    assert context is not None and context.fact is not None  # the fact asked, for "source?"
    assert Context.from_json(json.loads(json.dumps(context.to_json()))) == context
    _, context = engine.respond("capital of armenia?")  # declined, remembered for "and of karabakh?"
    assert context is not None and context.declined
    assert Context.from_json(json.loads(json.dumps(context.to_json()))) == context
    with pytest.raises((KeyError, ValueError, TypeError)):
        Context.from_json({"mentions": "nonsense"})


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("what happened in 1992", date(1992, 1, 1), date(1992, 12, 31)),
        ("between 2020 and 2023", date(2020, 1, 1), date(2023, 12, 31)),
        ("from 1988 to 1994", date(1988, 1, 1), date(1994, 12, 31)),
        ("events 1988-94", date(1988, 1, 1), date(1994, 12, 31)),
        ("in september 2023", date(2023, 9, 1), date(2023, 9, 30)),
        ("what happened on 10 November 2020", date(2020, 11, 10), date(2020, 11, 10)),
        ("what happened on 2020-11-10", date(2020, 11, 10), date(2020, 11, 10)),
        ("november 10th 2020", date(2020, 11, 10), date(2020, 11, 10)),
        ("10.11.2020", date(2020, 11, 10), date(2020, 11, 10)),
        ("in the 1990s", date(1990, 1, 1), date(1999, 12, 31)),
        ("что произошло в сентябре 2023 года", date(2023, 9, 1), date(2023, 9, 30)),
        ("что было 10 ноября 2020", date(2020, 11, 10), date(2020, 11, 10)),
        ("события 1990-х", date(1990, 1, 1), date(1999, 12, 31)),
    ],
)
def test_date_questions_list_the_events_of_their_span(
    engine: Engine, question: str, start: date, end: date
) -> None:
    result, _ = engine.respond(question)
    assert result.span is not None, question
    assert (result.span.start, result.span.end) == (start, end)
    assert result.events, question
    for intent in result.events:
        assert intent.when is not None and intent.when.overlaps(result.span)
    # what began in the span first, in order; then what only ended in it ("the 2020 war" on 10 Nov)
    began = [i.when.start for i in result.events if i.when is not None and i.when.start >= result.span.start]
    ended = [i.when.start for i in result.events if i.when is not None and i.when.start < result.span.start]
    assert began == sorted(began) and ended == sorted(ended)
    assert [i.when.start >= result.span.start for i in result.events if i.when] == [True] * len(began) + [
        False
    ] * len(ended)


def test_a_toll_asked_after_a_month_s_events_is_the_one_event_that_states_one(engine: Engine) -> None:
    """ "How many soldiers died" after September 2023's events were listed: the offensive's toll, the
    only event of that month stating one, not the count over all periods; a year of many events
    with a toll each (1992) keeps the question's own answer."""
    assert talk(engine, "events of september 2023", "how many soldiers were killed")[1] == (
        "september-2023-offensive"
    )
    turns = talk(engine, "что было в сентябре 2023", "а сколько погибло военных")
    assert turns[1] == "september-2023-offensive"
    assert talk(engine, "between 1994 and 2020", "how many were killed in those years")[1] != (
        "deterioration-2010s"
    )


def test_an_unsure_follow_up_pointing_back_stays_on_the_entry_in_context(engine: Engine) -> None:
    """ "Who protected it after the war", after the Lachin corridor: its words with the corridor's
    name carried are unsure between entries; "it" is still the corridor, whose fact says who."""
    result = after(engine, "the lachin corridor, what was it", "who protected it after the war")
    assert result.fact is not None and result.fact.id == "lachin-corridor/who-controlled", result.understood


def test_it_with_a_word_of_now_is_the_entry_in_context_as_it_stands(engine: Engine) -> None:
    """ "Is it still blocked?" after the Lachin corridor: alone, the blockade of 2022-23, which
    says nothing of today; "it" is the corridor, whose fact says where it stands now."""
    result = after(engine, "tell me about the lachin corridor", "so is it still blocked?")
    assert result.fact is not None and result.fact.id == "lachin-corridor/status-now", result.understood


def test_a_step_with_a_date_of_its_own_asks_that_date(engine: Engine) -> None:
    """ "А потом что было в январе 1990" after Sumgait: the date says when, not the step from the
    pogrom (which would reach Operation Ring, 1991)."""
    assert talk(engine, "сумгаит", "а потом что было в январе 1990")[1] == "black-january"
    assert talk(engine, "sumgait pogrom", "and next what happened in january 1990")[1] != "operation-ring"


def test_date_questions_leave_out_what_merely_runs_through(engine: Engine) -> None:
    result, _ = engine.respond("what happened in 1992")
    ids = [i.id for i in result.events]
    assert "khojaly-massacre" in ids and "capture-of-shusha-1992" in ids
    assert "first-war" not in ids  # 1988-1994 holds 1992 but is not an event of 1992


def test_a_date_with_a_subject_goes_to_the_matcher(engine: Engine) -> None:
    result, _ = engine.respond("what happened in kazan in june 2011")
    assert result.intent is not None and result.intent.id == "kazan-summit-2011"
    war, _ = engine.respond("what happend in the 2020 karabagh war")
    assert war.intent is not None and war.intent.id == "second-war"


def test_an_impossible_day_falls_back_to_its_month(engine: Engine) -> None:
    vocabulary = engine.dialogue.words
    query = date_query(["31", "february", "2020"], vocabulary.months, vocabulary.joiners)
    assert query is not None
    assert (query.span.start, query.span.end) == (date(2020, 2, 1), date(2020, 2, 29))
    assert date_query(["between", "war", "and", "peace"], vocabulary.months, vocabulary.joiners) is None


def test_conversations_are_kept_apart_and_bounded() -> None:
    clock = [0.0]
    store = Conversations(ttl=60.0, limit=2, clock=lambda: clock[0])
    a = Context("a", "first-war", None, (), "en", 0.0)
    b = Context("b", "second-war", None, (), "en", 0.0)
    store.put((1, 1), a)
    store.put((2, 2), b)
    store.put((-5, 1), a)  # a third conversation pushes out the least recently used
    assert store.get((1, 1)) is None and store.get((2, 2)) == b and len(store) == 2
    clock[0] = 61.0
    assert store.get((2, 2)) is None  # expired


def test_chat_json_mode_scripts_a_conversation_with_expiry() -> None:
    lines = [
        "how many died in the 2020 war?",
        "and in the first war?",
        json.dumps({"q": "who signed the ceasefire?", "after": 5}),
        json.dumps({"q": "and in the first war?", "after": CONTEXT_SECONDS + 1}),
        "{not json",
    ]
    out = subprocess.run(
        [sys.executable, "-m", "nkbot", "chat", "--json"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env={"NKBOT_DATABASE": "off", "PATH": ""},
        check=True,
        timeout=120,
    )
    turns = [json.loads(line) for line in out.stdout.splitlines()]
    assert [t.get("intent") for t in turns[:4]] == [
        "casualties-2020",
        "casualties-1988-1994",
        "bishkek-protocol",
        "first-war",
    ]
    assert turns[1]["followup"] == "swap" and turns[2]["followup"] == "carry"
    assert "followup" not in turns[3]
    assert turns[2]["context"]["intent"] == "bishkek-protocol"
    assert "error" in turns[4]


def test_step_words_inside_a_question_are_not_steps(engine: Engine) -> None:
    fighting, _ = engine.respond("fighting in karabakh right after the armenian elections in 2008")
    assert fighting.followup is None
    assert fighting.intent is not None and fighting.intent.id == "mardakert-skirmishes-2008"
    early, _ = engine.respond("уход миротворцев рф 2024 почему раньше срока")
    assert early.followup is None


def test_who_came_before_or_after_a_person_walks_their_office(engine: Engine) -> None:
    """Successions (conversation.yaml): a leader's predecessor and successor, not the nearest event."""
    assert talk(engine, "heydar aliyev", "and before him?", "who came after him") == [
        "heydar-aliyev",
        "abulfaz-elchibey",
        "heydar-aliyev",
    ]
    assert talk(engine, "пашинян", "а кто был до него") == ["nikol-pashinyan", "serzh-sargsyan"]
    assert talk(engine, "who came after heydar aliyev") == ["ilham-aliyev"]
    # a successor asked with other words in it is still the successor of the person in context
    assert talk(engine, "аяз муталибов", "а после него кто президентом стал") == [
        "ayaz-mutalibov",
        "abulfaz-elchibey",
    ]
    assert talk(engine, "ayaz mutalibov why resign", "who came next") == [
        "ayaz-mutalibov",
        "abulfaz-elchibey",
    ]
    # "before him" read inside the question, after the office it names; but a person named with
    # it is the holder asked about, not the one before them
    assert talk(engine, "heydar aliyev", "who was president before him") == [
        "heydar-aliyev",
        "abulfaz-elchibey",
    ]
    assert talk(engine, "гейдар алиев", "кто был президентом до него") == [
        "heydar-aliyev",
        "abulfaz-elchibey",
    ]
    assert talk(engine, "bako sahakyan", "and arkadi ghukasyan before him") == [
        "bako-sahakyan",
        "arkadi-ghukasyan",
    ]
    # of an event, the same words step along the timeline as before
    assert talk(engine, "first karabakh war", "what came before that") == talk(
        engine, "first karabakh war", "before him"
    )


def test_the_one_of_another_year_swaps_the_year(engine: Engine) -> None:
    """ "and the 94 one": "one" stands for the thing asked about, so the year is swapped in."""
    assert talk(engine, "who put their names on the nov 2020 deal", "and the 94 one") == [
        "november-2020-agreement",
        "bishkek-protocol",
    ]
    assert talk(engine, "who was the last artsakh president", "and the one before him?") == [
        "samvel-shahramanyan",
        "arayik-harutyunyan",
    ]


def test_an_office_asked_then_is_held_at_the_time_in_context(engine: Engine) -> None:
    """ "who led azerbaijan then?" names its own party but takes the conversation's time, to the day:
    Khojaly (February 1992) was under Mutalibov, not Elchibey, who held most of 1992."""
    assert talk(
        engine,
        "khojaly massacre",
        "who was president of azerbaijan then",
        "кто тогда был президентом армении",
    ) == [
        "khojaly-massacre",
        "ayaz-mutalibov",
        "levon-ter-petrosyan",
    ]
    assert talk(engine, "where was the 1994 ceasefire signed", "who was azerbaijans leader at the time") == [
        "bishkek-protocol",
        "heydar-aliyev",
    ]
    # "during it" points back at the time as "then" does (it got today's president of Armenia)
    assert talk(engine, "april 2016 war", "who was armenian president during it") == [
        "april-2016-war",
        "serzh-sargsyan",
    ]
    # without "then", a party's own question is answered as asked: now
    assert talk(engine, "khojaly massacre", "who is the president of azerbaijan") == [
        "khojaly-massacre",
        "ilham-aliyev",
    ]


def test_a_follow_up_pointing_back_stays_on_the_entry_in_context(engine: Engine) -> None:
    """ "who did it?" after the Khojaly massacre asks about the massacre, though the name carried
    over ("khojaly") alone would rank the town first; a question naming its own subject moves on."""
    assert talk(engine, "khojaly massacre what happened", "who did it") == ["khojaly-massacre"] * 2
    assert talk(engine, "khojaly massacre what happened", "who is ruben vardanyan") == [
        "khojaly-massacre",
        "ruben-vardanyan",
    ]


def test_a_lead_with_its_own_event_does_not_carry_the_entry_before(engine: Engine) -> None:
    """ "and who signed the 2020 ceasefire" after Bishkek names its own event: "and" is no reason
    to add the Bishkek Protocol to it."""
    assert talk(engine, "bishkek protocol", "and who signed the 2020 ceasefire") == [
        "bishkek-protocol",
        "november-2020-agreement",
    ]


def test_and_now_asks_where_the_subject_in_context_stands(engine: Engine) -> None:
    """ "а теперь?" / "а сейчас?" names nothing but the present: the place in context, today."""
    for follow_up in ("а сейчас?", "а теперь?", "and now?"):
        result = after(engine, "shusha", follow_up)
        assert result.intent is not None and result.intent.id == "shusha-shushi", follow_up
        assert result.fact is not None and result.fact.present, follow_up
    # an entry with nothing to say about now gives way to where things stand, however the present
    # is asked («сейчас» opening it, "there" pointing at the region)
    for follow_up in ("а сейчас что там", "а сейчас как там", "and now?"):
        result = after(engine, "кто виноват в карабахском конфликте", follow_up)
        assert result.intent is not None and result.intent.id == "current-status", follow_up


def test_a_bare_new_period_after_a_non_date_question_swaps_the_period(engine: Engine) -> None:
    """ "а в 2021-2022?" after the 2010s toll asks the same about 2021-22, not for the events then,
    even though the years alone would reach the same entry."""
    assert talk(engine, "потери 2010-2019", "а в 2021-2022?") == [
        "casualties-2010-2019",
        "casualties-2021-2022",
    ]
    assert talk(engine, "потери 2021-2022", "а с 94 по 2009") == [
        "casualties-2021-2022",
        "casualties-1994-2009",
    ]


def test_a_new_period_after_the_count_over_all_periods_is_that_period_s_count(engine: Engine) -> None:
    """After the toll of the whole conflict, "а в 2020?" asks the 2020 toll: the overview has no
    period of its own, but its category splits the count by period."""
    assert talk(engine, "сколько всего погибло за весь конфликт", "а в 2020?", "а в первую войну?") == [
        "casualties-overview",
        "casualties-2020",
        "casualties-1988-1994",
    ]
    assert talk(engine, "how many people died in the whole conflict", "and in 2020?")[1] == "casualties-2020"


def test_a_war_named_is_not_one_of_the_facts_of_the_entry_in_context(engine: Engine) -> None:
    """ "how many in the first war" after the deadliest war names its own time: the first war's
    entry, not the overview's fact on the deaths *after* the first war that its words resemble."""
    turns = talk(
        engine,
        "how many people died in the whole conflict",
        "which war was the deadliest",
        "how many in the first war",
    )
    assert turns == ["casualties-overview", "casualties-overview", "first-war"]


def test_a_question_word_before_the_step_still_steps(engine: Engine) -> None:
    """ "а кто после него": "кто" is read as a question word, not as the start of a new question."""
    assert talk(engine, "кто был первым президентом азербайджана", "а кто после него") == [
        "ayaz-mutalibov",
        "abulfaz-elchibey",
    ]


def test_and_with_a_new_name_asks_about_that_name(engine: Engine) -> None:
    """ "а гукасян?" after Harutyunyan's whereabouts is about Ghukasyan: read with the context, it
    would be the trials again, but its own words rank Ghukasyan far above them."""
    assert talk(engine, "кто такой араик арутюнян", "где он сейчас", "а гукасян?") == [
        "arayik-harutyunyan",
        "arayik-harutyunyan",
        "arkadi-ghukasyan",
    ]


def test_a_question_pointing_back_is_read_with_the_context_before_it_is_declined(engine: Engine) -> None:
    """ "how many people live there" alone is a general country question (declined); after Shusha
    it asks who lives in Shusha now (the resettled families, not its population before 2020). Read
    with the context it must stay on the subject, else declined."""
    alone = engine.answer("how many people live there")
    assert alone.reason is Reason.OUT_OF_SCOPE
    result = after(engine, "shusha", "how many people live there")
    assert result.intent is not None and result.fact is not None
    assert result.fact.id == "shusha-shushi/how-many-live-there"
    costly = after(engine, "shusha", "how much did it cost")
    assert costly.intent is None


def test_after_an_overview_a_follow_up_asks_about_the_whole_conflict(engine: Engine) -> None:
    """ "Where things stand now" and "who started it?" are about the conflict: their follow-ups
    carry the entry's `subject`, not its title or its 2026 date."""
    assert talk(engine, "is the war over", "who started it", "how many died") == [
        "current-status",
        "contested-who-started",
        "casualties-overview",
    ]
    assert talk(engine, "карабах сейчас", "кто начал", "сколько погибло")[1:] == [
        "contested-who-started",
        "casualties-overview",
    ]
    # ... unless one of the entry's own facts is asked: whether the fighting is over
    ended = after(engine, "whats the situation in karabakh now", "when did it end")
    assert ended.fact is not None and ended.fact.id == "current-status/fighting-over"


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        # "its" is turkey's own border, "are there" points nowhere, "это" joins two parties
        (
            "is trade between armenia and azerbaijan open now",
            "when did turkey close its border with armenia",
            "turkey-armenia-normalisation",
        ),
        ("what did the us do", "are there any armenians left in karabakh", "current-status"),
        ("зангезурский коридор", "карабах это армения или азербайджан", "international-recognition"),
        # the region, or a thing of its own, named: no gap to fill
        ("what does the name nagorno karabakh mean", "how big is nagorno karabakh", "geography-of-karabakh"),
        # a side whose name alone is an entry's: the republic, not "the armenians" of the entry before
        ("tripp route", "is artsakh still a thing", "republic-of-artsakh"),
        ("how did turkey help azerbaijan in the war", "were there syrian mercenaries", "foreign-fighters"),
    ],
)
def test_a_question_of_its_own_takes_nothing_from_context(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    result = after(engine, before, question)
    assert result.intent is not None and result.intent.id == expected, result.understood
    assert result.followup is None


def test_he_after_a_person_is_that_person_whatever_else_was_named(engine: Engine) -> None:
    """ "Was he a terrorist" names Armenia and 1993 along the way; "how did he die" still asks
    about Monte Melkonian, not about Armenia in 1993."""
    turns = talk(
        engine, "who was monte melkonian", "was he a terrorist tho", "how did he die", "where was he born"
    )
    assert turns == ["monte-melkonian"] * 4


def test_this_after_a_person_is_not_that_person(engine: Engine) -> None:
    """Only "he", "his", "его" point back at a person: "this western azerbaijan thing" is its own."""
    turns = talk(
        engine, "who is samvel babayan", "did he try to kill ghukasyan", "whats this western azerbaijan thing"
    )
    assert turns == ["samvel-babayan", "samvel-babayan", "western-azerbaijan-claims"]


def test_a_time_swapped_in_drops_the_word_placing_the_old_one(engine: Engine) -> None:
    """ "And in the first war?" after "armies before the 2020 war" asks about the armies in the
    first war, not before it; "а в 90е?" reads the decade."""
    for before, swap, placing in [
        ("how big was azerbaijans army before the 2020 war", "what about in the first war", "before"),
        ("у кого армия больше была перед 2020", "а в 90е?", "перед"),
    ]:
        result = after(engine, before, swap)
        assert result.intent is not None and result.intent.id == "strength-1993-1994"
        assert result.understood is not None and placing not in result.understood.split()
    # a time swapped in with its own placing word keeps it: "deaths after the first war"
    placed = after(engine, "deaths after the 2020 war", "and after the first war?")
    assert placed.understood is None or "after" in placed.understood.split()


def test_who_won_after_a_war_is_its_outcome_not_the_war_again(engine: Engine) -> None:
    """The follow-up stays on the war in context only while its own words do not rank another
    entry higher: "who won?" asks for the outcome, "who did it?" after Khojaly stays on it."""
    assert talk(engine, "when did the 44 day war start", "who won") == ["second-war", "second-war-outcome"]
    assert talk(engine, "what happened in khojaly", "who did it") == ["khojaly-massacre", "khojaly-massacre"]


def test_a_question_about_the_whole_conflict_asks_about_the_subject_in_context(engine: Engine) -> None:
    """Alone, "кто виноват?" is who started the conflict; after Khojaly, who was behind Khojaly."""
    assert talk(engine, "кто виноват") == ["contested-who-started"]
    assert talk(engine, "what happened in khojaly", "who is to blame")[1] == "khojaly-massacre"
    assert talk(engine, "ходжалы", "кто виноват")[1] == "khojaly-massacre"


def test_there_in_a_question_unanswerable_alone_is_the_place_in_context(engine: Engine) -> None:
    result = after(engine, "was the lachin corridor blocked", "was there no food")
    assert result.intent is not None and result.intent.id == "blockade-2022", result.understood


def test_aliyev_alone_is_a_person_not_a_gap_to_fill(engine: Engine) -> None:
    turns = talk(
        engine,
        "when did the 44 day war start",
        "were there any ceasfires during it",
        "how many soldiers did arm lose",
        "whos aliyev anyway",
    )
    assert turns[-1] in ("ilham-aliyev", "heydar-aliyev")


def test_follow_ups_after_the_fuel_depot_blast_ask_about_it(engine: Engine) -> None:
    """An event with its own conversation entity: "how many died?" is the blast's toll."""
    en = talk(engine, "what was the fuel depot explosion", "how many died", "was it an attack")
    assert en == ["fuel-depot-explosion-2023"] * 3
    ru = talk(engine, "взрыв на бензоскладе под степанакертом это че было", "скока погибло", "почему рвануло")
    assert ru == ["fuel-depot-explosion-2023"] * 3
    # named without its entity, the place and month carried rank the September offensive first:
    # "how many died" still asks the blast's toll, which its entry states
    opened = "there was some explosion near stepanakert in sept 2023, what was it"
    assert talk(engine, opened, "how many died", "was it an attack?") == ["fuel-depot-explosion-2023"] * 3


def test_after_what_a_name_means_it_is_the_region_named(engine: Engine) -> None:
    """After what "Nagorno" means, "it" is the region, not its name: the entry's `subject` is
    carried, and "when did it become an autonomous region" is the NKAO's creation in 1923."""
    turns = talk(engine, "what does nagorno even mean", "when did it become an autonomous region")
    assert turns == ["name-nagorno-karabakh", "nkao-creation-1923"]


def test_the_deal_that_brought_the_peacekeepers_in_is_the_2020_ceasefire(engine: Engine) -> None:
    turns = talk(
        engine, "are the russian peacekeepers still in karabakh", "who signed the deal that brought them in"
    )
    assert turns == ["peacekeepers-withdrawal-2024", "november-2020-agreement"]


def test_a_follow_up_asking_a_count_goes_where_the_count_is(engine: Engine) -> None:
    """After "are they still there?" (the withdrawal), "how many were there?" is the force's size:
    the entry in context states no count, the peacekeepers' entry does."""
    turns = talk(engine, "are the russian peacekeepers still in karabakh", "how many were there")
    assert turns == ["peacekeepers-withdrawal-2024", "russian-peacekeepers"]


def test_a_side_named_with_common_words_asks_about_the_subject_in_context(engine: Engine) -> None:
    """ "Сколько армян погибло?" after the April war is its Armenian toll, not the 2020 war's;
    naming two sides and the region, or an office, is a question of its own."""
    assert talk(engine, "апрельская война 2016", "сколько армян погибло")[1] == "casualties-2010-2019"
    own = talk(engine, "расскажи про зангезурский коридор", "карабах это армения или азербайджан")[1]
    assert own in ("contested-who-is-right", "international-recognition")
    assert talk(engine, "khojaly massacre", "who is the president of azerbaijan")[1] == "ilham-aliyev"


def test_and_before_that_after_walking_an_office_goes_on_along_it(engine: Engine) -> None:
    """ "And before that?" after "who was before him?" is the holder before, not the event before;
    "what happened next" still asks for events."""
    turns = talk(engine, "heydar aliyev", "and before him?", "and before that?")
    assert turns == ["heydar-aliyev", "abulfaz-elchibey", "ayaz-mutalibov"]
    ru = talk(engine, "кто был первым президентом армении", "а после него кто", "а потом?")
    assert ru == ["levon-ter-petrosyan", "robert-kocharyan", "serzh-sargsyan"]
    walked = talk(
        engine, "who was the first president of armenia", "who came after him", "what happened next"
    )
    assert walked[2] != "serzh-sargsyan"


def test_another_entry_s_own_phrasing_is_asked_as_if_alone(engine: Engine) -> None:
    """ "is the peace treaty signed" after Aliyev: Aliyev's entry has a fact on the treaty, but the
    question is word for word one of the treaty's own phrasings, so it is the treaty's."""
    assert talk(engine, "who is ilham aliyev", "is the peace treaty signed") == [
        "ilham-aliyev",
        "peace-agreement-initialed-2025",
    ]


def test_it_names_the_entry_in_context_not_only_the_year_its_question_gave(engine: Engine) -> None:
    """ "who ordered it" after "operation ring in 1991": the year carried alone is unsure, or
    the ICJ's orders; "it" is the operation. The same for the 2020 ceasefire's gains."""
    assert talk(engine, "what was operation ring in 1991", "who ordered it")[-1] == "operation-ring"
    ceasefire = talk(engine, "who signed the 2020 ceasefire", "what did azerbaijan get out of it")
    assert ceasefire[-1] == "november-2020-agreement"
    # not when the year finds an entry on the subject: "it" after the toll of the four-day war is the war
    assert talk(engine, "four day war when", "how many killed", "how did it end")[-1] == "april-2016-war"


def test_russian_follow_ups_say_without_a_pronoun_whom_and_why_they_ask(engine: Engine) -> None:
    """«жив ещё?» after Mutalibov leaves out «он», which its verb speaks of (alone, it was
    Artsakh's fact on whether it lives on); «от чего в основном» after the ceasefire years' toll
    asks what people died of («в основном» is "mainly", not the Madrid Principles' «основные»);
    «чего людям не хватало» after the blockade is its shortages."""
    mutalibov = ("почему муталибов ушел в отставку", "почему он ушел", "жив еще?")
    assert talk(engine, *mutalibov)[-1] == "ayaz-mutalibov"
    assert talk(engine, "а после перемирия 94го люди гибли на линии?", "от чего в основном")[-1] == (
        "casualties-1994-2009"
    )
    assert talk(engine, "блокада карабаха скока длилась", "чего людям не хватало")[-1] == "blockade-2022"


def test_a_side_and_words_its_own_entry_answers_surely_are_asked_as_if_alone(engine: Engine) -> None:
    """ "how many armenians are still missing from the wars" after Khojaly's names was the town
    again, and "is iran on azerbaijans side" after Jabrayil was Jabrayil: a side named with words
    that surely answer alone, which no fact of the entry in context speaks of. "how many
    armenians died" after a battle still asks its toll."""
    khojaly = ("why is khojaly called ivanyan", "where is it exactly", "how many lived there befor 92")
    assert (
        talk(engine, *khojaly, "how many armenians are still missing from the wars")[-1] == "missing-persons"
    )
    assert (
        talk(engine, "when did azerbaijan retake jabrayil", "is iran on azerbaijans side")[-1] == "iran-role"
    )
    assert talk(engine, "april 2016 war", "how many armenians died")[-1] == "casualties-2010-2019"
    # nor "it": "will armenia get it back" after Artsvashen is the enclave, though alone it is the refugees
    artsvashen = talk(engine, "what is artsvashen", "will armenia get it back")
    assert artsvashen[-1] == "enclaves-and-exclaves"


def test_a_change_of_subject_announced_is_no_word_of_the_question(engine: Engine) -> None:
    """ "different thing, where exactly is nakhchivan": the announcement is not asked about, and
    the exclave is a place named, not the operation in context."""
    ring = ("what was operation ring in 1991", "who ordered it")
    asked = talk(engine, *ring, "different thing, where exactly is nakhchivan")
    assert asked[-1] == "nakhchivan"
    assert talk(engine, "the 2020 humanitarian truces", "new topic, who is vahagn khachaturyan")[-1] == (
        "nikol-pashinyan"
    )


def test_a_question_of_its_own_is_not_read_against_the_subject_before(engine: Engine) -> None:
    """Naming the region ("карабахской", however Snowball stems it) makes a question of its own;
    a question about now is not asked of a past event."""
    asked = ("минская група ещё работает?", "почему закрыли её", "а кто в ней был сопредседателями")
    assert talk(engine, *asked)[-1] == "minsk-group"
    assert talk(engine, *asked, "кто агрессор в карабахской войне")[-1] == "contested-aggressor"
    war = ("армяно-азербайджанская война 1918 года чем закончилась", "что за мартовские события")
    assert talk(engine, *war, "азербайджан сейчас бомбит армению?")[-1] == "current-status"
    # unsure alone, but about now: not the war of 1918 again
    attacking = talk(engine, *war, "is azerbaijan attacking armenia now")[-1]
    assert attacking != "armenian-azerbaijani-war-1918-1920"


def test_a_bare_question_word_asks_about_the_entry_answered(engine: Engine) -> None:
    """ "Why?", "когда?": whatever names the turns before carried, the entry answered is the subject."""
    assert talk(engine, "keywest talks 2001?", "who was there", "when?")[-1] == "key-west-talks-2001"
    assert talk(engine, "lisbon summit 96 - what happened", "did armenia block it", "why?")[-1] == (
        "lisbon-summit-1996"
    )
    assert talk(engine, "пленные армяне в баку", "сколько")[-1] in ("detainees-question", "prisoners-of-war")


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        ("была ли этническая чистка армян в 2023", "что говорит баку?", "contested-ethnic-cleansing-2023"),
        ("was khojaly a genocide", "what does baku say", "khojaly-massacre"),  # the capital: its government
        (
            "is the armenian genocide claim about 2023 true",
            "what did baku answer",
            "contested-genocide-claims",
        ),
        ("what is the lachin corridor", "what does armenia think about it", "lachin-corridor"),
        ("is the peace deal signed", "what does azerbaijan want", "peace-agreement-initialed-2025"),
        # how a side "sees it" («видят») is its view too
        ("who started the karabakh conflict", "how do armenians see it", "contested-who-started"),
        ("кто первым начал конфликт в карабахе", "а азербайджанцы как это видят", "contested-who-started"),
    ],
)
def test_a_side_s_view_is_asked_of_the_subject_in_context(
    engine: Engine, first: str, follow: str, expected: str
) -> None:
    """ "What does azerbaijan say?" names only a side: the subject is the one in context, not the
    side's name swapped into the question before, nor the city of Baku."""
    assert talk(engine, first, follow)[1] == expected


def test_an_unsure_follow_up_stays_on_the_entry_in_context(engine: Engine) -> None:
    """ "Since when?" with the town and the first war carried is unsure between the town and its
    1992 capture: the town answered last is the subject, not the EU mission "since when" alone finds."""
    turns = talk(engine, "when was lachin captured in the first war", "who has the town now", "since when")
    assert turns == ["capture-of-lachin-1992", "lachin-berdzor", "lachin-berdzor"]
    # unsure with the event's words carried ("how long did it last second karabakh war"): the war
    assert talk(engine, "the 2020 war", "when did it start", "how long did it last")[-1] == "second-war"
    assert (
        talk(engine, "what blew up near stepanakert in 2023", "how many died")[-1]
        == "fuel-depot-explosion-2023"
    )


@pytest.mark.parametrize(
    "reaction",
    ["damn thats awful", "ужас", "какой кошмар", "wow thats sad", "sad", "ничего себе", "пипец", "yikes"],
)
def test_a_reaction_is_small_talk_not_a_follow_up(engine: Engine, reaction: str) -> None:
    """ "Damn, that's awful" after a death toll asks nothing: a short reply, not the entry again."""
    assert talk(engine, "fuel depot explosion", "how many died", reaction)[-1] == "unknown"
    result, _ = engine.respond(reaction, None, None, 0.0)
    assert result.scope is not None and result.scope.id == "scope:reaction"


@pytest.mark.parametrize(
    ("before", "question", "fact"),
    [
        ("ilham aliyev", "when was he elected", "ilham-aliyev/elections"),
        ("алиев", "когда его избрали", "ilham-aliyev/elections"),
        ("tripp route", "who will own it", "tripp-route/ownership-and-term"),
        # the carried title reaches the entry; its own words pick the fact ...
        ("clashes in 2014", "how many died", "clashes-2014/summer-casualties"),
        # ... or, with no word but the question word, the one fact asking that
        ("foreign fighters", "how many", "foreign-fighters/syrian-fighters"),
        # "attended", a summit's word, is asked of the summit in context, not of the 2011 one
        ("washington summit", "who was there", "washington-summit-2025/what-was-signed"),
        ("the us peace summit in august 2025", "who attended", "washington-summit-2025/what-was-signed"),
    ],
)
def test_a_follow_up_gets_the_fact_it_asks_not_the_entrys_lead(
    engine: Engine, before: str, question: str, fact: str
) -> None:
    """The title carried with "he" ("president since 2003") outweighs "elected": the entry is
    right, but the reply must be the fact the follow-up's own words ask for."""
    result = after(engine, before, question)
    assert result.fact is not None and result.fact.id == fact


@pytest.mark.parametrize(
    ("before", "goodbye", "topic"),
    [
        ("нкао", "пока", "scope:goodbye"),
        ("шуша", "спасибо пока", "scope:goodbye"),
        ("lachin", "bye", "scope:goodbye"),
        ("нкао", "capital of armenia", "scope:country-facts"),  # its words are all the oblast's too
    ],
)
def test_a_scope_phrase_after_an_answer_is_not_a_follow_up(
    engine: Engine, before: str, goodbye: str, topic: str
) -> None:
    """ "Пока" is also "yet" and common in phrasings: alone it is one of scope.yaml's phrases, so
    the context must not turn it into a question about the entry before."""
    result = after(engine, before, goodbye)
    assert result.intent is None and result.scope is not None and result.scope.id == topic


@pytest.mark.parametrize(
    ("before", "chat", "topic"),
    [
        ("роль сша", "ну ладно спасибо за инфу", "scope:thanks"),  # a word the knowledge does not know
        ("tovuz clashes", "ok thanks for the info mate", "scope:thanks"),
        ("ходжалы", "ты вообще бот или человек", "scope:about-bot"),  # words it knows: still small talk
        ("роль сша", "ладно пока, спасибо за инфу", "scope:goodbye"),  # goodbye and thanks, less sure alone
    ],
)
def test_small_talk_with_more_words_after_an_answer_is_not_a_follow_up(
    engine: Engine, before: str, chat: str, topic: str
) -> None:
    """Thanks or "are you a bot" with a word more must not be read as a question about the entry
    before ("спасибо за инфу" → the USA's role again)."""
    result = after(engine, before, chat)
    assert result.intent is None and result.scope is not None and result.scope.id == topic


@pytest.mark.parametrize(
    ("before", "side", "fact"),
    [
        (
            "how many people are still missing from the war",
            "azerbaijani side?",
            "missing-persons/azerbaijani-missing",
        ),
        ("сколько людей пропали без вести", "армянская сторона?", "missing-persons/armenian-missing"),
    ],
)
def test_a_side_alone_asks_the_question_before_of_that_side(
    engine: Engine, before: str, side: str, fact: str
) -> None:
    """ "Azerbaijani side?" has no "and" to mark it a follow-up, and the question before named no
    side to swap: it is that question, asked of that side."""
    result = after(engine, before, side)
    assert result.fact is not None and result.fact.id == fact


def test_a_side_that_is_a_subject_of_its_own_is_asked_about_itself(engine: Engine) -> None:
    """ "What was the nkr" after the White House summit asks what the NKR was, not who of it was there."""
    turns = talk(
        engine, "what happened at the white house in august 2025", "who was there", "what was the nkr"
    )
    assert turns[-1] == "republic-of-artsakh"


@pytest.mark.parametrize(
    ("before", "doubt", "intent"),
    [
        ("shelling of stepanakert", "is that true", "shelling-of-stepanakert-2020"),
        # not the whole conflict, which where things stand carries as its subject
        ("whats happening in karabakh", "is that true", "current-status"),
        ("блокада лачинского коридора", "это фейк", "blockade-2022"),
        ("блокада лачинского коридора", "серьёзно?", "blockade-2022"),
        # "lie" is no place lying somewhere ("where does karabakh lie": the region's geography)
        ("how many died in sumgait", "the official number is a lie", "sumgait-pogrom"),
    ],
)
def test_doubting_the_answer_asks_about_it_again(
    engine: Engine, before: str, doubt: str, intent: str
) -> None:
    """ "Is that true?", "это фейк": no subject of their own, so the answer before is the subject
    (with its sources); alone they name nothing ("это фейк" went to the Baku trials, which a
    phrasing calls fake)."""
    assert engine.answer(doubt).intent is None
    result = after(engine, before, doubt)
    assert result.intent is not None and result.intent.id == intent


@pytest.mark.parametrize(
    "before",
    ["why did armenians occupy a fifth of azerbaijan", "why did armenia hold 20 percent of azerbaijan"],
)
def test_which_districts_after_the_occupation_are_the_seven_districts(engine: Engine, before: str) -> None:
    """ "Which districts were those" asks what the seven districts' entry states, even when its own
    words rank that entry just below the usual candidates (all the single districts come first):
    the follow-up's own ranking is read as deep as the matcher ranks."""
    assert talk(engine, before, "which districts were those")[-1] == "seven-districts"


@pytest.mark.parametrize(
    "turns",
    [
        [
            ("whose land is karabakh", None),
            ("what does armenia say", "contested-who-is-right/armenian-position"),
            ("and azerbaijan?", "contested-who-is-right/azerbaijani-position"),
        ],
        [
            ("кто прав в карабахском конфликте", None),
            ("а что говорит армения", "contested-who-is-right/armenian-position"),
            ("а азербайджан?", "contested-who-is-right/azerbaijani-position"),
        ],
        [
            ("was the 2023 exodus ethnic cleansing", None),
            ("what does azerbaijan say", "contested-ethnic-cleansing-2023/azerbaijan-view"),
        ],
        [
            ("did armenia occupy azerbaijani land", None),
            ("what does armenia say", "contested-occupation/armenian-denial"),
        ],
    ],
)
def test_a_sides_view_of_a_contested_question_is_that_sides_fact(
    turns: list[tuple[str, str | None]], engine: Engine
) -> None:
    """On a contested question each side's view is a fact of its own: asked for one side (or "and
    the other?"), the reply is that side's, attributed, not the entry's lead or another entry."""
    context, clock = None, 0.0
    for question, fact in turns:
        result, context = engine.respond(question, context, None, clock)
        clock += 30.0
        if fact is not None:
            assert result.fact is not None and result.fact.id == fact, (question, result.understood)


def test_a_pointing_follow_up_after_where_things_stand_stays_there(engine: Engine) -> None:
    """ "Армяне там остались?" after the present situation: "там" is the entry in context, asked in
    the words of one of its facts; its carried `subject` (the whole conflict) alone would reach
    the overview."""
    result = after(engine, "что сейчас в карабахе", "армяне там вообще остались?")
    assert result.intent is not None and result.intent.id == "current-status", result.understood


def test_a_question_its_own_words_leave_tied_is_about_the_entry_in_context(engine: Engine) -> None:
    """ "How many seats" alone is nearly tied between Kocharyan's bloc and the 2026 election, and
    answers Kocharyan; after the election it is the election's seats."""
    turns = talk(engine, "pashinyan still pm?", "did his party win in june", "how many seats")
    assert turns == ["nikol-pashinyan", "armenia-election-2026", "armenia-election-2026"]


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("who is bayramov", "and his armenian counterpart", "ararat-mirzoyan"),
        ("is mirzoyan still fm", "and his azeri counterpart?", "jeyhun-bayramov"),
        ("robert kocharyan", "who was his azerbaijani counterpart", "heydar-aliyev"),  # longest overlap
        ("пашинян", "а его визави?", "ilham-aliyev"),
    ],
)
def test_a_counterpart_is_the_other_sides_holder_of_the_office(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """ "His counterpart" names nobody: alone it would be the person in context again. Offices
    with a `counterpart` (conversation.yaml) give the other side's holder of that time."""
    result = after(engine, before, question)
    assert result.intent is not None and result.intent.id == expected, result.understood


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("кто агрессор в карабахской войне", True),  # Snowball: "карабахской" -> "караба", not "караб"
        ("сколько погибло в карабахском конфликте", True),
        ("who won in nagorno karabakh", True),
        ("как приготовить долму", False),
    ],
)
def test_the_region_is_recognised_in_every_case_form(engine: Engine, question: str, names: bool) -> None:
    """A question naming the region has a subject of its own, whatever its case ending."""
    assert engine.names_a_side(engine.normalize(question)) is names


def test_question_words_alone_ask_about_the_entry_answered(engine: Engine) -> None:
    """ "How many exactly?" is as bare as "how many?": nothing but question words, so the entry
    answered is its subject, not the year the conversation carried."""
    turns = talk(engine, "did all the armenians leave karabakh in 2023", "how many exactly")
    assert turns == ["exodus-2023", "exodus-2023"]


def test_naming_the_subject_in_context_again_is_not_answered_with_the_entry_before(engine: Engine) -> None:
    """ "Who were the co chairs" after the Minsk Group's end names the group (its co-chairs): swapped
    into the question before, it finds the dissolution again, the entry it swapped out; the group
    named answers."""
    result = after(engine, "when was the minsk group dissolved", "who were the co chairs")
    assert result.intent is not None and result.intent.id == "minsk-group", result.understood


def test_a_persons_own_dates_carried_are_not_an_office_asked_of_that_year(engine: Engine) -> None:
    """ "Since when?" after Ilham Aliyev carries "president of azerbaijan since 2003": his own
    tenure, not whoever held the office longest in 2003 (his father, until October)."""
    assert talk(engine, "who is ilham aliyev", "since when") == ["ilham-aliyev", "ilham-aliyev"]


def test_his_father_after_a_person_is_found_by_the_persons_name(engine: Engine) -> None:
    """ "And his father?" after Ilham Aliyev carries his name ("ilham aliyev's father" is Heydar's
    phrasing), not his title, whose words rank Ilham himself first."""
    turns = talk(engine, "how long has aliyev been in power", "are his elections fair", "and his father?")
    assert turns[-1] == "heydar-aliyev"


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("who is ararat mirzoyan", "and on the azerbaijani side?", "jeyhun-bayramov"),
        ("кто такой мирзоян", "а с азербайджанской стороны кто", "jeyhun-bayramov"),
        ("пашинян", "а в азербайджане кто", "ilham-aliyev"),
        ("who is bayramov", "and armenia's?", "ararat-mirzoyan"),
    ],
)
def test_the_other_side_named_after_an_office_holder_is_its_holder(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """Naming only the other side after a minister or leader asks for that side's holder of the
    office, as "his counterpart" does; alone, the side would answer the person in context again."""
    result = after(engine, before, question)
    assert result.intent is not None and result.intent.id == expected, result.understood


@pytest.mark.parametrize(
    "turns",
    [
        ("who was running armenia during the 2020 war", "and azerbaijan", "what about karabakh"),
        ("кто правил арменией во время войны 2020", "а азербайджаном?", "а в карабахе кто был президентом"),
    ],
)
def test_a_third_side_named_after_the_leaders_is_its_leader_at_the_time_in_context(
    engine: Engine, turns: tuple[str, ...]
) -> None:
    """Karabakh is no party name, only a word Artsakh's presidency is named with; and the time
    stays the war's across the leaders: Harutyunyan (2020), not Aliyev's years since 2003."""
    assert talk(engine, *turns) == ["nikol-pashinyan", "ilham-aliyev", "arayik-harutyunyan"]


def test_a_sitting_holders_counterpart_is_todays(engine: Engine) -> None:
    """Aliyev has faced four Armenian leaders: with no time asked, his counterpart is today's."""
    assert talk(engine, "who is ilham aliyev", "his counterpart")[-1] == "nikol-pashinyan"


def test_then_after_an_office_holder_is_his_time_in_office(engine: Engine) -> None:
    """ "Who was azerbaijan's leader then?" after Kocharyan (1998-2008): Heydar Aliyev, who held
    the office for most of those years."""
    assert talk(engine, "who was robert kocharyan", "who was azerbaijan's leader then")[-1] == "heydar-aliyev"


def test_an_unsure_question_naming_its_own_person_is_not_carried_to_the_place_before(engine: Engine) -> None:
    """ "Пашинян щас в тюрьме?" after Khojaly names its own person: unsure alone, it stays as
    unsure as it is alone, rather than becoming a question about the town carried over."""
    alone = engine.answer("пашинян щас в тюрьме?")
    result = after(engine, "ходжалы", "пашинян щас в тюрьме?")
    assert (result.status, result.intent) == (alone.status, alone.intent), result.understood
    # the first is answered alone by now; «когда уйдет путин» is still unsure alone, and stays so
    # after Sumgait (not "when" of the pogrom)
    alone = engine.answer("когда уйдет путин")
    assert alone.status is Status.AMBIGUOUS
    result = after(engine, "what happened in sumgait", "когда уйдет путин")
    assert (result.status, result.intent) == (alone.status, alone.intent), result.understood


def test_a_rare_verb_before_it_is_no_name_for_it(engine: Engine) -> None:
    """ "Why did armenia block it" after the Lisbon summit: "block" is rare, but it is the verb "it"
    follows, so "it" is the summit in context, not a thing named by "block" (the 2022 blockade)."""
    turns = talk(engine, "what happened at the osce lisbon summit", "why did armenia block it")
    assert turns == ["lisbon-summit-1996", "lisbon-summit-1996"]


def test_a_swap_never_answers_the_place_it_swapped_out(engine: Engine) -> None:
    """ "А джебраил?" after Fuzuli's airport asks the airport question of Jabrayil; only Fuzuli's
    phrasings speak of an airport, so the rewritten question finds Fuzuli again: Jabrayil answers."""
    turns = talk(engine, "физули когда азербайджан отвоевал", "там аэропорт построили?", "а джебраил?")
    assert turns == ["fuzuli", "fuzuli", "jabrayil"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who was president before elchibey", "ayaz-mutalibov"),
        ("кто был президентом до эльчибея", "ayaz-mutalibov"),
        ("who was president after ter-petrosyan", "robert-kocharyan"),
        ("кто правил после гейдара алиева", "ilham-aliyev"),
    ],
)
def test_who_came_before_or_after_a_named_holder_is_the_holder_beside_him(
    engine: Engine, question: str, expected: str
) -> None:
    """The name right after "before" / "до" is not the answer: the words find Elchibey, the office
    held before him was Mutalibov's."""
    assert talk(engine, question) == [expected]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("israel too?", "arms-suppliers"), ("а израиль?", "arms-suppliers"), ("and ukraine?", "unknown")],
)
def test_a_name_the_entry_in_context_is_asked_with_is_no_other_conflict(
    engine: Engine, question: str, expected: str
) -> None:
    """ "Israel too?" alone is another conflict; after the arms suppliers, whose entry is asked
    with Israel, it asks about them. Ukraine, which that entry never names, is still declined."""
    assert talk(engine, "who sold weapons to azerbaijan", question)[-1] == expected


def test_a_name_of_another_conflict_the_entry_in_context_is_asked_with_stays_on_it(engine: Engine) -> None:
    """ "How many chechens?" alone is the Chechen war; after the foreign fighters of the 1990s, whose
    entry is asked with Chechens, it is theirs, even though the rewritten question still ranks
    the other conflict first."""
    assert talk(engine, "foreign fighters in the 90s war?", "how mny chechens")[-1] == "foreign-fighters"


def test_a_person_asked_by_name_is_no_follow_up_of_the_entry_that_names_him(engine: Engine) -> None:
    """Monte Melkonian is one of the volunteers the entry in context names, but asked by name he
    is his own entry's subject, neither a tie with the context nor a question read with it."""
    assert (
        talk(engine, "armenian side volunteers in the first war", "who is monte melkonian")[-1]
        == "monte-melkonian"
    )


@pytest.mark.parametrize(
    ("question", "expected"), [("and israel?", "arms-suppliers"), ("and gaza?", "unknown")]
)
def test_a_name_an_entry_linked_to_the_one_in_context_is_asked_with_is_no_other_conflict(
    engine: Engine, question: str, expected: str
) -> None:
    """After Turkey's drones, Israel is the arms suppliers' (an entry linked to Turkey's support);
    Gaza, which no entry near it is asked with, is still declined."""
    assert talk(engine, "turkish drones in 2020", question)[-1] == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [("whats the population of yerevan", "unknown"), ("how many people lived there", "soviet-period")],
)
def test_an_out_of_scope_question_of_its_own_is_no_follow_up(
    engine: Engine, question: str, expected: str
) -> None:
    """Common as "population" and "Yerevan" are, together they ask a general fact about Armenia,
    out of scope on their own; "how many people lived there" names nothing and asks the subject."""
    assert talk(engine, "what was karabakh like in soviet times", question)[-1] == expected


def test_the_calendar_asked_after_an_answer_is_declined(engine: Engine) -> None:
    """ "When is ramadan this year" after the refugees is the calendar, not the refugees' year."""
    assert talk(engine, "refugees on both sides", "when is ramadan this year")[-1] == "unknown"


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("biggest azeri offensive in the first war", "when did it begin", "operation-goranboy"),
        ("what is western azerbaijan", "is that a territorial claim", "western-azerbaijan-claims"),
        ("was the 2023 exodus ethnic cleansing", "can they go back", "refugees-in-armenia-2023"),
    ],
)
def test_it_names_the_entry_in_context_that_the_names_carried_left_out(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """Carrying Azerbaijan and the first war over, "when did it begin" still asks who started the
    conflict; "it" is the operation, so its name is said too. "Is that a territorial claim"
    alone is Baku's demand on Armenia's constitution; "that" is the Western Azerbaijan idea.
    "They" may be the people who left rather than the question about them, and is left to its
    own words."""
    assert talk(engine, before, question)[-1] == expected


@pytest.mark.parametrize(
    "turns", [("что было в апреле 2016", "скока погибло"), ("what happened in april 2016", "how many died")]
)
def test_a_toll_after_a_date_question_is_the_toll_of_those_years(
    engine: Engine, turns: tuple[str, str]
) -> None:
    """The events of a month leave no entry in context, only the span: the toll asked next is the
    entry whose figures cover it (2010-2019), not the whole conflict's."""
    assert talk(engine, *turns)[-1] == "casualties-2010-2019"


@pytest.mark.parametrize(
    "question",
    ["what happened to the armenians in 1915", "что случилось с армянами в 1915", "what happened in 1915"],
)
def test_a_year_a_scope_topic_is_named_by_is_declined_not_listed(engine: Engine, question: str) -> None:
    """1915 is inside the years the entry on Karabakh before 1918 covers, but a question about it
    asks about the Armenian genocide: the out-of-scope reply, not that entry as the year's event."""
    result, _ = engine.respond(question)
    assert result.reason is Reason.OUT_OF_SCOPE and result.scope is not None
    assert result.scope.id == "scope:armenian-genocide-1915"


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("who is ghukasyan", "whats up with the peace treaty", "peace-agreement-initialed-2025"),
        ("кто такой гукасян", "что с мирным договором", "peace-agreement-initialed-2025"),
        ("who is ghukasyan", "what did he do after", "arkadi-ghukasyan"),
    ],
)
def test_common_words_that_together_name_an_entry_are_a_subject_of_their_own(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """ "Peace" and "treaty" are each common to many entries; together they name the treaty, so
    the question is not about the person before. A question naming nothing still asks of him."""
    assert talk(engine, before, question)[-1] == expected


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("how did armenians take kelbajar in 93", "which un resolution was about it", "kalbajar-1993"),
        ("араик арутюнян", "за что пожизненное", "arayik-harutyunyan"),
        ("погромы в кировобаде были?", "сколько армян уехало", "kirovabad-pogrom"),  # a side is no subject
        ("blockade of the lachin corridor", "is the road open now", "lachin-corridor"),
        (
            "how did armenians take kelbajar in 93",
            "what is the trilateral statement",
            "november-2020-agreement",
        ),
        # «и ... она» points back, so "and" asks no new subject: the battle's fact on why the town mattered
        (
            "в каком месяце азербайджан занял шушу в 2020",
            "и почему она была так важна",
            "battle-of-shusha-2020",
        ),
    ],
)
def test_a_question_naming_nothing_asked_in_the_words_of_a_fact_in_context_gets_that_fact(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """Kalbajar's entry states the resolution on it and Harutyunyan's his sentence, so those
    answer, not the entries the questions' words rank first alone. Asked about now, the past
    entry's fact gives way to today's; one of another entry's own phrasings is that entry's."""
    assert talk(engine, before, question)[-1] == expected


WITHDRAWN = "peacekeepers-withdrawal-2024/still-there"


@pytest.mark.parametrize(
    ("before", "question", "fact"),
    [
        ("скока миротворцев отправили", "они ещё там?", WITHDRAWN),
        ("how many russian peacekeepers were sent", "are they still there", WITHDRAWN),
        ("что такое минская группа", "а она ещё существует", "minsk-group-dissolution/still-exists"),
        # a bare "how many?" of an entry with several counts
        ("landmine maps from armenia", "how many", "landmines/maps-handed-over"),
        ("are armenians still held in baku", "how many", "detainees-question/how-many-now"),
        (
            "did the karabakh refugees get armenian passports",
            "how many",
            "refugees-in-armenia-2023/citizenship",
        ),
        # after the 2020 war's outcome "it" is the war, whose length is a fact of its own (not a
        # "did you mean" among every war the words "how long" fit)
        ("who won the war in 2020", "how long did it last", "second-war/duration"),
        ("the first karabakh war", "how long did it go on", "first-war/duration"),
    ],
)
def test_a_follow_up_gets_the_fact_it_asks_of_the_subject_in_context(
    engine: Engine, before: str, question: str, fact: str
) -> None:
    """The peacekeepers' own entry tells of 2020-2024 and nothing about now; "still there?" of
    them is answered by their withdrawal's fact on whether they are still there. So with the
    Minsk Group and the fact of its dissolution. "How many?" names nothing: the count of what the
    question before asked about (the maps, those held now, the passports), not the lead."""
    result = after(engine, before, question)
    assert result.fact is not None and result.fact.id == fact


@pytest.mark.parametrize(
    ("before", "question"),
    [
        ("how many armenians lived in karabakh before 2023", "and in soviet times what % were armenian"),
        ("а азербайджанцы в карабахе жили?", "а в советское время какой процент армян был"),
    ],
)
def test_the_soviet_years_named_are_a_time_of_their_own(engine: Engine, before: str, question: str) -> None:
    """ "Soviet times" is a period like a war: asked after the population before 2023, it is
    swapped in or stands alone, and the Soviet period's share answers."""
    result = after(engine, before, question)
    assert result.fact is not None and result.fact.id == "soviet-period/population-share"


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("fuel depot explosion 2023", "how do you say hello in armenian", "out_of_scope"),
        ("армянские церкви в карабахе", "как по армянски будет спасибо", "out_of_scope"),
        # the word before the greeting too: «как по азербайджански спасибо» after Heydar Aliyev
        ("гейдар алиев", "как по азербайджански спасибо", "out_of_scope"),
        ("fuel depot explosion 2023", "how do you say shusha in armenian", "shusha-shushi"),
    ],
)
def test_a_greeting_put_into_a_language_is_declined_a_place_name_is_not(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """A greeting is small talk, so "how do you say hello in armenian" once matched on
    "armenian" alone and was read as a follow-up; as a translation it is out of scope. A place
    put into Armenian is a question of names."""
    result = after(engine, before, question)
    got = result.reason.value if result.reason is Reason.OUT_OF_SCOPE else result.intent and result.intent.id
    assert got == expected


def test_what_came_next_is_the_war_not_an_entry_that_began_the_same_day(engine: Engine) -> None:
    """The 2020 war, the shelling of Stepanakert and the interstate court cases all begin on
    27 September 2020; after the Tovuz clashes, "what happened next?" is the war."""
    assert talk(engine, "tovuz clashes 2020", "what happened next?") == ["tovuz-clashes-2020", "second-war"]


def test_a_time_swapped_in_is_answered_by_the_related_entry_that_states_what_was_asked(
    engine: Engine,
) -> None:
    """Asked who won the whole conflict, then "and the first war?": the first war's own entry
    dates it, its related outcome says who won."""
    asked = talk(engine, "who won the karabakh conflict in the end", "and the first war?")
    assert asked == ["conflict-overview", "first-war-outcome"]


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # nothing of its own asked after a person: the person's fact, not the overall toll
        (
            (
                "монте мелканян откуда родом",
                "он в асале был? то есть террорист?",
                "где он воевал в карабахе",
                "как погиб",
            ),
            "monte-melkonian",
        ),
        # "he" is the person in context, not the offensive "take" ranks first
        (
            ("levon ter petrosyan and karabakh", "why did he resign", "wen did he take office"),
            "levon-ter-petrosyan",
        ),
    ],
)
def test_a_person_in_context_keeps_the_questions_that_name_nothing(
    engine: Engine, turns: tuple[str, ...], expected: str
) -> None:
    """After a few turns on a person, a question naming nothing ("как погиб", "when did he take
    office") is still about that person, whatever neighbouring entry its own words rank first."""
    assert talk(engine, *turns)[-1] == expected


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("who is ilham aliyev", "and pashinyan, is he still in power", "nikol-pashinyan"),
        ("when did heydar aliyev take power", "and elchibey, what became of him", "abulfaz-elchibey"),
        ("кто такой ильхам алиев", "а пашинян, он ещё у власти?", "nikol-pashinyan"),
        # a person named after the word is not the one it stands for: "he" is still Aliyev
        ("who is ilham aliyev", "did he meet sargsyan in kazan", "kazan-summit-2011"),
    ],
)
def test_he_after_a_person_the_question_names_is_that_person(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """ "And Pashinyan, is he still in power?" after Aliyev: "he" is the person just named, so the
    question is not carried back to the person in context."""
    assert talk(engine, before, question) == [talk(engine, before)[0], expected]


def test_a_side_swapped_in_gets_that_sides_figure_not_the_total(engine: Engine) -> None:
    """ "а азербайджанцев?" after Armenia's toll of the 2020 war asks Azerbaijan's toll: a fact
    whose phrasings name no side (the total) weighs less when the question names one."""
    context = engine.respond("сколько армян погибло во второй карабахской")[1]
    result = engine.respond("а азербайджанцев?", context, None, 10.0)[0]
    assert result.fact is not None and result.fact.id == "casualties-2020/azerbaijani-dead"


@pytest.mark.parametrize(
    ("before", "question", "fact"),
    [
        (
            "сколько армян погибло в 44-дневной войне",
            "а азербайджанцев сколько?",
            "casualties-2020/azerbaijani-dead",
        ),
        (
            "кто воевал за азербайджан из иностранцев в 90-е",
            "а за армян кто?",
            "foreign-fighters/armenian-side-volunteers",
        ),
    ],
)
def test_a_side_with_how_many_or_who_is_swapped_in(
    engine: Engine, before: str, question: str, fact: str
) -> None:
    """ "А азербайджанцев сколько?" is "а азербайджанцев?" with its question word: the side is swapped
    into the question before, not carried to whatever "how many" alone finds."""
    result = engine.respond(question, engine.respond(before)[1], None, 10.0)[0]
    assert result.fact is not None and result.fact.id == fact


def test_a_preposition_before_a_pronoun_is_no_name_it_stands_for(engine: Engine) -> None:
    """ "На него покушение кто устроил" after Ghukasyan: «него» points back at him. A preposition
    before it is a stop word, not a rare word naming what «него» would stand for in the question."""
    reading = engine.dialogue.words.read(engine.normalizer.normalize("на него покушение кто организовал"))
    assert reading.reference and reading.personal
    context = engine.respond("кто такой аркадий гукасян")[1]
    result = engine.respond("на него покушение кто организовал", context, None, 10.0)[0]
    assert result.intent is not None and result.intent.id == "arkadi-ghukasyan"


def test_unsure_a_pronoun_stays_on_the_entry_in_context(engine: Engine) -> None:
    """ "А что с ней стало потом" after the Defence Army: unsure among the entries the names carried
    find, «ней» points at the entry in context, which answers rather than a "did you mean"."""
    assert talk(engine, "армия обороны карабаха когда создана", "а что с ней стало потом") == [
        "units-involved",
        "units-involved",
    ]


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("the offensive of september 2023", "how many were killed on both sides", "september-2023-offensive"),
        ("черный январь", "сколько погибло с обеих сторон", "black-january"),
        ("казанский саммит 2011", "скока погибло с обеих сторон", "casualties-2010-2019"),
    ],
)
def test_a_toll_naming_no_time_is_of_the_time_in_context(
    engine: Engine, before: str, question: str, expected: str
) -> None:
    """ "How many were killed on both sides" alone gets the 2020 war's toll; after another event it
    asks that event's own toll, or, if it states none, the toll of the period covering it."""
    assert talk(engine, before, question) == [talk(engine, before)[0], expected]


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (("death toll of the karabakh war", "no, i meant the first war"), "casualties-1988-1994"),
        (
            ("шуша в 2020 году", "когда её захватили", "нет, я имел в виду первую войну"),
            "capture-of-shusha-1992",
        ),
    ],
)
def test_a_correction_asks_the_question_before_of_what_it_names(
    engine: Engine, turns: tuple[str, ...], expected: str
) -> None:
    """ "No, I meant the first war" swaps the war into the question before, as "and in the first
    war?" does. «Её» in the question before was Shusha, answered on the same entry: her name is
    written into the context, so the war swapped in keeps her (the 1992 capture, not the war)."""
    assert talk(engine, *turns)[-1] == expected


def test_a_name_already_in_context_is_no_other_one_swapped_in(engine: Engine) -> None:
    """ "Who were its co-chairs" after the Minsk Group names the group the conversation is on: not a
    name swapped into the question before, so the fact about its co-chairs answers."""
    context = engine.respond("the minsk group")[1]
    result = engine.respond("who were its co chairs", context, None, 10.0)[0]
    assert result.fact is not None and result.fact.id == "minsk-group/co-chairs"


def test_kirovabad_is_a_place_swapped_into_the_question_before(engine: Engine) -> None:
    """ "What about Kirovabad?" after Sumgait's toll asks Kirovabad's toll: Ganja's Soviet name is a
    place of its own in conversation.yaml, so it takes Sumgait's place in "how many died"."""
    context = engine.respond("the sumgait pogrom")[1]
    context = engine.respond("how many died", context, None, 10.0)[1]
    result = engine.respond("what about kirovabad?", context, None, 20.0)[0]
    assert result.fact is not None and result.fact.id == "kirovabad-pogrom/death-toll"


@pytest.mark.parametrize(
    "turns",
    [
        ("the 1994 ceasefire years, was it quiet", "any peacekeepers then?"),
        ("после перемирия 1994 года было спокойно?", "а миротворцы тогда были?"),
    ],
)
def test_a_subject_asked_then_is_asked_at_the_time_in_context(engine: Engine, turns: tuple[str, str]) -> None:
    """ "Any peacekeepers then?" after the calm years from 1994: "then" is that time, so the entry of
    that time answers (no peacekeepers were ever deployed), not the Russian peacekeepers of 2020."""
    assert talk(engine, *turns) == ["relative-stability", "relative-stability"]


@pytest.mark.parametrize(
    "turns",
    [
        ("война 1918-1920", "а ты кто такой вообще?"),
        ("the capture of shusha in 1992", "and who are you, a bot?"),
    ],
)
def test_small_talk_addressed_to_the_bot_is_no_follow_up(engine: Engine, turns: tuple[str, str]) -> None:
    """ "And who are you?" after a war asks about the bot: a lead ("and", «а») before small talk
    with "you" in it does not carry the question to the subject in context."""
    result = engine.respond(turns[1], engine.respond(turns[0])[1], None, 10.0)[0]
    assert result.intent is None and result.reason is not None and result.reason.value == "out_of_scope"


@pytest.mark.parametrize(
    ("before", "question"),
    [
        ("что делает миссия ес в армении", "а что вообще такое минская группа"),
        ("what does the eu mission do in armenia", "what even is the minsk group"),
    ],
)
def test_what_even_is_asks_what_a_thing_is_not_the_question_before_of_it(
    engine: Engine, before: str, question: str
) -> None:
    """ "What even is", «что вообще такое»: a filler inside "what is" still asks what the thing is,
    so the Minsk Group is not swapped into the question before ("what does it do in Armenia")."""
    result = after(engine, before, question)
    assert result.intent is not None and result.intent.id == "minsk-group"
    assert result.followup is None


def test_a_follow_up_answered_by_a_fact_of_a_linked_entry_is_not_pulled_to_a_third(engine: Engine) -> None:
    """ "Which side had more" after the first war's refugees: the refugees on both sides, whose
    fact its own words find, not the first war's sides that the carried "first war" finds. The
    overview's facts do not count: "who won" after the 2020 war is that war's outcome."""
    fact = after(engine, "first war refugees", "which side had more").fact
    assert fact is not None and fact.id == "refugees-both-sides/which-side-more"
    assert talk(engine, "the 2020 war", "who won")[-1] == "second-war-outcome"


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        (
            ("how many died in the first karabakh war", "how many became refugess"),
            "which side had more refugees",
            ["expulsions-and-refugees", "refugees-both-sides"],
        ),
        (
            ("how many armenians left karabakh in 2023", "is that ethnic cleansing"),
            "where do they live now",
            ["contested-ethnic-cleansing-2023", "refugees-in-armenia-2023"],
        ),
    ],
)
def test_a_follow_up_of_a_kind_the_entry_in_context_never_states_is_the_linked_entrys(
    engine: Engine, before: tuple[str, str], question: str, expected: list[str]
) -> None:
    """The subject carried over finds the entry in context again, but it states nothing of the
    kind asked ("which side", "where"), and the question alone is a fact of a linked entry: that
    fact answers, not the entry in context once more."""
    assert talk(engine, *before, question)[1:] == expected


def test_and_with_a_bare_question_word_asks_about_the_entry_answered(engine: Engine) -> None:
    """ "and why?" after the exodus is the exodus's why, as "why?" alone is: the side its question
    named ("the armenians") is not carried over to find that side's position on everything."""
    assert talk(engine, "why did the armenians leave karabakh", "and why?")[-1] == "exodus-2023"


def test_why_not_after_a_fact_asks_why_of_that_fact(engine: Engine) -> None:
    """ "why not?" after "is the treaty signed yet" (a fact of where things stand now, whose subject
    is the whole conflict) asks why the treaty is unsigned, not why there is a conflict."""
    result = after(engine, "has the treaty been signed by now", "why not")
    assert result.intent is not None and result.intent.id != "conflict-overview"
    assert result.fact is not None and "constitution" in result.fact.answer["en"]


def test_a_side_swapped_into_an_entry_about_both_gets_that_sides_fact(engine: Engine) -> None:
    """The ratings entry answers of both leaders: "what about pashinyan" after "is aliyev a
    dictator" is its fact on Pashinyan's critics, not his biography (a swap leaves the entry in
    context only when the same fact comes back: "а джебраил?" after Fuzuli's airport)."""
    fact = after(engine, "is ilham aliyev a dictator", "what about nikol pashinyan").fact
    assert fact is not None and fact.id == "democracy-ratings/pashinyan-critics"


def test_a_present_question_after_a_past_toll_does_not_carry_its_year(engine: Engine) -> None:
    """ "а щас война есть?" after the 2020 toll asks about now: the year named before is not carried
    into it (it found the prisoners still held from 2020)."""
    result = after(engine, "сколько погибло в 2020", "а щас война есть?")
    assert result.intent is not None and result.intent.id == "current-status"


def _facts_said(engine: Engine, *questions: str) -> list[str | None]:
    """The fact (or None for an entry's lead) each turn answered."""
    return [r.fact.id if r.fact is not None else None for r in _results(engine, *questions)]


def test_a_follow_up_that_would_get_the_same_reply_gets_the_fact_it_asks(engine: Engine) -> None:
    """The reply just shown, shown again, answers nothing new: «аомян скока» (a typo of «армян»)
    after the first war's toll got the overview of the toll again; the entry's fact on the Armenian
    dead explains it. Asked again what it said, the fact stays: "в честь кого назвали" after the
    city's names."""
    said = _facts_said(engine, "в первой войне скока погибло", "аомян скока")
    assert said == [None, "casualties-1988-1994/armenian-dead"]
    said = _facts_said(
        engine, "шуша щас чья", "а когда её взяли", "а в 92 как армяне её взяли?", "сколько там погибло тогда"
    )
    assert said[-1] == "capture-of-shusha-1992/losses"
    said = _facts_said(engine, "почему степанакерт так называется", "в честь кого назвали")
    assert said == ["stepanakert-khankendi/names"] * 2


def test_a_persons_name_is_a_subject_however_many_answers_mention_them(engine: Engine) -> None:
    """ "мирзоян это кто" after the initialling (which he did) asks who he is: his name is in so many
    answers that its weight alone no longer marks it as a name, and «это» read as "it" kept the
    treaty."""
    assert talk(engine, "кто парафировал договор", "мирзоян это кто", "он ещё министр?") == [
        "peace-agreement-initialed-2025",
        "ararat-mirzoyan",
        "ararat-mirzoyan",
    ]


def test_the_first_or_last_one_after_a_holder_is_of_the_office_asked_about(engine: Engine) -> None:
    """«а последний?» after the first president of Artsakh is Artsakh's last (Kocharyan, who held
    it first, later led Armenia: its last holder is not the one asked); "and the first one?" after
    a president of Azerbaijan is Azerbaijan's first."""
    assert talk(engine, "first president of artsakh", "а последний?", "а до него?") == [
        "robert-kocharyan",
        "samvel-shahramanyan",
        "arayik-harutyunyan",
    ]
    assert talk(engine, "who was the president of azerbaijan in 1993", "and the first one?") == [
        "heydar-aliyev",
        "ayaz-mutalibov",
    ]


def test_who_planted_them_asks_who_laid_the_mines(engine: Engine) -> None:
    """ "planted" was folded into "planned" as a typo; of mines it is "laid"."""
    said = _facts_said(engine, "how many people killed by mines since 2020", "who planted them")
    assert said[-1] == "landmines/who-laid-mines"


def test_he_beside_a_subject_of_the_questions_own_carries_only_his_name(engine: Engine) -> None:
    """ "what did he say about khojaly" after Mutalibov: "he" and Khojaly together are the massacre's
    fact on his interview; carrying his title words too ("first president of azerbaijan 1990 1992")
    drowned Khojaly and kept his resignation."""
    said = _facts_said(engine, "ayaz mutalibov", "what did he say about khojaly")
    assert said[-1] == "khojaly-massacre/mutalibov-interview"
    said = _facts_said(engine, "ильхам алиев", "эрдоган", "он в 2020 чем помогал азерам")
    assert said[-1] == "recep-tayyip-erdogan/war-2020"


def test_in_the_second_after_the_first_war_swaps_the_war(engine: Engine) -> None:
    """ "а во второй" / "and in the second" after the first war's toll asks the 2020 war's toll (it
    got the overview's count of wars); "in the first war" is still the war by its full name, not "in
    the first" with "war" left over (it lost the first war's armies)."""
    assert talk(engine, "сколько людей погибло в первой карабахской войне", "а во второй") == [
        "casualties-1988-1994",
        "casualties-2020",
    ]
    assert talk(engine, "how many died in the first karabakh war", "and in the second") == [
        "casualties-1988-1994",
        "casualties-2020",
    ]
    assert talk(engine, "army size 2020", "what about in the first war")[-1] == "strength-1993-1994"


def test_a_why_the_entry_cannot_answer_is_the_linked_entrys_why(engine: Engine) -> None:
    """«почему азербайджан выиграл» after who won the 2020 war got who won again: the outcome has no
    fact saying why; the war, linked to it, has. A how-many is not passed on so: the share of Turkish
    arms after the drones is in the reply just shown."""
    said = _facts_said(
        engine, "кто победил в первой карабахской", "а во второй?", "почему азербайджан выиграл"
    )
    assert said[-1] == "second-war/why-azerbaijan-won"
    said = _facts_said(
        engine, "were the drones turkish?", "what share of their weapons came from turkey then"
    )
    assert said == ["turkey-support-2020/drones", "turkey-support-2020/drones"]


def test_an_ordinal_alone_asks_the_offices_first_or_last_holder(engine: Engine) -> None:
    """ "а последним" after the first president of Karabakh got Kocharyan again; "and the first?"
    after Azerbaijan's president asks its first holder; "and before him?" walks the office on."""
    assert talk(engine, "кто был первым президентом нагорного карабаха", "а последним")[-1] == (
        "samvel-shahramanyan"
    )
    assert talk(engine, "who is the president of azerbaijan", "and the first?")[-1] == "ayaz-mutalibov"
    assert talk(
        engine, "who was the first president of nagorno karabakh", "and the last?", "and before him?"
    ) == [
        "robert-kocharyan",
        "samvel-shahramanyan",
        "arayik-harutyunyan",
    ]


def test_a_persons_title_year_is_not_the_conversations_time(engine: Engine) -> None:
    """ "what about armenia" after "is he still in power" of Aliyev asks Armenia's leader now: the
    "since 2003" of his title, carried to read "he", made it Armenia's leader in 2003 (Kocharyan)."""
    turns = talk(engine, "who is the president of azerbaijan", "is he still in power", "what about armenia")
    assert turns == ["ilham-aliyev", "ilham-aliyev", "nikol-pashinyan"]


def test_this_thing_brings_its_own_subject(engine: Engine) -> None:
    """ "whats this western azerbaijan thing" after Babayan: "this ... thing" introduces a subject,
    it does not point back at him."""
    turns = talk(
        engine, "who is samvel babayan", "did he try to kill ghukasyan", "whats this western azerbaijan thing"
    )
    assert turns[-1] == "western-azerbaijan-claims"
    assert talk(engine, "who is samvel babayan", "what is this about")[-1] == "samvel-babayan"


def test_the_office_asked_before_is_the_one_walked(engine: Engine) -> None:
    """ "who came after him" after the first president of Artsakh is Artsakh's second president,
    not Kocharyan's successor in Armenia (the first office listed for him)."""
    turns = talk(engine, "who was the first president of artsakh", "who came after him", "and after him?")
    assert turns == ["robert-kocharyan", "arkadi-ghukasyan", "bako-sahakyan"]
    assert talk(engine, "robert kocharyan", "who came after him")[-1] == "serzh-sargsyan"


def test_an_ordinal_with_a_side_asks_that_sides_first_holder(engine: Engine) -> None:
    """ "and who was azerbaijans first president" after Pashinyan got Aliyev, Azerbaijan's holder in
    2018 (the year of Pashinyan's title, taken for the conversation's time)."""
    turns = talk(
        engine, "is aliyev still in power", "what about armenia", "and who was azerbaijans first president"
    )
    assert turns == ["ilham-aliyev", "nikol-pashinyan", "ayaz-mutalibov"]


def test_a_person_reached_by_a_step_leaves_no_time_from_their_title(engine: Engine) -> None:
    """ "and karabakh?" after "what about armenia" (Pashinyan, reached as Aliyev's counterpart now)
    got Bako Sahakyan, Karabakh's leader in 2018: the year of Pashinyan's title ("since 2018"),
    taken for the conversation's time."""
    turns = talk(engine, "is aliyev still in power", "what about armenia", "and karabakh?")
    assert turns[1] == "nikol-pashinyan" and turns[2] != "bako-sahakyan"


def test_the_last_exchange_and_how_many_remain(engine: Engine) -> None:
    """From the probes: "when was the last exchange" after the POWs got the first swap of 2020, and
    "how many remain" after it got where things stand; the latest release and the count held now."""
    said = _facts_said(
        engine,
        "how many armenian pows were returned after 2020",
        "when was the last exchange",
        "how many remain",
    )
    assert said[1:] == ["detainees-question/latest-release", "detainees-question/how-many-now"]


def test_key_dates_list_the_whole_timeline(engine: Engine) -> None:
    """ "key dates" got the Key West talks, "timeline" alone the exodus: asked with no date or
    subject, they ask for the conflict's events in order. "key west talks" is still the talks."""
    for question in ("key dates", "timeline of the conflict", "хронология конфликта"):
        result = engine.respond(question, None, None, 0.0)[0]
        assert result.intent is None and result.span is not None and len(result.events) > 50, question
    assert talk(engine, "key west talks") == ["key-west-talks-2001"]


def test_a_sure_question_about_now_is_not_swapped_into_the_one_before(engine: Engine) -> None:
    """«а миротворцы там ещё есть» after "is it safe to go to Stepanakert" was swapped into that
    question and got a "did you mean"; alone it is surely whether the peacekeepers are still there."""
    said = _facts_said(engine, "безопасно ли сейчас ехать в степанакерт", "а миротворцы там ещё есть")
    assert said[-1] == "peacekeepers-withdrawal-2024/still-there"


def test_slang_for_events_is_a_date_question(engine: Engine) -> None:
    """«братан чо за движ был в сентябре 23 года в карабахе» got "I don't know": «движ» is slang
    for what happened, «братан» addresses the bot. It asks for September 2023's events."""
    result = engine.respond("братан чо за движ был в сентябре 23 года в карабахе", None, None, 0.0)[0]
    assert result.span is not None and result.span.text.startswith("2023-09")
    assert any(i.id == "september-2023-offensive" for i in result.events)


def test_a_follow_up_the_entry_in_context_explains_better_stays_on_it(engine: Engine) -> None:
    """«почему шуша была важна» after the capture of Shusha in 1992 got the town's entry, whose
    words it shares; one of the capture's facts explains it clearly better, so it answers. So for
    a question the matcher alone was unsure of ("and which parts stayed armenian" after the 2020
    war's outcome). A place the conversation has not named is still its own subject."""
    assert _facts_said(engine, "шуша 1992", "почему шуша была важна")[-1] == (
        "capture-of-shusha-1992/why-important"
    )
    said = _facts_said(engine, "the 2020 war outcome", "and which parts stayed armenian")
    assert said[-1] == "second-war-outcome/armenian-held-after"
    assert talk(engine, "гадрут в 2020", "а мартуни когда сдали")[-1] != "hadrut-2020"
    # «а лачин?» after the capture of Shusha: unsure between Lachin's entries, never Shusha's aftermath
    assert talk(engine, "когда армяне взяли шушу в 1992 году", "а лачин?")[-1] != "capture-of-shusha-1992"
    # unless a fact of the entry in context names the place, and what the place's own entry tells
    # was over before it: Baku's rallies after Tovuz, not the 1990 pogrom
    baku = _facts_said(engine, "which genral died in tovuz", "what happened in baku after that")
    assert baku[-1] == "tovuz-clashes-2020/baku-rallies"


def test_a_sides_view_with_no_fact_of_its_own_is_the_fact_asked_in_its_words(engine: Engine) -> None:
    """ "what does armenia say about it" after Khojaly's toll got the massacre's opening sentence
    again: no fact gives Armenia's view alone, but the one on who is to blame is the fact whose
    phrasings ask Armenia's position, and it states it."""
    said = _facts_said(
        engine, "khojaly massacre what happened", "how many died there", "what does armenia say"
    )
    assert said[-1] == "khojaly-massacre/who-responsible"
    said = _facts_said(engine, "ходжалы что там случилось", "а армяне что говорят")
    assert said[-1] == "khojaly-massacre/who-responsible"


def test_how_long_an_event_lasted_and_its_toll_after_it(engine: Engine) -> None:
    """ "how long did it last" after the April 2016 war got the September 2023 offensive's length:
    the war had no fact saying it lasted four days. With one, «скок погибло» must still reach the
    toll of 2016 (kept in the casualties entry), not the one count the war states, its length."""
    assert _facts_said(engine, "april 2016 war", "how long did it last")[-1] == "april-2016-war/duration"
    assert _facts_said(engine, "апрельская война", "сколько длилась")[-1] == "april-2016-war/duration"
    assert (
        _facts_said(engine, "april 2016 war", "скок погибло")[-1] == "casualties-2010-2019/april-2016-total"
    )
    assert (
        _facts_said(engine, "april 2016 war", "how many died")[-1] == "casualties-2010-2019/april-2016-total"
    )


def test_a_fact_of_the_entry_found_that_explains_it_far_better_is_not_swapped_back(engine: Engine) -> None:
    """ "who dissolved it" after "does artsakh still exist": the republic's fact on how it ended
    explains half the question, the dissolution's fact on who signed it four fifths; adding three
    people to the knowledge tipped the first over its bar and the answer went back to the republic."""
    said = _facts_said(engine, "does artsakh still exist", "who dissolved it")
    assert said[-1] == "artsakh-dissolution/who-signed"


def test_people_asked_about_by_name_get_their_own_entry(engine: Engine) -> None:
    """ "who is vazgen sargsyan" got Levon Ter-Petrosyan and "is hikmet hajiyev a minister" the
    genocide-claims entry that quotes him: both now have entries of their own."""
    assert talk(engine, "who is vazgen sargsyan", "how did he die") == ["vazgen-sargsyan", "vazgen-sargsyan"]
    assert _facts_said(engine, "is hikmet hajiyev a minister")[-1] == "hikmet-hajiyev/post"
    assert talk(engine, "вазген саргсян кто это") == ["vazgen-sargsyan"]


def test_the_other_sides_holder_answers_with_the_fact_the_swapped_question_asks(engine: Engine) -> None:
    """«а армении?» after «кто сейчас президент азербайджана» got Pashinyan's biography: he is
    Armenia's leader, but its president is Khachaturyan, which his fact on that post says. A bare
    name before ("aliyev", "and armenia?") asks nothing, so the lead stays."""
    said = _facts_said(engine, "кто сейчас президент азербайджана", "а армении?")
    assert said[-1] == "nikol-pashinyan/armenia-president"
    assert _facts_said(engine, "who is the president of azerbaijan", "and armenia?")[-1] == (
        "nikol-pashinyan/armenia-president"
    )
    assert talk(engine, "aliyev", "and armenia?")[-1] == "nikol-pashinyan"
    assert _facts_said(engine, "aliyev", "and armenia?")[-1] is None


def test_a_bare_question_word_keeps_the_fact_the_entrys_name_found(engine: Engine) -> None:
    """«когда» after «бишкекский протокол» and «кто подписал» got the 12 May ceasefire: asked with
    the entry's name, "when" finds the protocol's own signing (4–5 May), and the bare word alone
    must not pick another fact of the same kind over it."""
    said = _facts_said(engine, "бишкекский протокол", "кто подписал", "когда")
    assert said[-1] == "bishkek-protocol/protocol-date"
    assert _facts_said(engine, "bishkek protocol", "when")[-1] == "bishkek-protocol/protocol-date"


def test_who_brokered_the_2020_ceasefire(engine: Engine) -> None:
    """ "who mediated the 2020 ceasefire" got "did you mean" the Bishkek Protocol: the November 2020
    statement had no fact on its mediator (Russia, Putin)."""
    said = _facts_said(engine, "who mediated the 2020 ceasefire")
    assert said[-1] == "november-2020-agreement/who-brokered"
    said = _facts_said(engine, "bishkek protocol", "and the 2020 ceasefire who mediated that")
    assert said[-1] == "november-2020-agreement/who-brokered"
    # and the first war's: "who negotiated the ceasefire" after when it ended got "did you mean"
    said = _facts_said(engine, "who started the first war", "when did it end", "who negotiated the ceasefire")
    assert said[-1] == "bishkek-protocol/mediator"


def test_who_holds_whom_is_not_read_backwards(engine: Engine) -> None:
    """ "armenian pows in azerbaijan now" and "azerbaijani pows in armenia now" share every word, so
    the first got the fact on the Azerbaijanis Armenia holds; the captives Armenia holds are said
    in words of their own."""
    for question in ("armenian pows in azerbaijan now", "армянские пленные в азербайджане сейчас"):
        assert _facts_said(engine, question)[-1] != "detainees-question/azerbaijanis-in-armenia", question
    for question in (
        "are there azerbaijani prisoners in armenia",
        "есть ли азербайджанские пленные в армении",
    ):
        assert _facts_said(engine, question)[-1] == "detainees-question/azerbaijanis-in-armenia", question


def test_a_declined_question_narrowed_to_karabakh_is_answered(engine: Engine) -> None:
    """ "capital of armenia?" is out of scope; "and of karabakh" then had no context and got the
    conflict's overview. It asks the declined question of Karabakh: its capital, Stepanakert/
    Khankendi. A question of its own after a declined one is still answered as asked."""
    assert talk(engine, "capital of armenia?", "and of karabakh") == ["unknown", "stepanakert-khankendi"]
    assert talk(engine, "столица армении", "а карабаха") == ["unknown", "stepanakert-khankendi"]
    assert talk(engine, "weather in baku", "and who won the 2020 war")[-1] == "second-war-outcome"
    assert talk(engine, "capital of armenia?", "and how many died in 2020")[-1] != "stepanakert-khankendi"
    # an hour later the conversation is over: "and of karabakh" asks nothing declined any more
    assert talk(engine, "capital of armenia?", "and of karabakh", gap=3600.0)[-1] != "stepanakert-khankendi"


def test_a_side_asked_of_the_entry_in_context_is_no_other_topic(engine: Engine) -> None:
    """«россия против?» after the EU mission in Armenia: alone out of scope, here a word or two the
    mission's entry is asked with, so its fact on who criticises it answers. «россия против неё?»
    was declined: a side named beside "it" still points back at the subject in context."""
    assert _facts_said(engine, "миссия ес в армении", "россия против?")[-1] == "eu-mission-armenia/criticism"
    said = _facts_said(engine, "миссия ес в армении", "россия против неё?")
    assert said[-1] == "eu-mission-armenia/criticism"


def test_the_2020_wars_why_and_its_weapons(engine: Engine) -> None:
    """ "why did they win" after "who won the 2020 war": a fact on Armenia's inquiry into the defeat,
    phrased "why it lost", took the turn from the war's own fact on why Azerbaijan won. White
    phosphorus got "I don't know"."""
    said = _facts_said(engine, "who won the 2020 war", "why did they win")
    assert said[-1] == "second-war/why-azerbaijan-won"
    assert _facts_said(engine, "white phosphorus in 2020?")[-1] == "second-war/white-phosphorus"


def test_former_leaders_cases_and_russias_view_of_tripp(engine: Engine) -> None:
    """Asked of a former leader just named, "was he in prison" repeated Kocharyan's biography, and
    Russia's view of TRIPP had no answer: each now has a fact."""
    assert _facts_said(engine, "robert kocharyan", "was he in prison")[-1] == "robert-kocharyan/in-custody"
    said = _facts_said(engine, "serzh sargsyan", "was he charged with corruption")
    assert said[-1] == "serzh-sargsyan/corruption-case"
    assert _facts_said(engine, "россия согласна на трипп?")[-1] == "tripp-route/russia-position"


def test_who_fled_where_is_not_read_backwards(engine: Engine) -> None:
    """ "how many azerbaijanis fled armenia" got the count of Armenians who fled Azerbaijan: both
    name the same two countries. The country left now has a word of its own, in both languages."""
    assert (
        _facts_said(engine, "how many azerbaijanis fled armenia")[-1]
        == "expulsions-and-refugees/from-armenia"
    )
    said = _facts_said(engine, "сколько азербайджанцев бежало из армении")
    assert said[-1] == "expulsions-and-refugees/from-armenia"
    said = _facts_said(engine, "how many armenians fled azerbaijan")
    assert said[-1] == "expulsions-and-refugees/armenians-displaced"
    # no country left named: the Azerbaijanis displaced, not the other side's count
    said = _facts_said(engine, "сколько азербайджанцев бежало в 90х")
    assert said[-1] == "expulsions-and-refugees/azerbaijanis-displaced"
    # the people of one country from the other, asked after the other side's count
    said = _facts_said(
        engine, "how many azerbaijani idps displaced in the 90s", "and armenians from azerbaijan"
    )
    assert said[-1] == "expulsions-and-refugees/armenians-displaced"


def test_it_is_never_a_place_neither_the_question_nor_the_conversation_named(engine: Engine) -> None:
    """ "when did azerbaijan take it back" after the capture of Kalbajar in 1993 got Fuzuli's
    recapture, which its words alone find: "it" is Kalbajar, handed back in November 2020."""
    said = _facts_said(engine, "kalbajar what happened there", "when did azerbaijan take it back")
    assert said[-1] == "district-handover-2020/handover-dates"
    assert _facts_said(engine, "what is fuzuli", "when did azerbaijan take it back")[-1] == "fuzuli/retaken"


def test_the_president_of_nagorno_karabakh_is_asked_of_now(engine: Engine) -> None:
    """ "who is the president of nagorno karabakh" got "did you mean" three past presidents: the
    office ended with Artsakh, which the fact on who holds it now says; a year still finds its holder."""
    said = _facts_said(engine, "who is the president of nagorno karabakh")
    assert said[-1] == "artsakh-dissolution/who-is-president"
    assert talk(engine, "who was the president of nagorno karabakh in 2010") == ["bako-sahakyan"]


def test_a_question_tied_between_linked_entries_takes_the_one_of_the_war_in_context(engine: Engine) -> None:
    """ "How much land was lost" after the 2020 war ranks the April 2016 war first by a hair; both
    are linked to the war in context, but only the 2020 outcome is of its time."""
    turns = talk(engine, "почему армения проиграла войну 2020", "дроны?", "скока территории потеряли")
    assert turns[-1] == "second-war-outcome"


def test_a_linked_entry_asked_with_the_subject_in_context_answers_with_its_fact_on_that_subject(
    engine: Engine,
) -> None:
    """ "Were any killed" after the peacekeepers is asked of the September 2023 offensive, which
    speaks of it; of that entry's facts, the one on the peacekeepers killed, not the overall toll
    its words alone would pick."""
    *_, result = _results(
        engine, "when did the russian peacekeepers withdraw", "how many were deployed", "were any killed"
    )
    assert result.intent is not None and result.intent.id == "september-2023-offensive"
    assert result.fact is not None and result.fact.id == "september-2023-offensive/peacekeepers-killed"


def test_what_an_entrys_own_name_is_is_asked_alone(engine: Engine) -> None:
    """ "what is artsakh" after a question naming Armenia had Artsakh swapped in for Armenia ("why
    is france pro artsakh", "why did artsakh lose"): asked with nothing but question words, an
    entry's own subject is asked about itself. "and artsakh?" still asks the question before."""
    assert talk(engine, "why is france pro armenia", "what is artsakh")[-1] == "republic-of-artsakh"
    assert talk(engine, "why did armenia lose the 2020 war", "what is artsakh")[-1] == "republic-of-artsakh"
    assert talk(engine, "why did armenia lose the 2020 war", "and artsakh?")[-1] != "republic-of-artsakh"
    # a person or a common name asked the same way: "who is aliyev" after Pashinyan's stance was
    # read as "is aliyev pro russian", "what is nkao" after the 2020 war as a word of the war
    assert talk(engine, "is pashinyan pro russian", "who is aliyev")[-1] == "ilham-aliyev"
    assert talk(engine, "who won the 2020 war", "what is nkao")[-1] == "nkao-creation-1923"
    assert talk(engine, "how many died in 2020", "the first war?")[-1] == "casualties-1988-1994"


def test_the_fact_just_shown_asked_of_the_other_side_is_that_side_s_deed(engine: Engine) -> None:
    """«а армяне её когда захватили» after "when did Azerbaijan take Shusha" got the November 2020
    date again: the same fact asked of the other side asks about the other side's capture (1992).
    A count states both sides' figures, so it does not flip."""
    assert (
        talk(engine, "шушу когда азеры взяли", "а армяне её когда захватили")[-1] == "capture-of-shusha-1992"
    )
    assert talk(engine, "when did azerbaijan take shusha", "and when did armenians take it")[-1] == (
        "capture-of-shusha-1992"
    )
    assert talk(engine, "что щас в арцахе", "армян там сколько живет")[-1] == "current-status"
    assert talk(engine, "сколько армян погибло в сентябре 2022", "а азербайджан сколько признал")[-1] in {
        "casualties-2021-2022",
        "september-2022-clashes",
    }


def test_then_takes_no_object_so_the_words_after_it_are_a_question_of_their_own(engine: Engine) -> None:
    """ "ok then what was operation ring" walked the timeline from the subject in context, and «а
    потом сталин отдал карабах азербайджану?» stepped from the entry its words found: "then" takes
    no object, so a name after it is asked about. "What happened after X" still steps from X, and
    "а потом?" from the subject in context."""
    assert talk(engine, "what was black january", "ok then what was operation ring")[-1] == "operation-ring"
    assert talk(engine, "война 1918-1920 годов", "а потом сталин отдал карабах азербайджану?")[-1] == (
        "nkao-creation-1923"
    )
    stepped = _results(engine, "война 1918-1920 годов", "а потом?")[-1]
    assert stepped.followup == "next" and stepped.intent is not None
    assert stepped.intent.id != "armenian-azerbaijani-war-1918-1920"
    after_named = _results(engine, "what was black january", "what happened after the bishkek protocol")[-1]
    assert after_named.followup == "next"


def test_a_ceasefire_named_by_its_adjective_is_not_the_one_in_context(engine: Engine) -> None:
    """«кто был посредником бишкекского перемирия» after the September 2023 ceasefire got that
    ceasefire's mediator: the Bishkek ceasefire, named as an adjective, is a name of its own."""
    turns = talk(
        engine, "какие условия у перемирия 20 сентября 2023", "кто был посредником бишкекского перемирия"
    )
    assert turns == ["september-2023-ceasefire", "bishkek-protocol"]


def test_on_a_side_asks_the_question_before_of_that_side(engine: Engine) -> None:
    """ "and on the azeri side?" after the Armenian dead of 2020 got the 2020 war's overview: "on",
    a word of "what is going on", was read as asking for events, so the side was not swapped in.
    "what is going on in karabakh" still asks where things stand."""
    turns = talk(engine, "how many armenian soldiers died in the 44 day war", "and on the azeri side?")
    assert turns == ["casualties-2020", "casualties-2020"]
    assert talk(engine, "whats going on in karabakh these days") == ["current-status"]


def test_the_entry_just_shown_asked_by_its_own_name_answers_the_fact_its_words_ask(engine: Engine) -> None:
    """ "and the gyumri base?" after whether Armenia left the CSTO matched the entry's own title,
    so its lead came again (no word of the base's number or lease): the entry was just shown, and
    one of its facts says what is asked."""
    for before, question in (
        ("did armenia leave the csto", "and the gyumri base?"),
        ("армения вышла из одкб?", "база в гюмри"),
    ):
        *_, result = _results(engine, before, question)
        assert result.fact is not None and result.fact.id == "russia-wider-role/gyumri-base", question


def test_then_with_words_that_find_the_step_s_own_entry_is_a_step(engine: Engine) -> None:
    """«а потом в сентябре полномасштабная началась?» after the July 2020 clashes got the first
    war: "then" with words of its own asks a question of its own, unless those words rank the
    entry the step reaches (the 2020 war) among their best; then it is the step."""
    *_, result = _results(
        engine, "что было на границе в июле 2020", "кто начал", "а потом в сентябре полномасштабная началась?"
    )
    assert result.intent is not None and result.intent.id == "second-war"
    assert result.followup == "next"
