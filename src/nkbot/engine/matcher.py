"""Fuzzy intent matching: a weighted token index picks candidates, rapidfuzz re-ranks them.

Why two stages: scoring every phrase with rapidfuzz costs ~14 ms at 5,000 phrases, while an
inverted index over meaningful tokens (weighted by rarity, typos folded by rapidfuzz on the
vocabulary) touches only entries that share a word with the question. The re-rank then orders
the few close candidates by whole-string similarity.

Two kinds of evidence are combined per entry:
- phrase: how well one of its questions/keywords/titles matches the question as a whole
  (coverage of the question's words, and how much of the phrase they account for);
- bag: the question's words that occur anywhere else in the entry, answer text included,
  so that a detailed question ("granada meeting with macron and scholz") still finds its entry.

Candidates come from the rarest words first, within a fixed budget, from posting lists sorted
so that the phrases a word matters most to come first: the cost per question stays bounded
however large the knowledge base grows, and is exact while posting lists fit the budget.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from nkbot.engine.kinds import QuestionKinds
from nkbot.engine.model import Fact, Intent, Span
from nkbot.engine.normalize import Normalizer

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DECADE = re.compile(r"^(?:19|20)\d0s$")  # "1990s" (language.yaml turns "90s" into it)
SPLIT_MIN_PART = 3  # "terpetrosyan" may be split into known words of at least this length
TYPO_MIN_LEN = 4  # shorter tokens are too easily mistaken for other words
TYPO_CUTOFF = 0.8  # normalised Levenshtein similarity a misspelt token needs
CUTOFF_SLACK = 0.01
TYPO_RARE = 4  # a word in at most this many phrasings, and in no answer, may be a typo ...
TYPO_COMMON = 3  # ... of a word in at least this many entries ...
TYPO_RATIO = 3  # ... and this many times as many
TYPO_FOLD_MIN_LEN = 6  # shorter words one letter apart are too often two words ("spend", "send");
# Russian is not folded: its six-letter stems one letter apart are mostly two words ("статис", "статус")
YEAR_BY_DATE = 0.8  # a year inside an entry's dates counts nearly as much as the year written
OTHER_YEAR_PENALTY = 0.4  # share of a year's weight lost by entries dated to other years
UNKNOWN_WEIGHT = 0.7  # an unknown word weighs this share of the rarest known word
ANSWER_STRENGTH = 0.6  # a word found only in the answer text is weaker evidence
BAG_SHARE = 0.5  # words found in the entry but not in its best phrase add this share of their weight
PRECISION_SHARE = 0.6  # how much a phrase's unmatched words lower its score
PHRASE_BUDGET = 96  # candidate phrases examined per question at most (32 lost exact phrasings)
SHARED_SCAN = 1000  # a word in this many phrasings at most has those sharing more question words taken first
SHARED_MIN = 16  # ... and words in more than this many are indexed as sets for it
BAG_BUDGET = 16  # candidate entries found through answer words per question at most
NAME_WEIGHT = 1.3  # a question word naming a place or person weighs this much more
RERANK_TOP = 12
RERANK_SHARE = 0.25  # weight of the whole-string rapidfuzz similarity in the final score
PRESENT_BOOST = 1.2  # a question about now ("still", "today") prefers facts that say where things stand
ASKS_SAME = 1.25  # a phrase asking the same kind of thing as the question ("when ..." / "when ...")
ASKS_OTHER = 0.85  # ... and one asking another kind ("who ..." for a "when ..." question)
LEAD_OF_KIND = 0.7  # an entry's own phrasing, asking no kind, for a question asking one: "who
# initialled it" is answered by the fact naming who ("initialled" is a keyword of the whole entry)
ASKS_ENTRY = 0.8  # the entry too is chosen less by a phrasing asking another kind: "how many idps
# returned to karabakh" is the Great Return's count, not a phrasing of the refugees' entry asking where
NAME_LEAD = 0.85  # an entry's name, for a question naming it and more: "is the gyumri base still there"
# is answered by the fact asking that, not the lead its name "gyumri base" reaches
NAME_ONLY = 0.95  # ... unless the name is all it asks: "bishkek protocol" wants the lead
NAMED = -2  # while indexing: a phrasing that is one of the entry's names (keywords)
WHY = "why"  # the kind of question any fact explains better than a lead
SIDE_UNASKED = 0.9  # a fact phrasing naming a side the question does not: "how many died" is the total
SIDE_UNNAMED = 0.8  # ... and one naming no side when the question does: "and azerbaijanis?" is their toll
OTHER_SIDE = 0.6  # a fact phrasing naming only another side: "azerbaijani soldiers" is not Armenia's toll
RELATION_OTHER = 0.8  # a phrase placed otherwise in time: "died after the war" for "died in the war"
NONE: frozenset[str] = frozenset()  # the sides named by a phrasing naming none, shared by all of them


@dataclass(frozen=True, slots=True)
class Phrase:
    intent: int  # index into Matcher.intents
    fact: int  # index into that entry's facts, or -1 for the entry's own questions and names
    asks: str  # the kind of question it is ("when", "count"), or "" when it does not say
    relation: frozenset[str]  # its words placing it in time ("after", "до"), mostly none
    tokens: tuple[str, ...]
    text: str  # the content tokens sorted and joined: the re-rank's token-sort ratio, sorted once
    weight: float  # sum of the tokens' weights
    words: frozenset[str]  # the tokens as a set: a question's words meet it in one intersection
    present: bool  # of a fact marked present, or of an entry all about now: preferred by questions about now


@dataclass(frozen=True, slots=True)
class Scored:
    intent: Intent
    score: float  # 0..100
    fact: Fact | None = None  # the precise question the best phrase belongs to, if any


def _typo_folds(
    raw: list[tuple[int, int, str, tuple[str, ...]]], answer_words: list[set[str]]
) -> dict[str, str]:
    """Misspelt words in the stored phrasings ("presdent"), each mapped to the word meant.

    Phrasings written the way users type carry typos on purpose. Left as they are, a typo is a
    rare word, weighed like a name: a question with the same slip would go to whichever entry
    holds it. A word is taken for a typo when no answer text uses it, it is in at most
    TYPO_RARE phrasings, and a word one slip away is in several times as many entries.
    """
    entries: dict[str, set[int]] = defaultdict(set)
    phrasings: Counter[str] = Counter()
    for n, _, _, toks in raw:
        phrasings.update(toks)
        for tok in toks:
            entries[tok].add(n)
    for n, words in enumerate(answer_words):
        for tok in words:
            entries[tok].add(n)
    answered = set().union(*answer_words) if answer_words else set()
    # Words one slip apart share a form with one letter dropped ("presdent", "president" ->
    # "presdent"): an index of those forms finds them without comparing every pair of words.
    dropped: dict[str, list[str]] = defaultdict(list)
    for tok, ns in entries.items():
        if len(ns) >= TYPO_COMMON and len(tok) >= TYPO_MIN_LEN and tok.isascii():
            for form in {tok, *(tok[:i] + tok[i + 1 :] for i in range(len(tok)))}:
                dropped[form].append(tok)
    folds: dict[str, str] = {}
    similar = Levenshtein.normalized_similarity
    for tok, ns in entries.items():
        if tok in answered or phrasings[tok] > TYPO_RARE or len(tok) < TYPO_FOLD_MIN_LEN:
            continue
        if not tok.isascii() or tok.isdigit():
            continue
        forms = {tok, *(tok[:i] + tok[i + 1 :] for i in range(len(tok)))}
        near = {
            w
            for form in forms
            for w in dropped.get(form, ())
            if w != tok and w[0] == tok[0] and len(entries[w]) >= TYPO_RATIO * len(ns)
        }
        scored = [(similar(tok, w), len(entries[w]), w) for w in near]
        best = max(scored, default=None)
        if best is not None and best[0] >= TYPO_CUTOFF - 1e-9:
            folds[tok] = best[2]
    for tok, word in folds.items():  # "happeend" -> "happend" -> "happen"
        seen = {tok}
        while word in folds and word not in seen:
            seen.add(word)
            word = folds[word]
        folds[tok] = word
    return folds


def _phrase_score(coverage: float, precision: float) -> float:
    """Explaining the question matters most, but a phrase half about something else is suspect.
    (Inlined in the phrase loop of Matcher.match: change both.)"""
    return coverage * (1 - PRECISION_SHARE + PRECISION_SHARE * min(precision, 1.0))


class Matcher:
    """Index over every question, keyword, title and answer of the entries, in every language."""

    def __init__(
        self,
        intents: tuple[Intent, ...],
        normalizer: Normalizer,
        asks: Mapping[str, Iterable[str]] | None = None,
        relations: Iterable[str] = (),
        names: Iterable[str] = (),
        sides: Iterable[str] = (),
    ) -> None:
        """`asks`: the kinds of question and their words, normalised ("when", "how many");
        `relations`: words placing a question in time relative to something ("after", "до");
        `names`: the names of places and people, whose words weigh NAME_WEIGHT times more;
        `sides`: one-word names of the parties, which tell an entry's facts apart."""
        self.intents = intents
        self.normalizer = normalizer
        # common as they are, sides decide between the facts of one entry: "how many azerbaijani
        # soldiers died" shares more words with Armenia's toll phrased "how many armenian soldiers died"
        self.sides = frozenset(t for w in sides for t in self._tokens(w))
        self.relations = frozenset(t for w in relations for t in self._tokens(w))
        # the words of places' and people's names: "физули отстроили" is about Fuzuli first, not
        # about the one rebuilt town whose phrasing shares the rarer verb
        self.names = frozenset(t for n in names for t in self._tokens(n))
        self.kinds = QuestionKinds(asks or {})
        raw: list[tuple[int, int, str, tuple[str, ...]]] = []
        answer_words: list[set[str]] = []
        named: set[tuple[int, tuple[str, ...]]] = set()  # an entry's keywords: its names, asking nothing
        for n, intent in enumerate(intents):
            answers = [*intent.answer.values(), *intent.short.values()]
            answers += [t for fact in intent.facts for t in fact.answer.values()]
            answer_words.append({tok for text in answers for tok in self._tokens(text)})
            texts = [(-1, t) for qs in intent.questions.values() for t in qs]
            texts += [(NAMED, t) for ks in intent.keywords.values() for t in ks]
            texts += [(-1, t) for t in intent.title.values()]
            for f, fact in enumerate(intent.facts):
                texts += [(f, t) for qs in fact.questions.values() for t in qs]
            for fact_index, text in texts:
                normalized = normalizer.normalize(text)
                tokens = tuple(normalizer.content_tokens(normalized))
                if tokens:
                    if fact_index == NAMED:
                        named.add((n, tokens))
                    raw.append((n, -1 if fact_index == NAMED else fact_index, self.asked(normalized), tokens))
        self.folds = _typo_folds(raw, answer_words)
        folds = self.folds
        if folds:

            def folded(ts: tuple[str, ...]) -> tuple[str, ...]:
                return tuple(dict.fromkeys(folds.get(t, t) for t in ts))

            raw = [(n, f, kind, folded(ts)) for n, f, kind, ts in raw]
            named = {(n, folded(ts)) for n, ts in named}
        bags: list[dict[str, float]] = [dict.fromkeys(words, ANSWER_STRENGTH) for words in answer_words]
        for n, _, _, toks in raw:
            bags[n].update(dict.fromkeys(toks, 1.0))
        self.bags = bags
        self._answer_words = [frozenset(words) for words in answer_words]
        doc_freq: dict[str, int] = defaultdict(int)
        for bag in bags:
            for tok in bag:
                doc_freq[tok] += 1
        count = max(len(intents), 1)
        self.idf: dict[str, float] = {t: math.log(1 + count / df) for t, df in doc_freq.items()}
        idf = self.idf
        self.unknown_weight = UNKNOWN_WEIGHT * math.log(1 + count)
        # A fact's phrasings without a question word ("aghdam fall date") ask what most of its
        # other phrasings ask.
        kinds: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
        for n, f, kind, _ in raw:
            if f >= 0 and kind:
                kinds[n, f][kind] += 1
        fact_kind = {key: counts.most_common(1)[0][0] for key, counts in kinds.items()}
        self.fact_kinds = {intents[n].facts[f].id: kind for (n, f), kind in fact_kind.items()}
        # an entry about now (every fact of it present) weighs as much as its facts for questions
        # about now: "karabakh today" wants its lead, not one of its facts
        now = [bool(i.facts) and all(f.present for f in i.facts) for i in intents]
        self.phrases = [
            Phrase(
                n,
                f,
                kind or fact_kind.get((n, f), ""),
                self.relations.intersection(toks),
                toks,
                " ".join(sorted(toks)),
                sum(idf[t] for t in toks),
                frozenset(toks),
                intents[n].facts[f].present if f >= 0 else now[n],
            )
            for n, f, kind, toks in dict.fromkeys(raw)
        ]
        self._numbers = {intent.id: n for n, intent in enumerate(intents)}
        of_intent: dict[int, list[int]] = defaultdict(list)  # an entry's fact phrasings: fact_for
        for pid, phrase in enumerate(self.phrases):
            if phrase.fact >= 0:
                of_intent[phrase.intent].append(pid)
        self._of_intent = dict(of_intent)
        # the phrase loop's fields as plain tuples: unpacked at once, cheaper than attributes
        # (whether a phrasing names a side is read here once; most name none and share one empty set)
        self._rows = [
            (
                p.intent,
                p.words,
                p.weight,
                p.present,
                p.relation,
                p.asks,
                p.fact < 0,
                self.sides & p.words or NONE,
                p.fact < 0 and (p.intent, p.tokens) in named,
            )
            for p in self.phrases
        ]
        self._name_facts = self._facts_named(intents)
        phrase_postings: dict[str, list[int]] = defaultdict(list)
        for pid, phrase in enumerate(self.phrases):
            for tok in phrase.tokens:
                phrase_postings[tok].append(pid)

        # Shortest phrases first: there a word weighs most, so a capped walk keeps the best.
        def lightest(pid: int) -> float:
            return self.phrases[pid].weight

        self.phrase_postings = {t: tuple(sorted(pids, key=lightest)) for t, pids in phrase_postings.items()}
        # as sets too, for words common enough to be cut short by the budget (the rest is built when asked)
        self._posting_sets = {t: frozenset(p) for t, p in phrase_postings.items() if len(p) > SHARED_MIN}
        self._lightest = lightest
        bag_postings: dict[str, list[int]] = defaultdict(list)
        for n, bag in enumerate(bags):
            for tok in bag:
                bag_postings[tok].append(n)
        # Entries where the word is in a question first, then the most specific entries.
        self.bag_postings = {
            tok: tuple(sorted(ns, key=lambda n, t=tok: (-bags[n][t], len(bags[n]))))  # type: ignore[misc]
            for tok, ns in bag_postings.items()
        }
        by_initial: dict[tuple[str, int], list[str]] = defaultdict(list)
        for tok in self.idf:
            if len(tok) >= TYPO_MIN_LEN and not tok.isdigit():
                by_initial[tok[0], len(tok)].append(tok)
        self._typo_pool = dict(by_initial)
        by_year: dict[int, list[int]] = defaultdict(list)
        for n, intent in enumerate(intents):
            if intent.when:
                for year in range(intent.when.start.year, intent.when.end.year + 1):
                    by_year[year].append(n)
        self.by_year = dict(by_year)
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)
        self._dates = [intent.when for intent in intents]

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(self.normalizer.content_tokens(self.normalizer.normalize(text)))

    def _posting_set(self, word: str) -> frozenset[int]:
        """A word's phrasings as a set: kept for common words, built when asked for the rest."""
        return self._posting_sets.get(word) or frozenset(self.phrase_postings.get(word, ()))

    def _split_joined(self, tokens: list[str]) -> list[str]:
        """'terpetrosyan' -> 'ter', 'petrosyan': two known words typed as one."""
        out: list[str] = []
        for tok in tokens:
            if tok in self.idf or len(tok) < 2 * SPLIT_MIN_PART or tok.isdigit():
                out.append(tok)
                continue
            for cut in range(SPLIT_MIN_PART, len(tok) - SPLIT_MIN_PART + 1):
                head, tail = tok[:cut], tok[cut:]
                if head in self.idf and tail in self.idf:
                    out += [head, tail]
                    break
            else:
                out.append(tok)
        return list(dict.fromkeys(out))

    def _lookup(self, token: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary words this token stands for, with similarity 0..1 (typos folded).

        Candidates share the first letter: first-letter typos are rare, and the restriction
        keeps the search small in a large vocabulary.
        """
        if token in self.idf:
            return ((token, 1.0),)
        if len(token) < TYPO_MIN_LEN or token.isdigit():
            return ()
        pool: list[str] = []
        for length in range(len(token) - 2, len(token) + 3):
            pool.extend(self._typo_pool.get((token[0], length), ()))
        # rapidfuzz drops a score exactly at its cutoff ("grup" -> "group" is 0.8): ask a hair lower
        similar = OSA.normalized_similarity
        found = process.extract(token, pool, scorer=similar, limit=2, score_cutoff=TYPO_CUTOFF - CUTOFF_SLACK)
        return tuple((word, float(score)) for word, score, _ in found if score >= TYPO_CUTOFF - 1e-9)

    def asked(self, normalized: str) -> str:
        """The kind of question ("when", "count", "who"...): the first question word decides."""
        return self.kinds.of(normalized)

    def _facts_named(self, intents: Sequence[Intent]) -> dict[int, int]:
        """Keywords of an entry that one of its facts alone is about ("ghazanchetsots" in the
        heritage entry, "dadivank" in Kalbajar's): asked alone, the name wants that fact, not the
        lead. Not a word of the title or of the answer's first paragraph ("khojaly", "kelbadjar"):
        that name is the entry's own."""
        found: dict[int, int] = {}
        openings: dict[int, set[str]] = {}  # entry -> the words of its title and first paragraph
        for pid, phrase in enumerate(self.phrases):
            if phrase.fact >= 0 or not self._rows[pid][8]:  # [8]: the phrase is one of its names
                continue
            opening = openings.get(phrase.intent)
            if opening is None:
                intent = intents[phrase.intent]
                texts = [*intent.title.values(), *(a.partition("\n")[0] for a in intent.answer.values())]
                opening = openings[phrase.intent] = {t for text in texts for t in self._tokens(text)}
            if phrase.words & opening:
                continue  # the entry's own name, or another spelling of it: "kelbadjar"
            facts = {
                self.phrases[other].fact
                for other in self._of_intent.get(phrase.intent, ())
                if phrase.words <= self.phrases[other].words
            }
            if len(facts) == 1:
                found[pid] = facts.pop()
        return found

    def _answering_fact(self, intent: Intent, asks: str, pid: int) -> Fact | None:
        """The fact of the entry's best phrase, or its lead (None) when that phrase asks another kind
        of thing than the question: a "when" question is not answered with a "who" fact. A "why"
        question takes the fact its words reach whatever it asks: a lead (a person's biography)
        explains less ("why won't aliyev sign": his condition, not his career)."""
        if pid in self._name_facts:  # keys are phrase ids, never -1
            return intent.facts[self._name_facts[pid]]
        if pid < 0 or self.phrases[pid].fact < 0:
            return None
        kind = self.phrases[pid].asks
        if asks and kind and kind != asks and asks != WHY:
            return None
        return intent.facts[self.phrases[pid].fact]

    def _weigh(
        self, tokens: list[str]
    ) -> tuple[list[tuple[str, tuple[tuple[str, float], ...]]], dict[str, float], float]:
        """Each question token's vocabulary words (typos folded), its weight (its rarest word's,
        or an unknown word's), and the weights' total."""
        expansions = [(tok, self.lookup(tok)) for tok in tokens]
        names = self.names
        weight = {
            tok: max((self.idf[w] for w, _ in found), default=self.unknown_weight)
            * (NAME_WEIGHT if tok in names else 1.0)
            for tok, found in expansions
        }
        return expansions, weight, sum(weight.values())

    def bag(self, intent: Intent) -> dict[str, float]:
        """The words an entry is asked and answered with, each with its strength."""
        return self.bags[self._numbers[intent.id]]

    def states(self, intent: Intent, token: str) -> bool:
        """Whether the entry's answers use the word (its subjects, not the verbs it is asked with)."""
        return token in self._answer_words[self._numbers[intent.id]]

    def fact_for(
        self, intent: Intent, normalized: str, skip: str | None = None, only: str | None = None
    ) -> tuple[Fact | None, float]:
        """The fact of one entry whose phrasings best explain a question, and how well (0..1):
        "how many died?" asked of the 2014 clashes, whichever entries its words rank first.
        `skip`: a fact not to give (the one just shown); `only`: the one fact to score."""
        n = self._numbers.get(intent.id)
        tokens = self._split_joined(self.normalizer.content_tokens(normalized))
        asks = self.asked(normalized)
        if n is not None and not tokens and asks:  # "how many?", "when?": the one fact asking that
            of_kind = [f for f in intent.facts if self.fact_kinds.get(f.id) == asks]
            return (of_kind[0], 1.0) if len(of_kind) == 1 else (None, 0.0)
        if n is None or not tokens:
            return None, 0.0
        expansions, weight, total = self._weigh(tokens)
        best: tuple[float, int] = (0.0, -1)
        sides = self.sides.intersection(tokens)
        for pid in self._of_intent.get(n, ()):
            phrase = self.phrases[pid]
            if skip is not None and intent.facts[phrase.fact].id == skip:
                continue
            if only is not None and intent.facts[phrase.fact].id != only:
                continue
            covered, hit = 0.0, 0.0
            for tok, expanded in expansions:
                found = [(w, sim) for w, sim in expanded if w in phrase.words]
                if found:
                    word, sim = max(found, key=lambda pair: pair[1])
                    covered += weight[tok] * sim / total
                    hit += self.idf[word] * sim
            score = _phrase_score(covered, hit / phrase.weight)
            if asks and phrase.asks:
                score *= ASKS_SAME if phrase.asks == asks else ASKS_OTHER
            psides = self._rows[pid][7]  # the sides it names, read once at index time
            if sides and psides and not sides & psides:
                score *= OTHER_SIDE
            if score > best[0]:
                best = (score, pid)
        if best[1] < 0:
            return None, 0.0
        return intent.facts[self.phrases[best[1]].fact], best[0]

    @staticmethod
    def _own_year(
        years: list[tuple[str, int, int, float]], when: Span | None, coverage: float, total: float
    ) -> bool:
        """Whether a name's year is the entry's own, all of it within the year asked, and the name and
        year are all the question asks: "2023 exodus" wants the lead; "exchange in 2023" asked of
        detainees held 2020 to now asks that year's exchange."""
        if when is None:
            return False
        own = sum(w for _, first, last, w in years if first <= when.start.year and when.end.year <= last)
        return coverage + own * (1 - YEAR_BY_DATE) / total >= NAME_ONLY

    @staticmethod
    def _dated(
        years: list[tuple[str, int, int, float]], when: Span, words: frozenset[str], total: float
    ) -> float:
        """The share of a question its years explain for a phrasing of an entry dated `when` that
        does not write them."""
        credit = 0.0
        for year, first, last, w in years:
            if year not in words and first <= when.end.year and when.start.year <= last:
                credit += w * YEAR_BY_DATE / total
        return credit

    def match(self, normalized: str, limit: int = 5, present: bool = False) -> list[Scored]:
        """Best-scoring intents for a normalised question, best first.

        `present`: the question asks about now, so facts marked present weigh more.
        """
        tokens = self._split_joined(self.normalizer.content_tokens(normalized))
        if not tokens:
            return []
        asks = self.asked(normalized)
        relation = self.relations.intersection(tokens)
        idf = self.idf
        expansions, weight, total = self._weigh(tokens)
        words: dict[str, tuple[str, float]] = {}  # vocabulary word -> (question token, similarity)
        for tok, found in expansions:
            for word, sim in found:
                if sim > words.get(word, ("", 0.0))[1]:
                    words[word] = (tok, sim)

        # Candidates: rarest words first, until the budgets are spent.
        phrase_ids: dict[int, None] = {}
        intent_ids: dict[int, None] = {}
        # a decade names a span, not a thing: its many phrasings are taken last, so that names fill
        # the budget first ("mardakert in the 90s"); dates are weighed below anyway
        order = sorted(words, key=lambda w: (bool(_DECADE.match(w)), len(self.phrase_postings.get(w, ()))))
        for k, word in enumerate(order):
            room = PHRASE_BUDGET - len(phrase_ids)
            if room <= 0:
                break
            postings = self.phrase_postings.get(word, ())
            if room < len(postings) <= SHARED_SCAN:
                # more phrasings than room: first those that share a commoner word of the question
                # ("are there still idps": "still" alone would fill the budget with other stills)
                # (those sharing the most of them first: "did armenia and azerbaijan fight before
                # the soviets" for "fighting over karabakh before the soviets")
                mine = self._posting_set(word)
                shared: dict[int, int] = {}
                for other in order[k + 1 :]:
                    for pid in mine & self._posting_set(other):
                        shared[pid] = shared.get(pid, 0) + 1
                postings = (*sorted(shared, key=lambda p: (-shared[p], self._lightest(p))), *postings)
            for pid in postings:  # the budget counts phrasings, each once
                if pid not in phrase_ids:
                    phrase_ids[pid] = None
                    if len(phrase_ids) >= PHRASE_BUDGET:
                        break
        for word in sorted(words, key=lambda w: len(self.bag_postings.get(w, ()))):
            room = BAG_BUDGET - len(intent_ids)
            if room <= 0:
                break
            intent_ids.update(dict.fromkeys(self.bag_postings.get(word, ())[:room]))

        # Best phrase per entry: coverage of the question, precision within the phrase. The kind
        # of question ("when", "how many") weighs a little in choosing the entry (a phrasing
        # asking another kind counts less), more in choosing which of its facts answers: a
        # phrasing asking the same kind of thing is preferred.
        best: dict[int, tuple[float, int, float, float]] = {}  # entry -> score, phrase, cov, prec
        answering: dict[int, tuple[float, int]] = {}  # entry -> score by kind, phrase
        phrases = self.phrases
        asked = set(words)
        # per vocabulary word: the question token it stands for, its weight in a phrase, its
        # share of the question
        gains = {w: (tok, idf[w] * sim, weight[tok] * sim / total) for w, (tok, sim) in words.items()}
        rows = self._rows
        best_of, answering_of = best.get, answering.get
        keep = 1 - PRECISION_SHARE
        sides = self.sides.intersection(tokens)
        years = [(t, int(t), int(t), weight[t]) for t in tokens if _YEAR.match(t)]
        years += [(t, int(t[:4]), int(t[:4]) + 9, weight[t]) for t in tokens if _DECADE.match(t)]
        dates = self._dates
        for pid in phrase_ids:
            n, pwords, pweight, ppresent, prelation, pasks, plead, psides, pname = rows[pid]
            common = pwords & asked  # mostly one to three words
            if len(common) == 1:
                (only,) = common
                _, hit, coverage = gains[only]
            else:
                hit = 0.0
                covered: dict[str, float] = {}  # a question token counts once, at its best
                for word in common:
                    tok, gain, share = gains[word]
                    hit += gain
                    if share > covered.get(tok, 0.0):
                        covered[tok] = share
                coverage = sum(covered.values())
            when = dates[n] if years else None
            dated = 0.0
            if when is not None:
                # a year inside the entry's dates counts for its phrasings that leave it out, in
                # choosing the entry's best phrasing too: "почему армения проиграла" for "... в 2020"
                dated = self._dated(years, when, pwords, total)
                coverage += dated
            precision = hit / pweight
            # _phrase_score, inlined: two calls per phrase cost about 5 % of a match
            capped = precision if precision < 1.0 else 1.0
            # rounded: the words shared are a set, summed in an order that varies from run to run,
            # and the last bits of a sum must not pick between phrasings that score the same
            score = round(coverage * (keep + PRECISION_SHARE * capped), 9)
            if present and ppresent:
                score *= PRESENT_BOOST
            if relation != prelation:
                score *= RELATION_OTHER
            if asks and pasks and pasks != asks:
                score *= ASKS_ENTRY
            previous = best_of(n)
            if previous is None or score > previous[0]:
                best[n] = (score, pid, coverage, precision)
            if asks and pasks:
                score *= ASKS_SAME if pasks == asks else ASKS_OTHER / ASKS_ENTRY
            elif asks and plead:
                score *= LEAD_OF_KIND
            elif (
                pname
                and coverage < NAME_ONLY
                and (not dated or not self._own_year(years, when, coverage, total))
            ):
                score *= NAME_LEAD
            if sides:
                if not psides:
                    score *= SIDE_UNNAMED
                elif not sides & psides:
                    score *= OTHER_SIDE
                elif psides - sides:
                    score *= SIDE_UNASKED  # both sides for one: "армянская сторона?" is Armenia's count
            elif psides:
                score *= SIDE_UNASKED
            if score > answering_of(n, (-1.0, -1))[0]:
                answering[n] = (score, pid)
        intent_ids.update(dict.fromkeys(best))

        # Bag evidence for every candidate entry, years, then the combined score.
        base: dict[int, float] = {}
        # most question words stand for one vocabulary word: their bag strength is one look-up
        single = [(*found[0], weight[tok]) for tok, found in expansions if len(found) == 1]
        several = [(tok, found) for tok, found in expansions if len(found) > 1]
        bags = self.bags
        for n in intent_ids:
            score, pid, coverage, precision = best.get(n, (0.0, -1, 0.0, 0.5))
            bag = bags[n]
            held = bag.get
            bag_cov = 0.0
            for word, sim, w in single:
                bag_cov += w * (held(word, 0.0) * sim)
            for tok, found in several:
                strength = 0.0
                for word, sim in found:
                    value = held(word)
                    if value is not None and value * sim > strength:
                        strength = value * sim
                bag_cov += weight[tok] * strength
            bag_cov /= total
            when = dates[n]
            penalty = 1.0  # entries dated to other years than those asked lose a share
            if years and when is not None:
                for year, first, last, w in years:
                    if last < when.start.year or when.end.year < first:
                        penalty *= 1 - OTHER_YEAR_PENALTY * w / total
                        continue
                    credit = w * YEAR_BY_DATE / total
                    if pid < 0:  # a phrasing's own coverage has the credit already
                        coverage += credit
                        score = _phrase_score(coverage, precision)
                    if year not in bag:
                        bag_cov += credit
            extra = bag_cov - coverage
            combined = (score + BAG_SHARE * (extra if extra > 0.0 else 0.0)) * penalty
            best[n] = (score, pid, coverage, precision)
            base[n] = combined
        for _, first, last, w in years:  # dated entries found by a year alone (not a decade)
            for n in self.by_year.get(first, ()) if first == last else ():
                if n not in base:
                    base[n] = _phrase_score(w * YEAR_BY_DATE / total, 0.5)
                    best[n] = (base[n], -1, 0.0, 0.5)

        ranked = sorted(base, key=base.__getitem__, reverse=True)[:RERANK_TOP]
        query_text = " ".join(sorted(tokens))
        finals = []
        for n in ranked:
            _, pid, coverage, _ = best[n]
            similarity = fuzz.ratio(query_text, phrases[pid].text) / 100 if pid >= 0 else 0.0
            # Whole-string likeness only counts as far as the phrase explains the question.
            final = (1 - RERANK_SHARE) * base[n] + RERANK_SHARE * similarity * min(1.0, coverage)
            finals.append((round(min(100.0, 100 * final), 1), n, pid))
        finals.sort(key=lambda f: f[0], reverse=True)
        results = []
        for score, n, pid in finals[:limit]:
            intent = self.intents[n]
            fact = self._answering_fact(intent, asks, answering.get(n, (0.0, pid))[1])
            results.append(Scored(intent, score, fact))
        return results
