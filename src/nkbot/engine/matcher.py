"""Fuzzy intent matching: a weighted token index picks candidates, rapidfuzz re-ranks them.

Why two stages: scoring every phrase with rapidfuzz costs ~14 ms at 5,000 phrases, while an
inverted index over meaningful tokens (weighted by rarity, typos folded by rapidfuzz on the
vocabulary) touches only entries that share a word with the question. The re-rank then orders
the few close candidates by whole-string similarity.

Two kinds of evidence are combined per entry:
- phrase: how well one of its questions/keywords/titles matches the question as a whole
  (coverage of the question's words, and how much of the phrase they account for);
- bag: how many of the question's words occur anywhere in the entry, answer text included,
  so that a detailed question ("granada meeting with macron and scholz") still finds its entry.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from nkbot.engine.model import Intent
from nkbot.engine.normalize import Normalizer

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
TYPO_MIN_LEN = 4  # shorter tokens are too easily mistaken for other words
SPLIT_MIN_PART = 3  # "terpetrosyan" may be split into known words of at least this length
TYPO_CUTOFF = 0.8  # normalised Levenshtein similarity a misspelt token needs
YEAR_BY_DATE = 0.8  # a year inside an entry's dates counts nearly as much as the year written
OTHER_YEAR_PENALTY = 0.4  # share of a year's weight lost by entries dated to other years
UNKNOWN_WEIGHT = 0.7  # an unknown word weighs this share of the rarest known word
ANSWER_STRENGTH = 0.6  # a word found only in the answer text is weaker evidence
BAG_SHARE = 0.5  # words found in the entry but not in its best phrase add this share of their weight
PRECISION_SHARE = 0.6  # how much a phrase's unmatched words lower its score
RERANK_TOP = 12
RERANK_SHARE = 0.25  # weight of the whole-string rapidfuzz similarity in the final score


@dataclass(frozen=True, slots=True)
class Phrase:
    intent: int  # index into Matcher.intents
    tokens: tuple[str, ...]
    text: str  # the content tokens joined, for the re-rank
    weight: float  # sum of the tokens' weights


@dataclass(frozen=True, slots=True)
class Scored:
    intent: Intent
    score: float  # 0..100


@dataclass(slots=True)
class _Evidence:
    """What the question's words hit in one entry."""

    phrase_score: float = 0.0
    phrase: int = -1
    phrase_cov: float = 0.0
    phrase_prec: float = 0.5
    bag_cov: float = 0.0


def _phrase_score(coverage: float, precision: float) -> float:
    """Explaining the question matters most, but a phrase half about something else is suspect."""
    return coverage * (1 - PRECISION_SHARE + PRECISION_SHARE * min(precision, 1.0))


class Matcher:
    """Index over every question, keyword, title and answer of the entries, in every language."""

    def __init__(self, intents: tuple[Intent, ...], normalizer: Normalizer) -> None:
        self.intents = intents
        self.normalizer = normalizer
        tokens_of = self._tokens
        raw: list[tuple[int, tuple[str, ...]]] = []
        bags: list[dict[str, float]] = []
        for n, intent in enumerate(intents):
            bag: dict[str, float] = {}
            for text in list(intent.answer.values()) + list(intent.short.values()):
                bag.update(dict.fromkeys(tokens_of(text), ANSWER_STRENGTH))
            texts = [t for qs in intent.questions.values() for t in qs]
            texts += [t for ks in intent.keywords.values() for t in ks]
            texts += list(intent.title.values())
            for text in texts:
                tokens = tokens_of(text)
                if tokens:
                    raw.append((n, tokens))
                    bag.update(dict.fromkeys(tokens, 1.0))
            bags.append(bag)
        doc_freq: dict[str, int] = defaultdict(int)
        for bag in bags:
            for tok in bag:
                doc_freq[tok] += 1
        count = max(len(intents), 1)
        self.idf: dict[str, float] = {t: math.log(1 + count / df) for t, df in doc_freq.items()}
        self.unknown_weight = UNKNOWN_WEIGHT * math.log(1 + count)
        self.phrases = [
            Phrase(n, toks, " ".join(toks), sum(self.idf[t] for t in toks))
            for n, toks in dict.fromkeys(raw)
        ]
        phrase_postings: dict[str, list[int]] = defaultdict(list)
        for pid, phrase in enumerate(self.phrases):
            for tok in phrase.tokens:
                phrase_postings[tok].append(pid)
        self.phrase_postings = dict(phrase_postings)
        bag_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for n, bag in enumerate(bags):
            for tok, strength in bag.items():
                bag_postings[tok].append((n, strength))
        self.bag_postings = dict(bag_postings)
        by_len: dict[int, list[str]] = defaultdict(list)
        for tok in self.idf:
            if len(tok) >= TYPO_MIN_LEN and not tok.isdigit():
                by_len[len(tok)].append(tok)
        self._by_len = dict(by_len)
        by_year: dict[int, list[int]] = defaultdict(list)
        for n, intent in enumerate(intents):
            if intent.when:
                for year in range(intent.when.start.year, intent.when.end.year + 1):
                    by_year[year].append(n)
        self.by_year = dict(by_year)
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(self.normalizer.content_tokens(self.normalizer.normalize(text)))

    def _split_joined(self, tokens: list[str]) -> list[str]:
        """"terpetrosyan" -> "ter", "petrosyan": two known words typed as one."""
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
        """Vocabulary words this token stands for, with similarity 0..1 (typos folded)."""
        if token in self.idf:
            return ((token, 1.0),)
        if len(token) < TYPO_MIN_LEN or token.isdigit():
            return ()
        pool: list[str] = []
        for length in range(len(token) - 2, len(token) + 3):
            pool.extend(self._by_len.get(length, ()))
        found = process.extract(
            token, pool, scorer=Levenshtein.normalized_similarity, limit=2, score_cutoff=TYPO_CUTOFF
        )
        return tuple((word, float(score)) for word, score, _ in found)

    def match(self, normalized: str, limit: int = 5) -> list[Scored]:
        """Best-scoring intents for a normalised question, best first."""
        tokens = self._split_joined(self.normalizer.content_tokens(normalized))
        if not tokens:
            return []
        idf = self.idf
        expansions = {tok: self.lookup(tok) for tok in tokens}
        weight = {
            tok: max((idf[w] for w, _ in found), default=self.unknown_weight)
            for tok, found in expansions.items()
        }
        total = sum(weight.values())
        evidence: dict[int, _Evidence] = defaultdict(_Evidence)
        covered: dict[int, float] = defaultdict(float)  # phrase -> question weight it explains
        hit: dict[int, float] = defaultdict(float)  # phrase -> own weight the question hits
        for tok, found in expansions.items():
            w = weight[tok]
            in_phrase: dict[int, tuple[float, float]] = {}
            in_bag: dict[int, float] = {}
            for word, sim in found:
                for pid in self.phrase_postings.get(word, ()):
                    if sim > in_phrase.get(pid, (0.0, 0.0))[0]:
                        in_phrase[pid] = (sim, idf[word])
                for n, strength in self.bag_postings.get(word, ()):
                    if sim * strength > in_bag.get(n, 0.0):
                        in_bag[n] = sim * strength
            for pid, (sim, word_idf) in in_phrase.items():
                covered[pid] += w * sim
                hit[pid] += word_idf * sim
            for n, s in in_bag.items():
                evidence[n].bag_cov += w * s / total
        for pid, cov in covered.items():
            phrase = self.phrases[pid]
            coverage, precision = cov / total, hit[pid] / phrase.weight
            score = _phrase_score(coverage, precision)
            ev = evidence[phrase.intent]
            if score > ev.phrase_score:
                ev.phrase_score, ev.phrase, ev.phrase_cov, ev.phrase_prec = score, pid, coverage, precision
        self._credit_years(tokens, weight, total, evidence)

        base = {
            n: ev.phrase_score + BAG_SHARE * max(0.0, ev.bag_cov - ev.phrase_cov)
            for n, ev in evidence.items()
        }
        self._discount_other_years(tokens, weight, total, base)
        ranked = sorted(base, key=base.__getitem__, reverse=True)[:RERANK_TOP]
        query_text = " ".join(tokens)
        results = []
        for n in ranked:
            pid = evidence[n].phrase
            similarity = fuzz.token_sort_ratio(query_text, self.phrases[pid].text) / 100 if pid >= 0 else 0.0
            final = (1 - RERANK_SHARE) * base[n] + RERANK_SHARE * similarity * min(1.0, base[n] / 0.5)
            results.append(Scored(self.intents[n], round(100 * final, 1)))
        results.sort(key=lambda s: s.score, reverse=True)
        return results[:limit]

    def _credit_years(self, tokens: list[str], weight: dict[str, float], total: float,
                      evidence: dict[int, _Evidence]) -> None:  # fmt: skip
        """A year in the question counts for entries whose dates span it, even if unwritten."""
        for tok in tokens:
            if not _YEAR.match(tok):
                continue
            credit = weight[tok] * YEAR_BY_DATE / total
            for n in self.by_year.get(int(tok), ()):
                ev = evidence[n]
                if ev.phrase < 0 or tok not in self.phrases[ev.phrase].tokens:
                    ev.phrase_cov += credit
                    ev.phrase_score = _phrase_score(ev.phrase_cov, ev.phrase_prec)
                if tok not in self.bag_postings or all(i != n for i, _ in self.bag_postings[tok]):
                    ev.bag_cov += credit

    def _discount_other_years(self, tokens: list[str], weight: dict[str, float], total: float,
                              base: dict[int, float]) -> None:  # fmt: skip
        """A dated entry is less likely the answer when the question names a year outside its dates."""
        years = [(int(t), weight[t]) for t in tokens if _YEAR.match(t)]
        if not years:
            return
        for n in base:
            when = self.intents[n].when
            if when is None:
                continue
            for year, w in years:
                if not when.start.year <= year <= when.end.year:
                    base[n] *= 1 - OTHER_YEAR_PENALTY * w / total
