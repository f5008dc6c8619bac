"""Plants one bug at a time in a copy of the project and checks that the tests catch it.

Run: python tests/mutations.py [--only NAME] [--write docs/MUTATIONS.md]

Each mutation names a behaviour users or maintainers rely on, one exact text change in src/ and
the test files that must fail with it. The copy lives in a temporary folder; the working tree is
never touched. Exit status 1 when a mutation survives (no test failed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


# the two refugee-direction keys of knowledge/language.yaml and the list between them
_FLED_FROM = (
    '    "fled fromazerbaijan": ["fled azerbaijan", "fled from azerbaijan",\n'
    '        "flee azerbaijan", "flee from azerbaijan", "fleeing azerbaijan",\n'
    '        "fleeing from azerbaijan", "expelled from azerbaijan",\n'
    '        "driven out of azerbaijan", "kicked out of azerbaijan",\n'
    '        "forced out of azerbaijan", "deported from azerbaijan",\n'
    '        "displaced from azerbaijan", "refugees from azerbaijan",\n'
    '        "refugee from azerbaijan"]\n'
    '    "fled fromarmenia": ['
)
M = Mutation
MUTATIONS = [
    M(
        "escaping: a chart name the user typed is echoed unescaped",
        "src/nkbot/bot/handlers/commands.py",
        "return escape(text), keyboards.charts_keyboard",
        "return text, keyboards.charts_keyboard",
        ("tests/e2e/test_hostile_and_security.py",),
    ),
    M(
        "admins: an empty NKBOT_ADMIN_IDS lets everyone in",
        "src/nkbot/bot/services.py",
        "return user_id is not None and user_id in self.settings.admin_ids",
        "return user_id is not None and (not self.settings.admin_ids or user_id in self.settings.admin_ids)",
        ("tests/e2e/test_hostile_and_security.py",),
    ),
    M(
        "admins: /stats typed in a group is answered in the group",
        "src/nkbot/bot/handlers/admin.py",
        "if message.chat.type == ChatType.PRIVATE:",
        "if True:",
        ("tests/e2e/test_querylog_admin.py",),
    ),
    M(
        "privacy: the pseudonym is the raw Telegram id",
        "src/nkbot/querylog/records.py",
        "return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:20]",
        "return str(user_id)",
        ("tests/test_querylog.py", "tests/e2e/test_querylog_admin.py"),
    ),
    M(
        "privacy: the generated key is written where the database is",
        "src/nkbot/querylog/store.py",
        'return db.with_name(db.name + ".key")',
        'return db.with_name(db.name + "-wal")',
        ("tests/test_querylog.py",),
    ),
    M(
        "rate limit: removed",
        "src/nkbot/bot/intake.py",
        "and not self.limiter.allow(user)",
        "and False",
        ("tests/e2e/test_abuse_limits.py",),
    ),
    M(
        "rate limit: counted per chat instead of per user",
        "src/nkbot/bot/intake.py",
        "        user = sender(update)",
        "        user = update.effective_chat.id"
        " if isinstance(update, Update) and update.effective_chat else None",
        ("tests/e2e/test_abuse_limits.py",),
    ),
    M(
        "rate limit: the window never slides",
        "src/nkbot/bot/services.py",
        "while hits and now - hits[0] > self.window:",
        "while False:",
        ("tests/e2e/test_abuse_limits.py",),
    ),
    M(
        "fairness: one user's backlog holds every slot",
        "src/nkbot/bot/intake.py",
        "PER_USER = 1 ",
        "PER_USER = 1000 ",
        ("tests/e2e/test_abuse_limits.py",),
    ),
    M(
        "votes: anyone can vote on anyone's answer",
        "src/nkbot/bot/services.py",
        "return self.answers.get(ref) == user_id",
        "return True",
        ("tests/e2e/test_abuse_limits.py",),
    ),
    M(
        "reload: configured thresholds are forgotten",
        "src/nkbot/live.py",
        "engine = Engine(kb, self.thresholds)",
        "engine = Engine(kb)",
        ("tests/test_engine.py",),
    ),
    M(
        "reload: an invalid version takes the bot down instead of being refused",
        "src/nkbot/live.py",
        "            if kb is None:\n                errors =",
        "            if kb is None:\n"
        "                raise RuntimeError('no last good version kept')\n"
        "                errors =",
        ("tests/e2e/test_querylog_admin.py",),
    ),
    M(
        "thresholds: Russian questions use the English cut-offs",
        "src/nkbot/engine/engine.py",
        "return self.language_thresholds.get(lang, self.thresholds)",
        "return self.thresholds",
        ("tests/test_engine.py",),
    ),
    M(
        "delivery: 429 not waited out in production settings",
        "src/nkbot/bot/delivery.py",
        "return ResilientRateLimiter(max_retries=3, backoff=backoff)",
        "return ResilientRateLimiter(max_retries=0, backoff=backoff)",
        ("tests/e2e/test_faults.py",),
    ),
    M(
        "delivery: 5xx and dropped connections not retried",
        "src/nkbot/bot/delivery.py",
        "for attempt in range(self.network_retries + 1):",
        "for attempt in range(1):",
        ("tests/e2e/test_faults.py",),
    ),
    M(
        "errors: no apology after a failed update",
        "src/nkbot/bot/handlers/errors.py",
        "await message.get_bot().send_message(message.chat_id, escape(text))",
        "pass",
        ("tests/e2e/test_faults.py",),
    ),
    M(
        "secrets: the token is not scrubbed from logs",
        "src/nkbot/bot/logs.py",
        "        if not self.secrets:\n            return True",
        "        if True:\n            return True",
        ("tests/e2e/test_process.py", "tests/e2e/test_hostile_and_security.py"),
    ),
    M(
        "polling: a 401 leaves the process alive and deaf",
        "src/nkbot/bot/app.py",
        "            task.add_done_callback(polling_ended)",
        "            pass",
        ("tests/e2e/test_process.py",),
    ),
    M(
        "inbox: updates are not journaled before they are confirmed",
        "src/nkbot/bot/inbox.py",
        "        if self.inbox is None or not updates:\n            return updates",
        "        if True:\n            return updates",
        ("tests/e2e/test_crash_inbox.py",),
    ),
    M(
        "webhook: the secret is not checked",
        "src/nkbot/bot/webhook.py",
        "if not secret or not hmac.compare_digest(given.encode(), secret.encode()):",
        "if False:",
        ("tests/e2e/test_hostile_and_security.py",),
    ),
    M(
        "webhook: any body size is read",
        "src/nkbot/bot/webhook.py",
        "MAX_BODY = 1024 * 1024 ",
        "MAX_BODY = 1024 * 1024 * 1024 ",
        ("tests/e2e/test_hostile_and_security.py",),
    ),
    M(
        "query log: a database overwritten with garbage goes unnoticed",
        "src/nkbot/querylog/store.py",
        'return head in (b"", SQLITE_HEADER)',
        "return True",
        ("tests/test_querylog.py",),
    ),
    M(
        "knowledge: YAML aliases are expanded",
        "src/nkbot/engine/yamlsource.py",
        "    text = read_text(path)\n    _refuse_aliases(text, path)",
        "    text = read_text(path)",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "answers: the fact asked is not used (the entry's lead answers everything)",
        "src/nkbot/engine/engine.py",
        "lang, fact=best.fact",
        "lang, fact=None",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "answers: more than three sources under an answer",
        "src/nkbot/engine/render.py",
        "SOURCES_SHOWN = 3 ",
        "SOURCES_SHOWN = 30 ",
        ("tests/test_precise_answers.py", "tests/e2e/test_precise_replies.py"),
    ),
    M(
        "understanding: context overrides a question with its own subject",
        "src/nkbot/engine/followup.py",
        'if kind != "swap" and not r.lead and not pointing and not sided and named:',
        "if False:",
        ("tests/test_precise_answers.py", "tests/test_conversation.py"),
    ),
    M(
        "scope: other wars get the nearest Karabakh entry",
        "src/nkbot/engine/engine.py",
        "if topic is None and ranked and ranked[0].intent.category == SCOPE",
        "if False and ranked",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "follow-ups: 'how many died?' after an event ignores the event",
        "src/nkbot/engine/followup.py",
        "return len(words) <= ELLIPTICAL_WORDS and common",
        "return False",
        ("tests/test_conversation.py",),
    ),
    M(
        "years: 'in 92' is not read as 1992",
        "src/nkbot/engine/normalize.py",
        "text = self._two_digit_year.sub(_with_century, text)",
        "pass",
        ("tests/test_normalize.py", "tests/test_conversation.py"),
    ),
    M(
        "typos: a misspelt word in a stored phrasing weighs like a name",
        "src/nkbot/engine/matcher.py",
        "        folds = self.folds\n        if folds:",
        "        folds = self.folds = {}\n        if folds:",
        ("tests/test_engine.py",),
    ),
    M(
        "conversation: 'who led azerbaijan then?' ignores the time in context",
        "src/nkbot/engine/offices.py",
        "holder = _longest_in(office, within.start, within.end)",
        "holder = None",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'who did it?' leaves the entry in context for the place its name was carried from",
        "src/nkbot/engine/followup.py",
        "found = (None if stood_in else self._stay(found, ctx, lang, fresh.normalized)) or found",
        "found = found",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'how many people live there' after Shusha is declined as a country question",
        "src/nkbot/engine/followup.py",
        "                pointing\n                or spoken\n"
        "                or (self._elliptical(reading) and not self._scope_own(fresh, reading))\n",
        "                False\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: after the status overview, 'who started it?' carries 'now' instead of the conflict",
        "src/nkbot/engine/followup.py",
        'intent.subject or pick(intent.title, "en")',
        'pick(intent.title, "en")',
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'how did he die?' after a person takes the other names in context instead",
        "src/nkbot/engine/followup.py",
        "                person = intent\n",
        "                pass\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'are there any armenians left in karabakh' is read against the subject in context",
        "src/nkbot/engine/followup.py",
        "if (t,) in self.reference and k in nowhere:",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'who won?' after the 2020 war stays on the war, not its outcome",
        "src/nkbot/engine/followup.py",
        "if near_top and own.get(rival.id, 0.0) > own.get(current.id, 0.0) + OWN_LEAD:",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "answers: 'karabakh today' gets one fact of the status overview instead of its lead",
        "src/nkbot/engine/matcher.py",
        "intents[n].facts[f].present if f >= 0 else now[n]",
        "f >= 0 and intents[n].facts[f].present",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "spelling: a Russian word one slip from a known one is not put right",
        "src/nkbot/engine/engine.py",
        "self.english.correct(self.speller.correct(folded))",
        "self.english.correct(folded)",
        ("tests/test_normalize.py",),
    ),
    M(
        "precise answers: a 'why' question asked of a person gets the biography",
        "src/nkbot/engine/matcher.py",
        "if asks and kind and kind != asks and asks != WHY:",
        "if asks and kind and kind != asks:",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "normalising: a Russian decade's ending ('в 90-х') is left as a year and a stray letter",
        "knowledge/language.yaml",
        "  decade_endings: [х, ых, е, ые, ым, ми]",
        "  decade_endings: []",
        ("tests/test_normalize.py",),
    ),
    M(
        "normalising: two digits of a decade get this century ('в 20-х' as the 2020s)",
        "src/nkbot/engine/normalize.py",
        'return (("20" if decade in ("00", "10") else "19") + decade if len(decade) == 2 else decade) + "s"',
        'return (_century(decade) if len(decade) == 2 else decade) + "s"',
        ("tests/test_normalize.py",),
    ),
    M(
        "matching: a decade's many phrasings fill the candidates before the place asked of",
        "src/nkbot/engine/matcher.py",
        "words, key=lambda w: (bool(_DECADE.match(w)), len(self.phrase_postings.get(w, ())))",
        "words, key=lambda w: len(self.phrase_postings.get(w, ()))",
        ("tests/test_normalize.py",),
    ),
    M(
        "validation: a key given twice in a YAML file keeps the last silently",
        "src/nkbot/engine/yamlsource.py",
        "if key in result:  # PyYAML keeps the last silently",
        "if False:  # PyYAML keeps the last silently",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "language: 'what's happening' reads as 'what happened', not as a question about now",
        "knowledge/conversation.yaml",
        '"so far", "yet", happening, "going on", "are there"',
        '"so far", "yet", "are there"',
        ("tests/test_precise_answers.py",),
    ),
    M(
        "language: 'кто первым начал' reads 'первым' as the first war",
        "knowledge/language.yaml",
        '    начал: ["первым начал", "начал первым",',
        '    начал: ["первымм начал", "начал первымм",',
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: a slip a phrasing carries ('конфлит') is a known word, not put right",
        "src/nkbot/engine/spelling.py",
        "self.known = frozenset(counts) - frozenset(slips)",
        "self.known = frozenset(counts)",
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: an English slip ('armenain', 'populaton') is not put right",
        "src/nkbot/engine/engine.py",
        "self.english.correct(self.speller.correct(folded))",
        "self.speller.correct(folded)",
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: six-letter slips ('treatu') are left to the matcher",
        "src/nkbot/engine/spelling.py",
        "MIN_LEN = 6  #",
        "MIN_LEN = 7  #",
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: an English form of a known word ('selling') is put right to another ('shelling')",
        "src/nkbot/engine/engine.py",
        "            inflected=inflected,",
        "            inflected=None,",
        ("tests/test_normalize.py",),
    ),
    M(
        "typos: two swapped letters count as two slips ('poeple')",
        "src/nkbot/engine/matcher.py",
        "        similar = OSA.normalized_similarity\n        found = process.extract(",
        "        similar = Levenshtein.normalized_similarity\n        found = process.extract(",
        ("tests/test_normalize.py",),
    ),
    M(
        "validation: a stop word that is a phrase is accepted (and never dropped)",
        "src/nkbot/engine/loader.py",
        "elif len(word.split()) > 1:",
        "elif False:",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "scope: a question naming a side is declined when another conflict ranks first",
        "src/nkbot/engine/engine.py",
        "if not (near and self.names_a_side(normalized)):",
        "if True:",
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: 'why?', 'when?' ask about the names carried instead of the entry answered",
        "src/nkbot/engine/followup.py",
        "titled = not carried or person is not None or bare or viewpoint",
        "titled = not carried or person is not None or viewpoint",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'what does azerbaijan say?' swaps the side into the question before",
        "src/nkbot/engine/followup.py",
        "return self.engine.matcher.asked(normalized) == POSITION and self._common_words_only(r)",
        "return False",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: an unsure rewritten follow-up leaves the entry in context",
        "src/nkbot/engine/followup.py",
        "rival = found.intent or (ranked[0].intent if ranked else None)",
        "rival = found.intent",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'how many died' goes wherever its own words rank anything higher",
        "src/nkbot/engine/followup.py",
        "if near_top and own.get(rival.id, 0.0)",
        "if own.get(rival.id, 0.0)",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a region named in another case form ('карабахской') is not its own subject",
        "src/nkbot/engine/followup.py",
        "return stemmed in self.scope or any(stemmed.startswith(w) for w in self.scope if len(w) >= 5)",
        "return stemmed in self.scope",
        ("tests/test_conversation.py", "tests/test_engine.py", "tests/test_precise_answers.py"),
    ),
    M(
        "follow-ups: 'it' after a name in the question points back at the context",
        "src/nkbot/engine/followup.py",
        "                and self._named_before(r, k)\n",
        "                and False\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a question about now is asked of a past event",
        "src/nkbot/engine/followup.py",
        "if present and not any(f.present for f in found.intent.facts):",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'when?' stays with names carried from the question before, not the entry",
        "src/nkbot/engine/followup.py",
        "if not titled or titled[0].intent is not current:",
        "if True:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'he' with a year of its own forgets the person",
        "src/nkbot/engine/followup.py",
        'and (r.slots() <= {"party"} or person is not None)',
        'and r.slots() <= {"party"}',
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'пока' (bye) after an entry is read as a question about it",
        "src/nkbot/engine/followup.py",
        "if engine.scope_phrase(fresh.normalized) and not (reading.reference or reading.lead):",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'azerbaijani side?' with no side in the question before is not asked of that side",
        "src/nkbot/engine/followup.py",
        "if swap and (r.lead or sided or (other and (r.reference or not self._identifies(r)))):",
        "if swap and (r.lead or (other and (r.reference or not self._identifies(r)))):",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'what was the nkr' after an answer is asked of the nkr as a side",
        "src/nkbot/engine/followup.py",
        "and not any(self._titled(m.phrase) for m in own)",
        "and True",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'что такое нкао' after a person is read as a question about that person",
        "src/nkbot/engine/followup.py",
        "        if not r.reference and (self._defines(r) or self._identifies(r)):\n"
        "            return False\n"
        "        return self._common_words_only(r)",
        "        return self._common_words_only(r)",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'where is he now?' after an event stays on the event, not its one person",
        "src/nkbot/engine/followup.py",
        "stand_in = self._sole_person(intent) if r.human and not kin and not r.mentions else None",
        "stand_in = None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: Russian 'он' after an event is taken for its one person",
        "src/nkbot/engine/followup.py",
        "stand_in = self._sole_person(intent) if r.human and not kin and not r.mentions else None",
        "stand_in = self._sole_person(intent) if r.personal and not kin and not r.mentions else None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'is that true?' after where things stand answers the whole conflict",
        "src/nkbot/engine/followup.py",
        "if current is not None and r.reference and not self._says_anything(fresh.normalized, r):",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: words doubting an answer ('is that true', 'это фейк') carry meaning",
        "knowledge/language.yaml",
        "норм, фейк, фейки, ложь,",
        "норм, фейкк, фейки, ложь,",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'true' doubting an answer carries meaning",
        "knowledge/language.yaml",
        '    "true", fake, lying,',
        "    fake, lying,",
        ("tests/test_conversation.py",),
    ),
    M(
        "small talk: thanks with a word the knowledge does not know is not small talk",
        "src/nkbot/engine/engine.py",
        "if any(t not in now and self.matcher.lookup(t) for t in self.normalizer",
        "if any(t not in now for t in self.normalizer",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'are you a bot' with more words after an entry is read as a question about it",
        "src/nkbot/engine/followup.py",
        "                engine.chatter(fresh)\n                and (addressed",
        "                False\n                and (addressed",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'is it real' after an entry is taken for small talk",
        "src/nkbot/engine/followup.py",
        "or not (reading.reference or reading.lead))\n                and len(reading.tokens) > 1",
        "or True)",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'what does armenia say' after a contested question is not that side's fact",
        "src/nkbot/engine/followup.py",
        "fact = next((f for f in current.facts if self._speaks_for(f) == sides), None)",
        "fact = None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a side's view is read against the entry's subject (the whole conflict)",
        "src/nkbot/engine/followup.py",
        "found = self._side_view(found, ctx, fresh, r, strict=not viewpoint) or found",
        "found = found",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'how many died?' after an entry gets the fact its carried words rank",
        "src/nkbot/engine/followup.py",
        "if fact is not None and score >= FACT_MIN:\n                found = replace(found, fact=fact)",
        "if False:\n                found = replace(found, fact=fact)",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a bare 'how many?' finds no fact of the entry",
        "src/nkbot/engine/matcher.py",
        "if n is not None and not tokens and asks:",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'is artsakh still a thing' after TRIPP is read as a side's question about it",
        "src/nkbot/engine/followup.py",
        "if any(self._titled(m.phrase) for _, _, m in r.mentions):",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a question nearly tied between entries ignores the one in context",
        "src/nkbot/engine/followup.py",
        "or self._tie_to_context(fresh, reading, ctx, lang)\n",
        "or fresh\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'was there a vote?' is asked of a linked entry only when its own words rank it first",
        "src/nkbot/engine/followup.py",
        "linked = [s for s in own if s.intent.linked(current) and s.intent.category not in (SCOPE, PEOPLE)]",
        "linked = [s for s in own[:1] if s.intent.linked(current)"
        " and s.intent.category not in (SCOPE, PEOPLE)]",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'who initialled it?' stays on an entry that never speaks of initialling",
        "src/nkbot/engine/followup.py",
        "found = self._linked_asked(found, fresh, ctx, lang) or found",
        "found = found",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'and his armenian counterpart?' after Bayramov is Bayramov again",
        "src/nkbot/engine/followup.py",
        "        if r.step == COUNTERPART:",
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "validation: an office's unknown counterpart passes",
        "src/nkbot/engine/loader.py",
        "            if other not in ids or other == office.id:",
        "            if False:",
        ("tests/test_offices.py",),
    ),
    M(
        "follow-ups: 'а кто прав?' after the parties is read against them",
        "src/nkbot/engine/followup.py",
        "if generic and self._broad(ctx) and not r.reference:",
        "if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'why was it so important' after the battle of Shusha answers the town",
        "src/nkbot/engine/followup.py",
        "        if fact is None or score < REF_FACT or self._side_flipped(fact, r, ctx):\n",
        "        if True:\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'а что говорит армения' after who is right loses to what its own words find",
        "src/nkbot/engine/followup.py",
        '            return True  # "а что говорит армения": a side and its view only',
        "            pass  #",
        ("tests/test_conversation.py",),
    ),
    M(
        "matching: 'who initialled it' answers with the entry's lead, its keyword, not the fact naming who",
        "src/nkbot/engine/matcher.py",
        "LEAD_OF_KIND = 0.7  #",
        "LEAD_OF_KIND = 1.0  #",
        ("tests/test_engine.py",),
    ),
    M(
        "matching: the kind of question asked plays no part in choosing the entry",
        "src/nkbot/engine/matcher.py",
        "ASKS_ENTRY = 0.8  #",
        "ASKS_ENTRY = 1.0  #",
        ("tests/test_engine.py",),
    ),
    M(
        "language: Armenian land is no word of its own, so who occupies whose land is lost",
        "knowledge/language.yaml",
        '    armenianland: ["armenian land",',
        '    "armenia land": ["armenian land",',
        ("tests/test_normalize.py",),
    ),
    M(
        "normalisation: a filler inside a question is kept, so 'is the war actually over' misses its phrase",
        "src/nkbot/engine/normalize.py",
        '            text = " ".join(kept) if len(kept) > 1 else text\n',
        "",
        ("tests/test_normalize.py",),
    ),
    M(
        "validation: a scope phrase that is one common word ('things to do in baku') is accepted",
        "src/nkbot/engine/loader.py",
        "            if entries > SCOPE_WORD_ENTRIES:\n",
        "            if False:\n",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "validation: a filler that is a phrase is accepted, and never dropped",
        "src/nkbot/engine/loader.py",
        "            if len(word.split()) > 1:  # dropped word by word, like stop words\n",
        "            if False:\n",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "follow-ups: 'why did pashinyan agree to that' after who is right answers Pashinyan's biography",
        "src/nkbot/engine/followup.py",
        "        if found.intent is not None and found.intent.category != PEOPLE:\n",
        "        if True:\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'he' with a person named reads as the entry in context, not the person",
        "src/nkbot/engine/followup.py",
        "        pointing = r.reference and not r.human\n",
        "        pointing = r.reference\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'he' counts as a word of its own, so 'when did he take office' leaves the person",
        "src/nkbot/engine/followup.py",
        "                and (t,) not in self.human\n",
        "",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a question naming nothing after a person ('как погиб') is not asked of the person",
        "src/nkbot/engine/followup.py",
        "of_person = intent if person is not None or subjectless else None",
        "of_person = intent if person is not None else None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: Russian 'а он где щас' after the dissolution of Artsakh is not read as a person",
        "src/nkbot/engine/followup.py",
        "r.human = r.human or (r.personal and not self.human_cues.isdisjoint(tokens))",
        "r.human = r.human",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'who signed the ceasefire?' after the 2020 war stays unsure between two ceasefires",
        "src/nkbot/engine/followup.py",
        "            if fresh.status is not Status.AMBIGUOUS or not near:",
        "            if True:",
        ("tests/test_conversation.py",),
    ),
    M(
        "matching: a place's name weighs no more than any word ('физули отстроили' reaches Jabrayil)",
        "src/nkbot/engine/matcher.py",
        "            * (NAME_WEIGHT if tok in names else 1.0)\n",
        "",
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: a question about mobile internet after the detainees is answered with the detainees",
        "src/nkbot/engine/followup.py",
        "                if not any(s.intent is found.intent for s in alone):",
        "                if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "spelling: an English slip sharing a stem with a known word is left as an inflection ('proces')",
        "src/nkbot/engine/engine.py",
        "return any(word.startswith(k) or k.startswith(word) for k in by_stem.get(stem(word), ()))",
        "return stem(word) in by_stem",
        ("tests/test_engine.py",),
    ),
    M(
        "spelling: slips sharing a stem with each other ('карбаахе', 'карбааха') are taken for a word",
        "src/nkbot/engine/spelling.py",
        "        if all(rare(w) for w in words) and all(near_another(w) for w in words):\n",
        "        if len(words) == 1 and rare(words[0]) and near_another(words[0]):\n",
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: a form of a word ('полиции', 'минные') is put right as a slip ('позиции', 'мирные')",
        "src/nkbot/engine/spelling.py",
        "        if all(rare(w) for w in words) and all(near_another(w) for w in words):\n"
        "            slips.update(words)\n",
        "        slips.update(w for w in words if rare(w) and near_another(w))\n",
        ("tests/test_normalize.py",),
    ),
    M(
        "offices: 'is aliyev still running azerbaijan' counts the holder's name as a word asking more",
        "src/nkbot/engine/offices.py",
        " and t not in self._ignored and t not in holders and t not in ordinal\n",
        " and t not in self._ignored and t not in ordinal\n",
        ("tests/test_offices.py",),
    ),
    M(
        "follow-ups: 'in the 90s?' after the armies' strength in 2019 is not moved to the strength then",
        "src/nkbot/engine/followup.py",
        "            found = self._of_period(found, current, own, rewritten) or found",
        "            pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'how many exactly' after the exodus carries the year, not the entry answered",
        "src/nkbot/engine/followup.py",
        "                (len(r.tokens) <= 2 or not r.remainder)",
        "                len(r.tokens) <= 2",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'since when' after Ilham Aliyev is read as who held his office in 2003",
        "src/nkbot/engine/followup.py",
        '        if kind == "carry" and titled_person:',
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "matching: a fact phrased of the other side ('армянских солдат') answers a question on this one",
        "src/nkbot/engine/matcher.py",
        "                elif not sides & psides:\n                    score *= OTHER_SIDE",
        "                elif False:\n                    score *= OTHER_SIDE",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "matching: a year inside an entry's dates counts only for its best phrasing chosen without it",
        "src/nkbot/engine/matcher.py",
        "                coverage += dated\n",
        "                pass\n",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "follow-ups: 'and his father?' after Ilham Aliyev carries his title and answers him again",
        "src/nkbot/engine/followup.py",
        "                named = self.words.names.get(intent.id, {}) if kin and titled_person else {}",
        "                named = {}",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'and on the azerbaijani side?' after Mirzoyan answers Mirzoyan again",
        "src/nkbot/engine/followup.py",
        "                self._across(question, fresh, reading, ctx, lang, now)\n                or ",
        "                ",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'who led azerbaijan then?' after Kocharyan has no time to ask of",
        "src/nkbot/engine/followup.py",
        "            span = self.engine.offices.tenure(intent.id)",
        "            span = None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'пашинян щас в тюрьме?' after Khojaly is carried to the town",
        "src/nkbot/engine/followup.py",
        'unsure_named = fresh.status is Status.AMBIGUOUS and bool(r.slots() - {"party", "time"})',
        "unsure_named = False",
        (
            "tests/test_conversation.py::test_an_unsure_question_naming_its_own_person_is_not_carried_to_the_place_before",
        ),
    ),
    M(
        "language: «вернули» (took back) folds into «забрал» (took): «когда взяли кельбаджар» gets 2020",
        "knowledge/language.yaml",
        "    вернул: [вернула, вернули, отвоевал, отвоевала, отвоевали]\n",
        '    "забрал ": [вернул, вернула, вернули, отвоевал, отвоевала, отвоевали]\n',
        ("tests/test_precise_answers.py",),
    ),
    M(
        "follow-ups: a rare verb before 'it' ('why did armenia block it') is taken for what 'it' names",
        "src/nkbot/engine/followup.py",
        "        verb = k - 1 if (r.tokens[k],) in self.objects else k",
        "        verb = k",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'а джебраил?' after Fuzuli's airport answers Fuzuli, the place swapped out",
        "src/nkbot/engine/followup.py",
        "            found = self._swapped_in(found, current, own, rewritten) or found",
        "            pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'who was president before elchibey' answers Elchibey, the name it finds",
        "src/nkbot/engine/followup.py",
        "        if beside is not None:\n            return beside\n",
        "",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'israel too?' after the arms suppliers is declined as another conflict",
        "src/nkbot/engine/followup.py",
        "            spoken = self._spoken_of(fresh.normalized, reading, ctx)",
        "            spoken = False",
        ("tests/test_conversation.py::test_a_side_asked_of_the_entry_in_context_is_no_other_topic",),
    ),
    M(
        "follow-ups: 'whats the population of yerevan' after the Soviet period is read in its context",
        "src/nkbot/engine/followup.py",
        "        return bool(self._asking(r)) and fresh.score >= OWN_SCOPE",
        "        return False",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'воине' (the war typed without the breve) is read as a warrior",
        "knowledge/language.yaml",
        "    войне: [воине]\n",
        "",
        ("tests/test_normalize.py",),
    ),
    M(
        "language: 'посадили' (colloquial 'arrested') is a word of its own",
        "knowledge/language.yaml",
        "    арестовали: [посадили, посадил, посадила]\n",
        "",
        ("tests/test_normalize.py",),
    ),
    M(
        "language: 'во время' is two words too many: 'кто правил арменией во время войны' asks no office",
        "knowledge/language.yaml",
        '    в: ["во время", "в ходе"]\n',
        "",
        ("tests/test_offices.py",),
    ),
    M(
        "follow-ups: 'what about karabakh' after the leaders of 2020 is the conflict's overview",
        "src/nkbot/engine/followup.py",
        "            if not offices.side_words(words):",
        "            if True:",
        ("tests/test_conversation.py",),
    ),
    M(
        "offices: a counterpart across a conversation is of the holder's whole tenure, not the time asked",
        "src/nkbot/engine/offices.py",
        "                first, last = max(first, within.start), min(last, within.end)",
        "                pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "offices: a sitting holder's counterpart over decades is nobody",
        "src/nkbot/engine/offices.py",
        "                holder = next((h for h in others[0].holders if h.end is None), None)",
        "                pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: the time in context is lost on a step across to the counterpart",
        "src/nkbot/engine/followup.py",
        "        if time:  # across,",
        "        if False:  # across,",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'it' is not the entry in context ('is that a territorial claim' after West Azerbaijan)",
        "src/nkbot/engine/followup.py",
        "            back = self._named_back(question, rewritten, fresh, r, current, elliptical, lang)",
        "            back = None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'they' is read as the entry in context as 'it' is",
        "src/nkbot/engine/followup.py",
        "        if not self._names_thing(r):",
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'how many died' after the events of April 2016 is the whole conflict's toll",
        "src/nkbot/engine/followup.py",
        "        return ctx.span is not None and dated is not None and dated.overlaps(ctx.span)",
        "        return False",
        ("tests/test_conversation.py",),
    ),
    M(
        "spelling: a short English word with two letters swapped ('mnay') is left as typed",
        "src/nkbot/engine/spelling.py",
        "                found = self._swapped(word)",
        "                found = word",
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: 'suing', a word of the phrasings, is put right to 'using'",
        "src/nkbot/engine/spelling.py",
        "                if word in self._phrased and self._counts.get(found, 0) < SLIP_RATIO:",
        "                if False:",
        ("tests/test_normalize.py",),
    ),
    M(
        "spelling: 'дагавор' ('а' written for 'о' twice) is left as typed",
        "src/nkbot/engine/spelling.py",
        '        if best == word and "а" in word:',
        "        if False:",
        ("tests/test_normalize.py",),
    ),
    M(
        "dates: 'what happened to the armenians in 1915' lists Karabakh before 1918 as the year's event",
        "src/nkbot/engine/followup.py",
        '        if dated:  # "what happened to the armenians in 1915"',
        '        if False:  # "what happened to the armenians in 1915"',
        ("tests/test_conversation.py",),
    ),
    M(
        "spelling: an out-of-scope phrase's word ('poland') is put right to an answer's ('polad')",
        "src/nkbot/engine/engine.py",
        "            w for i in kb.scope for qs in i.questions.values()"
        " for q in qs for w in norm.fold(q).split()\n        )",
        "            w for w in ()\n        )",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "conversation: common words that together name an entry are carried to the person before",
        "src/nkbot/engine/followup.py",
        '        return len(words) >= 2 and self._titled(" ".join(words))\n',
        "        return False\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: nothing named, a fact stated by the entry in context loses to another entry",
        "src/nkbot/engine/followup.py",
        "                or self._stated_here(fresh, reading, ctx)\n",
        "",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: asked about now, a past entry's fact in context still answers",
        "src/nkbot/engine/followup.py",
        "        if self.engine.asks_now(fresh.normalized) and not fact.present:\n            return None  #",
        "        if False:\n            return None  #",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: one of another entry's own phrasings is answered with a fact in context",
        "src/nkbot/engine/followup.py",
        "        if fresh.score >= EXACT or self._names_region(r):",
        "        if self._names_region(r):",
        ("tests/test_conversation.py",),
    ),
    M(
        "engine: asked about now, a past entry answers though a related entry states the present",
        "src/nkbot/engine/engine.py",
        "            now = self.today(best.intent, normalized, {s.intent.id for s in ranked})\n",
        "            now = None\n",
        ("tests/test_engine.py",),
    ),
    M(
        "engine: a related entry's present fact answers though the question is not about now",
        "src/nkbot/engine/engine.py",
        "        if not related or not self.asks_now(normalized):",
        "        if not related:",
        ("tests/test_engine.py",),
    ),
    M(
        "conversation: a side named makes a question asked in the words of a fact in context its own",
        "src/nkbot/engine/followup.py",
        '        named = not r.slots() <= {"party"}  #',
        "        named = bool(r.mentions)  #",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'are they still there' pointing back gets the past entry, not its present fact",
        "src/nkbot/engine/followup.py",
        '            again = self._as_of_now(again, f"{fresh.normalized} {called}")',
        "            pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: a follow-up about now carried to a past entry keeps it, not its present fact",
        "src/nkbot/engine/followup.py",
        "        found = self._as_of_now(found, fresh.normalized)  #",
        "        pass  #",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'soviet times' names no time of its own",
        "knowledge/conversation.yaml",
        'en: ["soviet times", "soviet period",',
        'en: ["sovjet tymes", "soviet period",',
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'отдала' (gave) is not 'передала' (handed over)",
        "knowledge/language.yaml",
        "    передала: [отдала]\n",
        "",
        ("tests/test_normalize.py",),
    ),
    M(
        "language: 'how do you say hello' is no translation, so it matches on 'armenian' alone",
        "knowledge/language.yaml",
        '    translate: ["how do you say hello",',
        '    translate: ["how do you say helo",',
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'по армянски будет спасибо' is no translation, so it matches on 'armenian' alone",
        "knowledge/language.yaml",
        '    перевести на армянский: ["по армянски будет спасибо",',
        '    перевести на армянский: ["по армянски будет спасиба",',
        ("tests/test_conversation.py",),
    ),
    M(
        "timeline: of entries beginning the same day, the shortest comes first, not the event",
        "src/nkbot/engine/model.py",
        "(i.when.start, i.category != EVENTS, i.when.end)",
        "(i.when.start, i.when.end)",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: a name swapped in answers with its own entry though a related one states the fact",
        "src/nkbot/engine/followup.py",
        "            if other is not None and better >= score + RELATED_LEAD and later is not current:",
        "            if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "eval: a Russian reply's '23 июля 1993' does not state the expected '23 July 1993'",
        "src/nkbot/evaluation.py",
        "    text = _MONTH_RU.sub(lambda m: _MONTH_EN[m.group(1)], text)\n",
        "",
        ("tests/test_cli.py",),
    ),
    M(
        "conversation: 'and pashinyan, is he still pm?' after Aliyev carries 'he' back to Aliyev",
        "src/nkbot/engine/followup.py",
        "            elif (t,) in self.named and any(",
        "            elif False and any(",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: hearsay ('все про него пишут') weighs as an unknown subject and leaves it unanswered",
        "knowledge/language.yaml",
        "    пишут, писали, слышал,",
        "    слышал,",
        ("tests/test_engine.py",),
    ),
    M(
        "eval: a Russian reply's '99,89%' does not state the expected '99.89%'",
        "src/nkbot/evaluation.py",
        '    return re.sub(r"(?<=\\d),(?=\\d)", ".", text)',
        "    return text",
        ("tests/test_cli.py",),
    ),
    M(
        "matching: 'how many died' naming no side gets one side's toll rather than the total",
        "src/nkbot/engine/matcher.py",
        "            elif psides:\n                score *= SIDE_UNASKED",
        "            elif False:\n                score *= SIDE_UNASKED",
        ("tests/test_engine.py",),
    ),
    M(
        "matching: 'а азербайджанцев?' after Armenia's toll gets the total, not Azerbaijan's toll",
        "src/nkbot/engine/matcher.py",
        "                    score *= SIDE_UNNAMED",
        "                    pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'а азербайджанцев сколько?' is carried, not swapped like 'а азербайджанцев?'",
        "src/nkbot/engine/followup.py",
        'bare = not r.remainder or (r.slots() == {"party"} and asking == r.remainder and counted)',
        "bare = not r.remainder",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'wen did the first war start' keeps 'wen' as an unknown word, not 'when'",
        "knowledge/language.yaml",
        "    when: [wen, whn, wehn]",
        "    when: [whn, wehn]",
        ("tests/test_normalize.py",),
    ),
    M(
        "language: 'армения окупировала' (one к) stays an unknown word, not the occupation",
        "knowledge/language.yaml",
        "    оккупировала: [окупировала]",
        "    оккупировала: []",
        ("tests/test_normalize.py",),
    ),
    M(
        "language: 'random q but who won ...' weighs 'random' and 'q' as unknown subjects",
        "knowledge/language.yaml",
        "    q, random, unrelated, guy, guys, literally,",
        "    unrelated, guy, guys, literally,",
        ("tests/test_engine.py",),
    ),
    M(
        "scope: 'грузия вступит в ес?' gets the EU's role in Karabakh, a country it never speaks of",
        "src/nkbot/engine/engine.py",
        "and self._foreign(normalized, scope.intent, ranked[0].intent):",
        "and False:",
        ("tests/test_engine.py",),
    ),
    M(
        "conversation: 'на него покушение кто устроил' reads the preposition as a rare word naming «него»",
        "src/nkbot/engine/followup.py",
        "if i not in sides and w not in self.asked and w not in stop",
        "if i not in sides and w not in self.asked",
        ("tests/test_conversation.py",),
    ),
    M(
        "small talk: 'how many got it' is taken for 'got it' and declined, not asked of the subject",
        "src/nkbot/engine/engine.py",
        "                if not (rest and self.matcher.asked(rest)):",
        "                if True:",
        ("tests/test_engine.py",),
    ),
    M(
        "conversation: unsure after the Defence Army, 'а что с ней стало потом' offers choices, not it",
        "src/nkbot/engine/followup.py",
        "            if kept and current is not None:",
        "            if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'how many were killed on both sides' after the 2023 offensive gets the 2020 toll",
        "src/nkbot/engine/followup.py",
        "score >= OWN_TOLL and (not kind",
        "score >= 2 and (not kind",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: a toll after the 2011 Kazan summit gets the 2020 war's, not that of the 2010s",
        "src/nkbot/engine/followup.py",
        "        if len(covering) != 1 or covering[0] is found:",
        "        if True:",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'no, i meant the first war' is read alone, not as a correction of the question before",
        "knowledge/conversation.yaml",
        '"no i mean", "no i meant", "i mean", "i meant",',
        "",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: «нет, я имел в виду первую войну» after «когда её захватили» loses Shusha",
        "src/nkbot/engine/followup.py",
        '            question = " ".join([question, *places])',
        "            pass",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'who were its co chairs' after the Minsk Group swaps the group in for itself",
        "src/nkbot/engine/followup.py",
        "if m.entity not in known} & {m.slot",
        "} & {m.slot",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'kto takoi arkadi gukasyan' is read as English, Russian typed in Latin letters unread",
        "src/nkbot/engine/engine.py",
        "            found = next((text for text in read if text is not None), question)",
        "            found = question",
        ("tests/test_translit.py",),
    ),
    M(
        "language: 'takoi', 'voina' are spelt «такои», «воина»: «й» after a vowel is lost",
        "src/nkbot/engine/translit.py",
        '_SHORT_I.sub("j", word)',
        "word",
        ("tests/test_translit.py",),
    ),
    M(
        "language: 'karabakh 1992' is taken for Russian in Latin letters with no Russian word in it",
        "src/nkbot/engine/translit.py",
        "        if not any(w in self.markers for w in _WORD.findall(folded)):",
        "        if False:",
        ("tests/test_translit.py",),
    ),
    M(
        "validation: a translit marker in Cyrillic, never matched by a Latin word, passes unnoticed",
        "src/nkbot/engine/loader.py",
        "        if not LATIN_RE.fullmatch(word):",
        "        if False:",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "conversation: 'what about kirovabad?' after Sumgait's toll names no place to swap in",
        "knowledge/conversation.yaml",
        "      en: [kirovabad]",
        "      en: [kirovabadx]",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'any peacekeepers then?' after the calm years from 1994 gets the 2020 peacekeepers",
        "src/nkbot/engine/followup.py",
        '            result = replace(found, followup="carry", understood=rewritten)',
        "            return None",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: «а ты кто такой вообще?» after the 1918 war is carried to the war",
        "src/nkbot/engine/followup.py",
        "and (addressed or not (reading.reference or reading.lead))",
        "and not (reading.reference or reading.lead)",
        ("tests/test_conversation.py",),
    ),
    M(
        "small talk: 'and who are you, a bot?' stops at 'are you a bot' with 'who' left over, undeclined",
        "src/nkbot/engine/engine.py",
        "                if not (rest and self.matcher.asked(rest)):\n                    return topic",
        "                return None if rest and self.matcher.asked(rest) else topic",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'before him' is read only opening a question, so 'who was president before him' stays",
        "src/nkbot/engine/followup.py",
        "                r.inside = r.step != COUNTERPART  # read inside the question, not opening it\n",
        "                r.step = r.step if r.step == COUNTERPART else None\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a person named with 'before him' is stepped from, not answered",
        "src/nkbot/engine/followup.py",
        "            if r.inside and probe.intent is not None and probe.intent.category == PEOPLE:",
        "            if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "scope: 'now' makes a question about the countries at large one about where things stand",
        "src/nkbot/engine/engine.py",
        "                if alone.reason is Reason.OUT_OF_SCOPE and not self.chatter(alone):",
        "                if False:",
        ("tests/test_engine.py",),
    ),
    M(
        "scope: dishes are no question about the countries, so 'popular' finds the Popular Front",
        "knowledge/scope.yaml",
        "           national dish of azerbaijan, national dish of armenia, traditional armenian dishes,"
        " traditional azerbaijani dishes,\n",
        "",
        ("tests/test_engine.py",),
    ),
    M(
        "eval: a figure checked against the answers in English whatever the question's language",
        "src/nkbot/evaluation.py",
        '    lang = case.lang or "en"\n',
        '    lang = "en"\n',
        ("tests/test_cli.py",),
    ),
    M(
        "follow-ups: 'а что такое трипп' swaps TRIPP into the question before",
        "src/nkbot/engine/followup.py",
        "        swap = swap and not viewpoint and not self._defines(r)",
        "        swap = swap and not viewpoint",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: asking what a thing is is read only opening a question, not after 'а'",
        "src/nkbot/engine/followup.py",
        "for k in range(r.lead + 1))",
        "for k in range(1))",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: «что за» does not ask what a thing is",
        "knowledge/conversation.yaml",
        ' "что это за", "что за",',
        ' "что это за",',
        ("tests/test_conversation.py",),
    ),
    M(
        "language: 'one more' is read as words of the question",
        "knowledge/language.yaml",
        ' "one last question", "one last thing", "one more", "another question",',
        ' "one last question", "one last thing", "another question",',
        ("tests/test_conversation.py",),
    ),
    M(
        "language: «ещё вопрос» is read as «still»",
        "knowledge/language.yaml",
        '    вопрос: ["еще вопрос", "еще один вопрос",',
        '    вопрос: ["еще один вопрос",',
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: 'are there' and «есть» do not ask about now",
        "knowledge/conversation.yaml",
        ' "going on", "are there", "is there",\n',
        ' "going on",\n',
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: a bare 'how many' is not asked of what the question before asked about",
        "src/nkbot/engine/followup.py",
        'fact, score = matcher.fact_for(current, f"{ctx.question} {fresh.normalized}")',
        "fact, score = matcher.fact_for(current, fresh.normalized)",
        ("tests/test_conversation.py",),
    ),
    M(
        "conversation: «остались» does not ask about now",
        "knowledge/conversation.yaml",
        " есть, остались, осталось, остался, осталась,\n",
        " есть,\n",
        ("tests/test_engine.py",),
    ),
    M(
        "language: «имел» (had) is a word of the question",
        "knowledge/language.yaml",
        " является, имеет, имеют, имел, имела, имело, имели,",
        " является,",
        ("tests/test_engine.py",),
    ),
    M(
        "language: 'runs' and 'in charge' fold into 'control'",
        "knowledge/language.yaml",
        "    control: [controlled, controlling]\n",
        '    control: [controlled, controlling, runs, "in charge of", "in charge"]\n',
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: a place named by both its names is swapped into the question before",
        "src/nkbot/engine/followup.py",
        "        swap = swap and len(own) == len({m.entity for m in own})\n",
        "",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: of the linked entries a question asks, the first, not the one of the time in context",
        "src/nkbot/engine/followup.py",
        "else next((s for s in linked if _near(s.intent, current)), linked[0])\n",
        "else linked[0]\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a question asked of a linked entry only when it says 'it'",
        "src/nkbot/engine/followup.py",
        '        if kind == "carry" and answered and found.intent is current and not kept:\n',
        '        if kind == "carry" and answered and r.reference and found.intent is current and not kept:\n',
        ("tests/test_conversation.py",),
    ),
    M(
        "matching: an entry's name asked with more words counts as much as the fact asking that more",
        "src/nkbot/engine/matcher.py",
        "                and coverage < NAME_ONLY\n",
        "                and coverage < 0.0\n",
        ("tests/test_engine.py",),
    ),
    M(
        "matching: an entry's name alone gives way to a fact too",
        "src/nkbot/engine/matcher.py",
        "                and coverage < NAME_ONLY\n"
        "                and (not dated or not self._own_year(years, when, coverage, total))\n",
        "",
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: 'and' pointing back ('и ... она') is taken for a subject of its own",
        "src/nkbot/engine/followup.py",
        "        if not pointing and (named or r.lead):\n",
        "        if named or r.lead:\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: the present opening a question («а сейчас что там») is not read as asking only now",
        "src/nkbot/engine/followup.py",
        "        return (bool(content) or opened) and all(t in self.words.present for t in content)\n",
        "        return bool(content) and all(t in self.words.present for t in content)\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "present: a state asked in the present tense ('who owns') is not read as about now",
        "knowledge/conversation.yaml",
        '              "who owns", "who controls", "who rules", "who governs", "is at war", "are at war"]\n',
        "              ]\n",
        ("tests/test_engine.py",),
    ),
    M(
        "matching: a common word cut short by the phrasing budget fills it with phrasings of other things",
        "src/nkbot/engine/matcher.py",
        "            if room < len(postings) <= SHARED_SCAN:",
        "            if False:",
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: a rare name the entry in context never mentions is pulled onto that entry anyway",
        "src/nkbot/engine/followup.py",
        "        if self._named_elsewhere(found, fresh):",
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "rendering: a publisher's own parenthesis nests inside the source's brackets",
        "src/nkbot/engine/render.py",
        '    if publisher and publisher.endswith(")") and " (" in publisher:',
        "    if False:",
        ("tests/test_render.py",),
    ),
    M(
        "answers: a fact's yes/no opening is kept when the question asks why, when or how many",
        "src/nkbot/engine/engine.py",
        "        return self._worded(result), context",
        "        return result, context",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "answers: a question opening as a yes/no one loses its answer's yes or no",
        "src/nkbot/engine/engine.py",
        "        if first in words.polar_questions:",
        "        if False:",
        ("tests/test_precise_answers.py",),
    ),
    M(
        'follow-ups: "source?" is matched as a question of its own, not the answer before shown again',
        "src/nkbot/engine/followup.py",
        "        if ctx is None or tuple(r.tokens[r.lead :]) not in self.words.sources:",
        "        if True:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: the context forgets the fact last answered",
        "src/nkbot/engine/followup.py",
        "        fact = result.fact.id if result.fact is not None else None",
        "        fact = None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a toll asked after a month's events is the count over all periods",
        "src/nkbot/engine/followup.py",
        '            return self._toll_listed(fresh, ctx.span)  # after "what happened in september 2023"',
        "            return None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a toll asked after a long span's events takes the one event stating one",
        "src/nkbot/engine/followup.py",
        "        if span.end - span.start > LISTED_TOLL_SPAN:",
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'and then' with a date of its own steps from the subject, ignoring the date",
        "src/nkbot/engine/followup.py",
        '        if r.dates is not None and not named and dated_only and r.step in ("next", "previous"):',
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'is it still ...' after an entry stating now gets an answer of the past",
        "src/nkbot/engine/followup.py",
        "                or self._now_here(fresh, reading, ctx)",
        "                or None",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a fact of a linked entry the question's own words find gives way to a third entry",
        "src/nkbot/engine/followup.py",
        "            if self._own_fact_linked(found, fresh, ctx):",
        "            if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: an overview's fact the question's own words find beats the war in context's outcome",
        "src/nkbot/engine/followup.py",
        "        if own is found or own.category == OVERVIEW:",
        "        if own is found:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'and why?' with its lead word carries the side named before, not the entry answered",
        "src/nkbot/engine/followup.py",
        "                and (not r.lead or bool(r.remainder))",
        "                and not r.lead",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'why not?' after a fact of where things stand asks why of the entry's whole subject",
        "src/nkbot/engine/followup.py",
        "asked_again = bare and kind_asked == WHY and ctx.fact is not None and intent is current",
        "asked_again = False",
        ("tests/test_conversation.py",),
    ),
    M(
        "knowledge: 'date' alone is no question word, so 'hakari bridge date' gets the corridor's lead",
        "knowledge/conversation.yaml",
        '      when: [when, whens, date, "what year",',
        '      when: [when, whens, "what year",',
        ("tests/test_engine.py",),
    ),
    M(
        "follow-ups: a person swapped into an entry about both leaders gets that person's biography",
        "src/nkbot/engine/followup.py",
        '        if kind == "swap" and current is not None and found.intent is current and not other_fact:',
        '        if kind == "swap" and current is not None and found.intent is current:',
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'and israel?' after Turkey's drones is declined as another conflict,"
        " though a linked entry is asked with it",
        "src/nkbot/engine/followup.py",
        "        if top.intent is not current and not (r.lead and top.intent.linked(current)):",
        "        if top.intent is not current:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: 'how mny chechens' after the 1990s foreign fighters is declined as the Chechen war",
        "src/nkbot/engine/followup.py",
        "        if top.intent is not current and not (r.lead and top.intent.linked(current)):",
        "        if top.intent is current or not (r.lead and top.intent.linked(current)):",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a follow-up's own ranking stops at the usual candidates ('which districts were those')",
        "src/nkbot/engine/followup.py",
        "        own = {s.intent.id: s.score for s in self.engine.ranking(asked, limit=RERANK_TOP)}",
        "        own = {s.intent.id: s.score for s in self.engine.ranking(asked)}",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a side's view after a contested question is lost"
        " when the whole-conflict subject is unsure",
        "src/nkbot/engine/followup.py",
        "        if viewpoint and found.status is not Status.ANSWERED:",
        "        if False:",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a person asked by name right after an entry that names him gets that entry again",
        "src/nkbot/engine/followup.py",
        "        return fresh.intent is not None and fresh.intent.category == PEOPLE"
        " and fresh.score >= EXACT",
        "        return False",
        ("tests/test_conversation.py",),
    ),
    M(
        "matching: phrasings sharing one other question word crowd out those sharing all of them",
        "src/nkbot/engine/matcher.py",
        "                postings = (*sorted(shared, key=lambda p: (-shared[p],"
        " self._lightest(p))), *postings)",
        "                postings = (*sorted(shared, key=self._lightest), *postings)",
        ("tests/test_engine.py",),
    ),
    M(
        "language: a Russian question with a long Latin name is answered in English",
        "src/nkbot/engine/engine.py",
        "        if words[0] != words[1]:",
        "        if False:",
        ("tests/test_translit.py",),
    ),
    M(
        "validation: a keyword that is one common word once stop words go ('right of return') is accepted",
        "src/nkbot/engine/loader.py",
        "                if others > KEYWORD_WORD_ENTRIES:\n",
        "                if False:\n",
        ("tests/test_knowledge_validation.py",),
    ),
    M(
        "normalising: a number typed onto its word ('44дневная') is read as one unknown word",
        "src/nkbot/engine/normalize.py",
        '        text = _GLUED.sub(r"\\1 \\2", text)',
        "        pass",
        ("tests/test_normalize.py",),
    ),
    M(
        "follow-ups: a present-tense question carries the year named before ('а щас война есть?' after 2020)",
        "src/nkbot/engine/followup.py",
        '            if self.engine.asks_now(fresh.normalized):  # "а щас война есть?"',
        '            if False:  # "а щас война есть?"',
        ("tests/test_conversation.py",),
    ),
    M(
        "small talk: 'how are you today' is ranked as where things stand today",
        "src/nkbot/engine/engine.py",
        "        topic = self.small_talk(normalized) if self._now_words.issuperset(words) else None",
        "        topic = self.small_talk(normalized) if not ranked else None",
        ("tests/test_engine.py",),
    ),
    M(
        "matching: a year of the entry's own is no part of its name ('2023 exodus' gets a fact)",
        "src/nkbot/engine/matcher.py",
        "                and (not dated or not self._own_year(years, when, coverage, total))\n",
        "",
        ("tests/test_engine.py",),
    ),
    M(
        "matching: any year a long entry spans counts as its own ('exchange in 2023' gets the lead)",
        "src/nkbot/engine/matcher.py",
        "if first <= when.start.year and when.end.year <= last)",
        "if first <= when.end.year and when.start.year <= last)",
        ("tests/test_engine.py",),
    ),
    M(
        "conversation: 'during it' does not point back at the time in context",
        "knowledge/conversation.yaml",
        ' "during it",\n',
        "\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a reply just shown is shown again for a question asking something else",
        "src/nkbot/engine/followup.py",
        "        return self._not_again(result, after, ctx)\n",
        "        return result, after\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: any fact asking the kind replaces the one shown, even one explaining less",
        "src/nkbot/engine/followup.py",
        "        if score < shown + AGAIN_MARGIN:\n",
        "        if False:\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "follow-ups: a fact asked again what it said is replaced",
        "src/nkbot/engine/followup.py",
        "        if not asked or (ctx.fact is not None and matcher.fact_kinds.get(ctx.fact) == asked):\n",
        "        if not asked:\n",
        ("tests/test_conversation.py",),
    ),
    M(
        "language: greetings around a question are read as words of their own ('yo who won ...')",
        "knowledge/language.yaml",
        "    yo, sup, hiya, howdy, wdym, obv, obviously,",
        "   ",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "language: 'wat' is not 'what' (a stored 'wat was the artsakh war' answers 'wat is artsakh')",
        "knowledge/language.yaml",
        "    what: [wat, wut, wht]\n",
        "",
        ("tests/test_precise_answers.py",),
    ),
    M(
        "language: 'in the first place' is read as a place",
        "knowledge/language.yaml",
        '    actually: ["in the first place", "to begin with",',
        '    actually: ["to begin with",',
        ("tests/test_precise_answers.py",),
    ),
    M(
        "matching: a phrasing naming both sides answers a question naming one as well as its own side's",
        "src/nkbot/engine/matcher.py",
        "                elif psides - sides:\n",
        "                elif False:\n",
        (
            "tests/test_conversation.py",
            "tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",
        ),
    ),
    M(
        "follow-ups: a person's name mentioned in many answers reads as a common word",
        "src/nkbot/engine/followup.py",
        "            if idf.get(t, 0.0) > GENERIC_IDF",
        "            if idf.get(t, 0.0) > 99.0",
        ("tests/test_conversation.py",),
    ),
    M(
        "matching: phrasings sharing the question's words are not taken first past 600 postings",
        "src/nkbot/engine/matcher.py",
        "SHARED_SCAN = 1000 ",
        "SHARED_SCAN = 600 ",
        ("tests/test_engine.py",),
    ),
    M(
        "offices: 'the first president of artsakh' is not its first holder",
        "src/nkbot/engine/offices.py",
        '        if last is not None:  # "самый" alone is no ordinal, but no other word either\n'
        "            return self._extreme(office, last)\n",
        "",
        ("tests/test_offices.py",),
    ),
    M(
        "language: 'planted' (mines) is read as a typo of 'planned'",
        "knowledge/language.yaml",
        "    laid: [planted]",
        "    laid: [laid down]",
        ("tests/test_conversation.py",),
    ),
    M(
        "a person's title words carried beside a subject of the question's own",
        "src/nkbot/engine/followup.py",
        "if person is not None and r.mentions and any(m.entity == person.id for m in carried):",
        "if False:",
        ("tests/test_conversation.py::test_he_beside_a_subject_of_the_questions_own_carries_only_his_name",),
    ),
    M(
        "a name reaching further does not win over an earlier shorter one",
        "src/nkbot/engine/followup.py",
        "j + _longest(tokens, j, self.entity_phrases, self.longest) > i + k\n",
        "False\n",
        ("tests/test_conversation.py::test_in_the_second_after_the_first_war_swaps_the_war",),
    ),
    M(
        "a why no fact of the entry answers is not passed to the linked entry's why",
        "src/nkbot/engine/followup.py",
        "return self._linked_why(result, after, asked) if asked == WHY else (result, after)",
        "return result, after",
        ("tests/test_conversation.py::test_a_why_the_entry_cannot_answer_is_the_linked_entrys_why",),
    ),
    M(
        "any kind no fact of the entry answers is passed to a linked entry",
        "src/nkbot/engine/followup.py",
        "return self._linked_why(result, after, asked) if asked == WHY else (result, after)",
        "return self._linked_why(result, after, asked)",
        ("tests/test_conversation.py::test_a_why_the_entry_cannot_answer_is_the_linked_entrys_why",),
    ),
    M(
        "an ordinal alone after an office question is not its first or last holder",
        "src/nkbot/engine/followup.py",
        "holder = offices.extreme_after(last, ctx.question, ctx.intent) if last is not None else None",
        "holder = None",
        ("tests/test_conversation.py::test_an_ordinal_alone_asks_the_offices_first_or_last_holder",),
    ),
    M(
        "a year carried with a person's title becomes the conversation's time",
        "src/nkbot/engine/followup.py",
        'if person and m.slot == "time" and m.entity not in named and m.entity not in before:',
        "if False:",
        ("tests/test_conversation.py::test_a_persons_title_year_is_not_the_conversations_time",),
    ),
    M(
        "'this ... thing' points back instead of bringing its own subject",
        "src/nkbot/engine/followup.py",
        "elif (t,) in self.things and not self.introduced.isdisjoint(tokens[k + 1 :]):",
        "elif False:",
        ("tests/test_conversation.py::test_this_thing_brings_its_own_subject",),
    ),
    M(
        "language: the reason for asking ('im writing an essay on') is read as the question",
        "knowledge/language.yaml",
        '"im writing an essay on", "im writing an essay about", "i am writing an essay on", '
        '"writing an essay on",',
        "",
        ("tests/test_engine.py::test_why_someone_asks_is_not_what_they_ask",),
    ),
    M(
        "offices: an ordinal inside an office's name hides the office",
        "src/nkbot/engine/offices.py",
        '            if len(kept) < len(words):\n                found = self._find_in(" ".join(kept))',
        "            pass",
        ("tests/test_offices.py::test_an_ordinal_inside_an_offices_name_still_names_it",),
    ),
    M(
        "offices: 'who came after him' walks the first office listed, not the one asked before",
        "src/nkbot/engine/offices.py",
        "        if named is not None:\n"
        "            offices = (named[1], *(o for o in offices if o is not named[1]))",
        "",
        ("tests/test_conversation.py::test_the_office_asked_before_is_the_one_walked",),
    ),
    M(
        "follow-ups: an ordinal with a side is read as that side's holder then",
        "src/nkbot/engine/followup.py",
        "        if any(offices.asks_last([t]) is not None for t in r.remainder):\n            return None",
        "",
        ("tests/test_conversation.py::test_an_ordinal_with_a_side_asks_that_sides_first_holder",),
    ),
    M(
        "follow-ups: a person's title year becomes the time when the person is shown by a step",
        "src/nkbot/engine/followup.py",
        '            mentions = tuple(m for m in mentions if m.slot != "time")',
        "            pass",
        ("tests/test_conversation.py::test_a_person_reached_by_a_step_leaves_no_time_from_their_title",),
    ),
    M(
        "follow-ups: 'key dates' asked with nothing narrower is matched as an entry, not the timeline",
        "src/nkbot/engine/followup.py",
        "        if self._whole is not None and self.words.asks_chronology(reading):",
        "        if False:",
        ("tests/test_conversation.py::test_key_dates_list_the_whole_timeline",),
    ),
    M(
        "follow-ups: a sure question about now is swapped into the one before",
        "src/nkbot/engine/followup.py",
        "            and fresh.score >= SURE_ALONE\n",
        "            and fresh.score > 1000\n",
        ("tests/test_conversation.py::test_a_sure_question_about_now_is_not_swapped_into_the_one_before",),
    ),
    M(
        "matching: a phrase score keeps the last bits of a sum whose order the hash seed picks",
        "src/nkbot/engine/matcher.py",
        "score = round(coverage * (keep + PRECISION_SHARE * capped), 9)",
        "score = coverage * (keep + PRECISION_SHARE * capped)",
        ("tests/test_cli.py::test_the_answer_does_not_depend_on_the_runs_hash_seed",),
    ),
    M(
        "offices: a word of both ordinal lists ('самым') decides first or last",
        "src/nkbot/engine/offices.py",
        "return kinds.pop() if len(kinds) == 1 else None",
        "return next(iter(ordinal)) in self._last if ordinal else None",
        ("tests/test_offices.py::test_the_very_first_holder_is_the_first",),
    ),
    M(
        "follow-ups: an answered question the entry in context explains better is not kept on it",
        "src/nkbot/engine/followup.py",
        "fresh = self._explained_here(fresh, fresh.normalized, reading, ctx) or fresh",
        "fresh = fresh",
        ("tests/test_conversation.py::test_a_follow_up_the_entry_in_context_explains_better_stays_on_it",),
    ),
    M(
        "follow-ups: an unsure question the entry in context explains is left unsure",
        "src/nkbot/engine/followup.py",
        "if not answered and found.status is not Status.AMBIGUOUS:\n            return None\n        known",
        "if not answered:\n            return None\n        known",
        ("tests/test_conversation.py::test_a_follow_up_the_entry_in_context_explains_better_stays_on_it",),
    ),
    M(
        "follow-ups: a place the conversation has not named is kept on the entry in context when explained",
        "src/nkbot/engine/followup.py",
        'if places and (r.lead or not places <= self._places_of(fact)):\n            # "а мартуни',
        'if False:\n            # "а мартуни',
        ("tests/test_conversation.py::test_a_follow_up_the_entry_in_context_explains_better_stays_on_it",),
    ),
    M(
        "follow-ups: a side's view with no fact of its own gets the entry's lead again",
        "src/nkbot/engine/followup.py",
        "fact = current.facts[k] if count else None",
        "fact = None",
        (
            "tests/test_conversation.py::test_a_sides_view_with_no_fact_of_its_own_is_the_fact_asked_in_its_words",
        ),
    ),
    M(
        "matching: a name only one fact is about ('ghazanchetsots') gets the entry's lead",
        "src/nkbot/engine/matcher.py",
        "return intent.facts[self._name_facts[pid]]",
        "pass",
        ("tests/test_precise_answers.py::test_a_name_one_fact_is_about_answers_with_that_fact",),
    ),
    M(
        "matching: another spelling of the entry's own name ('kelbadjar') is taken for one fact's name",
        "src/nkbot/engine/matcher.py",
        'continue  # the entry\'s own name, or another spelling of it: "kelbadjar"',
        "pass",
        ("tests/test_precise_answers.py::test_a_name_one_fact_is_about_answers_with_that_fact",),
    ),
    M(
        "follow-ups: a count the entry states but the words asked do not reach keeps the question on it",
        "src/nkbot/engine/followup.py",
        "return theirs >= FACT_MIN and theirs > score",
        "return False",
        ("tests/test_conversation.py::test_how_long_an_event_lasted_and_its_toll_after_it",),
    ),
    M(
        "follow-ups: the entry in context's fact is swapped back in though the found one's explains far more",
        "src/nkbot/engine/followup.py",
        "if theirs > score + REF_LEAD:",
        "if False:",
        (
            "tests/test_conversation.py::test_a_fact_of_the_entry_found_that_explains_it_far_better_is_not_swapped_back",
        ),
    ),
    M(
        "follow-ups: the other side's holder ('and armenia?') answers with the lead, not the fact asked",
        "src/nkbot/engine/followup.py",
        "                held = replace(held, fact=fact)\n        return held, context",
        "                pass\n        return held, context",
        (
            "tests/test_conversation.py::test_the_other_sides_holder_answers_with_the_fact_the_swapped_question_asks",
        ),
    ),
    M(
        "follow-ups: a bare name before ('aliyev', 'and armenia?') picks a fact of the other side's holder",
        "src/nkbot/engine/followup.py",
        '            if matcher.asked(asked):  # not after a bare "aliyev", which asked nothing',
        "            if True:",
        (
            "tests/test_conversation.py::test_the_other_sides_holder_answers_with_the_fact_the_swapped_question_asks",
        ),
    ),
    M(
        "follow-ups: a bare 'when?' drops the fact the entry's name found for another of the same kind",
        "src/nkbot/engine/followup.py",
        "            and not self._found_as_asked(found, r, kind_asked)\n",
        "            and True\n",
        ("tests/test_conversation.py::test_a_bare_question_word_keeps_the_fact_the_entrys_name_found",),
    ),
    M(
        "normalising: Armenia's captives lose their own word ('armenian pows in azerbaijan' read backwards)",
        "knowledge/language.yaml",
        '    "prisoners heldinarmenia": [',
        '    "prisoners": [',
        ("tests/test_conversation.py::test_who_holds_whom_is_not_read_backwards",),
    ),
    M(
        "follow-ups: 'and of karabakh' after a declined 'capital of armenia?' is not asked of Karabakh",
        "src/nkbot/engine/followup.py",
        "        if ctx is not None and ctx.declined:",
        "        if False:",
        ("tests/test_conversation.py::test_a_declined_question_narrowed_to_karabakh_is_answered",),
    ),
    M(
        "context: the declined question is lost on the way through JSON",
        "src/nkbot/engine/followup.py",
        '            str(data.get("declined") or ""),',
        "",
        ("tests/test_conversation.py::test_context_round_trips_through_json",),
    ),
    M(
        "follow-ups: a side named beside 'it' («россия против неё?») is declined as out of scope",
        "src/nkbot/engine/followup.py",
        '            pointing = reading.reference and all(m.slot == "party" for _, _, m in reading.mentions)',
        "            pointing = reading.reference and not reading.mentions",
        ("tests/test_conversation.py::test_a_side_asked_of_the_entry_in_context_is_no_other_topic",),
    ),
    M(
        "normalising: the country left loses its own word ('azerbaijanis fled armenia' read backwards)",
        "knowledge/language.yaml",
        _FLED_FROM,
        _FLED_FROM.replace('"fled fromazerbaijan"', '"fled azerbaijan"').replace(
            '"fled fromarmenia"', '"fled armenia"'
        ),
        ("tests/test_conversation.py::test_who_fled_where_is_not_read_backwards",),
    ),
    M(
        "follow-ups: 'it' taken for a place no one named (Fuzuli after Kalbajar)",
        "src/nkbot/engine/followup.py",
        "            if r.reference and self._unnamed_place(fresh, r, ctx):",
        "            if False:",
        (
            "tests/test_conversation.py::test_it_is_never_a_place_neither_the_question_nor_the_conversation_named",
        ),
    ),
    M(
        "normalising: a doubled consonant stays on the stem ('stopped' -> 'stopp', not 'stop')",
        "src/nkbot/engine/normalize.py",
        '            if suffix in ("ed", "ing") and _DOUBLED.search(token):',
        "            if False:",
        ("tests/test_normalize.py",),
    ),
    M(
        "follow-ups: tied entries linked to the war in context are not narrowed to the one of its time"
        " (April 2016 for the 2020 losses)",
        "src/nkbot/engine/followup.py",
        "            if len(timely) == 1:",
        "            if False:",
        (
            "tests/test_conversation.py::test_a_question_tied_between_linked_entries_takes_the_one_of_the_war_in_context",
        ),
    ),
    M(
        "follow-ups: a linked entry's fact is chosen by the question's own words, without the subject in"
        " context ('were any killed' after the peacekeepers: the overall toll)",
        "src/nkbot/engine/followup.py",
        "        if fact is None or score < STATED:\n            fact = top.fact",
        "        if True:\n            fact = top.fact",
        (
            "tests/test_conversation.py::"
            "test_a_linked_entry_asked_with_the_subject_in_context_answers_with_its_fact_on_that_subject",
        ),
    ),
    M(
        "normalising: 'armenians from azerbaijan' names no country left (the Azerbaijanis' count after it)",
        "knowledge/language.yaml",
        '    "armenians fled fromazerbaijan": ["armenians from azerbaijan", "armenians from baku"]',
        '    "armenians fled fromazerbaijan": ["armenians from baku"]',
        ("tests/test_conversation.py::test_who_fled_where_is_not_read_backwards",),
    ),
    M(
        "normalising: «тропа трампа» is not the TRIPP route",
        "knowledge/language.yaml",
        '"тропа трампа", ',
        "",
        ("tests/test_normalize.py::test_spelling_variants_fold_to_one_form",),
    ),
    M(
        "normalising: 'withdrew' and 'withdrawal' stay apart from 'withdraw'",
        "knowledge/language.yaml",
        "    withdraw: [withdrew, withdrawn, withdrawal, withdrawals, withdrawl]",
        "    withdrawx: [withdrawn, withdrawals]",
        ("tests/test_normalize.py::test_spelling_variants_fold_to_one_form",),
    ),
    M(
        "normalising: 'school project' is read as part of the question",
        "knowledge/language.yaml",
        '"school project", ',
        "",
        ("tests/test_normalize.py::test_spelling_variants_fold_to_one_form",),
    ),
    M(
        "knowledge: the permit fact is not asked 'can i visit karabakh now' (the refugees' return wins)",
        "knowledge/topics/12-after-2023.yaml",
        "            - can i visit karabakh now\n            - can i travel to karabakh now\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "follow-ups: 'what is artsakh' after a question naming Armenia swaps Artsakh in for Armenia",
        "src/nkbot/engine/followup.py",
        "        if swap and (r.lead or sided or (other and (r.reference or not self._identifies(r)))):",
        "        if swap and (r.lead or sided or other):",
        ("tests/test_conversation.py::test_what_an_entrys_own_name_is_is_asked_alone",),
    ),
    M(
        "follow-ups: 'what is nkao' after the 2020 war is read as a word of the war (no subject of its own)",
        "src/nkbot/engine/followup.py",
        "        if not r.reference and (self._defines(r) or self._identifies(r)):",
        "        if not r.reference and self._defines(r):",
        ("tests/test_conversation.py::test_what_an_entrys_own_name_is_is_asked_alone",),
    ),
    M(
        "follow-ups: the fact just shown asked of the other side ('а армяне её когда захватили') repeats it",
        "src/nkbot/engine/followup.py",
        "        return bool(asked) and bool(before) and not asked & before",
        "        return False",
        ("tests/test_conversation.py::test_the_fact_just_shown_asked_of_the_other_side_is_that_side_s_deed",),
    ),
    M(
        "follow-ups: a count asked of the other side ('а азербайджан сколько признал') flips the event",
        "src/nkbot/engine/followup.py",
        '        if fact.id != ctx.fact or self.engine.matcher.asked(" ".join(r.tokens)) in SWAPPED_ASKS:',
        "        if fact.id != ctx.fact:",
        ("tests/test_conversation.py::test_the_fact_just_shown_asked_of_the_other_side_is_that_side_s_deed",),
    ),
    M(
        "matching: asked about now, an entry that says nothing of now is still a rival of where things stand",
        "src/nkbot/engine/engine.py",
        "            rivals = [s for s in rivals if any(f.present for f in s.intent.facts)]",
        "            rivals = rivals",
        ("tests/test_engine.py::test_asked_about_now_an_entry_that_says_nothing_of_now_is_no_rival",),
    ),
    M(
        "follow-ups: 'ok then what was operation ring' walks the timeline from the subject in context",
        "src/nkbot/engine/followup.py",
        '        if own and not r.anchored and not r.inside and r.step in ("next", "previous"):',
        "        if False:",
        (
            "tests/test_conversation.py::test_then_takes_no_object_so_the_words_after_it_are_a_question_of_their_own",
        ),
    ),
    M(
        "follow-ups: 'what happened after the bishkek protocol' is read as a question, not a step from it",
        "src/nkbot/engine/followup.py",
        "                    r.anchored = self.relation(tokens[i + k - 1])",
        "                    r.anchored = False",
        (
            "tests/test_conversation.py::test_then_takes_no_object_so_the_words_after_it_are_a_question_of_their_own",
        ),
    ),
    M(
        "knowledge: «бишкекского перемирия» is no name, so the ceasefire in context answers",
        "knowledge/conversation.yaml",
        '"бишкекское перемирие",\n           "бишкекского перемирия"]',
        '"бишкекское перемирие"]',
        ("tests/test_conversation.py::test_a_ceasefire_named_by_its_adjective_is_not_the_one_in_context",),
    ),
    M(
        "follow-ups: 'on' of 'going on' asks for events, so 'and on the azeri side?' is no swap",
        "src/nkbot/engine/followup.py",
        "            elif t in stopwords and stem(t) not in self.timeline_alone:",
        "            elif t in stopwords and stem(t) not in self.timeline:",
        ("tests/test_conversation.py::test_on_a_side_asks_the_question_before_of_that_side",),
    ),
    M(
        "eval: 'к 20 годам' does not state '20 лет', so a reply that says so is only partial",
        "src/nkbot/evaluation.py",
        '    text = _YEARS_RU.sub(r"\\1 лет", text)',
        "    text = text",
        ("tests/test_cli.py::test_eval_reads_dates_as_a_reader_does_and_counts_fresh_turns",),
    ),
    M(
        "follow-ups: the entry just shown, asked by its own title ('and the gyumri base?'), repeats its lead",
        "src/nkbot/engine/followup.py",
        "        if result.fact is None and ctx.fact is not None:",
        "        if False:",
        (
            "tests/test_conversation.py::test_the_entry_just_shown_asked_by_its_own_name_answers_the_fact_its_words_ask",
        ),
    ),
    M(
        "follow-ups: 'then' with words finding the step's own entry (the 2020 war after Tovuz) is no step",
        "src/nkbot/engine/followup.py",
        "        return found if found is not None and any(s.intent is found for s in top) else None",
        "        return None",
        ("tests/test_conversation.py::test_then_with_words_that_find_the_step_s_own_entry_is_a_step",),
    ),
    M(
        "normalising: «до сих пор» no longer asks what «ещё» does («арцах до сих пор существует»)",
        "knowledge/language.yaml",
        '    еще: ["до сих пор", "по сей день", "все еще"]',
        '    еще: ["по сей день", "все еще"]',
        ("tests/test_engine.py::test_asked_about_now_an_entry_of_the_past_gives_way_to_its_present_fact",),
    ),
    M(
        "normalising: 'anymore' no longer asks what 'still' does ('does artsakh exist anymore')",
        "knowledge/language.yaml",
        "    still: [anymore]",
        "    # still: [anymore]",
        ("tests/test_engine.py::test_asked_about_now_an_entry_of_the_past_gives_way_to_its_present_fact",),
    ),
    M(
        "knowledge: what a name means carries its title ('when did it become autonomous' asks of the name)",
        "knowledge/topics/01-overview.yaml",
        '    subject: "nagorno karabakh"  # follow-ups',
        '    # subject: "nagorno karabakh"  # follow-ups',
        ("tests/test_conversation.py::test_after_what_a_name_means_it_is_the_region_named",),
    ),
    M(
        "language: where a question was heard is read as asked ('everyones talking about': talks)",
        "knowledge/language.yaml",
        '"thing talking about", "is talking about",',
        '"is talking about",',
        ("tests/test_engine.py::test_why_someone_asks_is_not_what_they_ask",),
    ),
    M(
        "knowledge: the deal that brought the peacekeepers in is not asked of the 2020 ceasefire",
        "knowledge/topics/04-2020-war.yaml",
        "            - who signed the deal that brought in the russian peacekeepers\n"
        "            - which agreement sent russian peacekeepers to karabakh and who signed it\n",
        "",
        ("tests/test_conversation.py::test_the_deal_that_brought_the_peacekeepers_in_is_the_2020_ceasefire",),
    ),
    M(
        "language: the asker's story weighs in the question ('stupid', 'grandpa', 'lots' spelt as 'lost')",
        "knowledge/language.yaml",
        "    neighbour, neighbor, mom, mum, lot, lots, dumb, stupid, silly, noob, kinda, prob,",
        "    neighbour, neighbor, mom, mum,",
        ("tests/test_engine.py::test_the_askers_own_story_is_no_word_of_the_question",),
    ),
    M(
        "scope: thanks for the help are read as a question about help ('thanks, that helped a lot')",
        "knowledge/scope.yaml",
        ",\n           thanks that helped, that helped a lot, thanks this helped, "
        "that was helpful thanks, thanks very helpful]",
        "]",
        ("tests/test_engine.py::test_the_askers_own_story_is_no_word_of_the_question",),
    ),
    M(
        "validation: the same words asking different kinds collide ('who started it' / 'when did it start')",
        "src/nkbot/engine/loader.py",
        "        key = (lang, words, kinds.of(normalized))",
        '        key = (lang, words, "")',
        ("tests/test_knowledge_validation.py::test_the_same_words_asking_another_kind_are_another_question",),
    ),
    M(
        "knowledge: 'who started it all in karabakh' is not asked of who started (the overview answers)",
        "knowledge/topics/09-contested.yaml",
        "        - who started all this in karabakh\n",
        "",
        (
            "tests/test_precise_answers.py::test_a_neutral_question_on_who_started_is_not_answered_with_one_side",
        ),
    ),
    M(
        "knowledge: why Armenia gave up Karabakh is not asked of its stated reason",
        "knowledge/topics/09-contested.yaml",
        "            - why did pashinyan give karabakh away\n",
        "",
        ("tests/test_precise_answers.py::test_why_armenia_gave_up_karabakh_is_its_stated_reason",),
    ),
    M(
        "knowledge: Aliyev's vote share is not asked of his elections",
        "knowledge/topics/08-people.yaml",
        "            - сколько процентов набрал алиев на выборах\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "knowledge: the Bishkek ceasefire (not protocol) is not asked of its signatories",
        "knowledge/topics/02-soviet-and-first-war.yaml",
        "            - кто подписал бишкекское перемирие\n"
        "            - чьи подписи под бишкекским перемирием\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "knowledge: the Karabakh Committee has no fact of its own (the lead speaks only of the vote)",
        "knowledge/topics/02-soviet-and-first-war.yaml",
        (
            "      - id: committee\n"
            "        questions:\n"
            "          en:\n"
            "            - what was the karabakh committee\n"
            "            - karabakh committee 1988 who were they\n"
            "            - who led the karabakh movement\n"
            "            - who was in the karabakh committee\n"
            "            - who were the leaders of the 1988 protests in yerevan\n"
            "            - what did the karabakh committee do\n"
            "          ru:\n"
            "            - что такое комитет карабах\n"
            "            - комитет карабах 1988 кто это\n"
            "            - кто возглавлял карабахское движение\n"
            "            - кто входил в комитет карабах\n"
            "            - кто руководил митингами в ереване в 1988\n"
            "            - чем занимался комитет карабах\n"
            "        answer:\n"
            '          en: "A group of Armenian intellectuals, Levon Ter-Petrosyan among'
            " them, who led the 1988 movement to join Karabakh to Armenia. Soviet"
            " authorities held them from 11 December 1988, after the Spitak earthquake, to"
            ' 31 May 1989."\n'
            '          ru: "Группа армянских интеллектуалов, среди них Левон Тер-Петросян,'
            " возглавившая движение 1988 года за присоединение Карабаха к Армении. Советские"
            " власти держали их под арестом с 11 декабря 1988 года, после Спитакского"
            ' землетрясения, по 31 мая 1989 года."\n'
            "        sources: [s2-wiki-karabakh-committee]\n"
        ),
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "knowledge: whether Russia will leave Gyumri is not asked of the base's fact",
        "knowledge/topics/11-actors.yaml",
        "            - will russia leave gyumri\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "language: 'a lie' is read as a place lying somewhere (the official number is a lie: geography)",
        "knowledge/language.yaml",
        '    fake: ["a lie", "all lies", lies, liar, liars]',
        '    # fake: ["a lie", "all lies", lies, liar, liars]',
        ("tests/test_conversation.py::test_doubting_the_answer_asks_about_it_again",),
    ),
    M(
        "knowledge: why Armenia attacked is asked in Russian only of the September 2022 clashes",
        "knowledge/topics/09-contested.yaml",
        "        - зачем армения напала на азербайджан\n        - почему азербайджан напал на армению\n",
        "",
        ("tests/test_precise_answers.py::test_why_one_side_attacked_gets_both_sides_charges",),
    ),
    M(
        "knowledge: how many prisoners Baku holds is not asked of the count now",
        "knowledge/topics/06-peace-process.yaml",
        "            - number of armenian prisoners held by baku\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "knowledge: Artsakh's leadership in exile is not marked as where things stand now",
        "knowledge/topics/05-2021-2024.yaml",
        "        sources: [s5-mirrorspec-lefigaro-2024, s5-massis-annul, s5-alarabiya-dissolve]\n"
        "        present: true\n",
        "        sources: [s5-mirrorspec-lefigaro-2024, s5-massis-annul, s5-alarabiya-dissolve]\n",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "Armenia's defence minister in 1992 asked of Vazgen Sargsyan's fact",
        "knowledge/topics/08-people.yaml",
        '            - "who was armenia\'s defence minister when shusha fell in 1992"\n'
        "            - armenian defence minister in 1992\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "a follow-up back at the entry in context that states no fact of its kind stays there",
        "src/nkbot/engine/followup.py",
        "        if found is current and self._states_kind(current, fresh.normalized):\n"
        "            return False\n"
        "        return own.linked(current)",
        "        if found is current:\n            return False\n        return own.linked(current)",
        (
            "tests/test_conversation.py::test_a_follow_up_of_a_kind_the_entry_in_context_never_states_is_the_linked_entrys",
        ),
    ),
    M(
        "the refugees' entry not linked to the ethnic-cleansing question",
        "knowledge/topics/09-contested.yaml",
        "related: [exodus-2023, refugees-in-armenia-2023, september-2023-offensive",
        "related: [exodus-2023, september-2023-offensive",
        (
            "tests/test_conversation.py::test_a_follow_up_of_a_kind_the_entry_in_context_never_states_is_the_linked_entrys",
        ),
    ),
    M(
        "the constitution demand asked without Bayramov's name",
        "knowledge/topics/06-peace-process.yaml",
        "            - must armenia change its constitution before the signing\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "a linked question of no time gives way to a linked entry near in time",
        "src/nkbot/engine/followup.py",
        "        top = linked[0] if timeless else",
        "        top = linked[0] if False else",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "Maraga not linked to the genocide question",
        "knowledge/topics/02-soviet-and-first-war.yaml",
        "related: [khojaly-massacre, operation-goranboy, contested-genocide-claims]",
        "related: [khojaly-massacre, operation-goranboy]",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "deeds in Latin letters give Russian away",
        "knowledge/language.yaml",
        "              obstrelivali, obstrelyali, obstrel, bombili,",
        "              obstrelyali, obstrel,",
        ("tests/test_translit.py::test_a_question_typed_in_latin_letters_is_answered_in_russian",),
    ),
    M(
        "returns to other towns asked of Aghdam",
        "knowledge/topics/12-after-2023.yaml",
        "            - is azerbaijan moving people back to other towns as well\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "'and then everyone left' not asked of the exodus",
        "knowledge/topics/05-2021-2024.yaml",
        "            - and then everyone left karabakh?\n",
        "",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "'before that' closing a question carries the subject",
        "src/nkbot/engine/followup.py",
        "            elif (t,) in self.reference and r.remainder and k > 0 and self.relation(tokens[k - 1]):",
        "            elif False:",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "whether the mosque stands asked of Aghdam's nickname",
        "knowledge/topics/07-places.yaml",
        "            - what survived in aghdam\n",
        "            - what survived in aghdam\n            - is the mosque still standing\n",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "why one leader got no life term asked of the trials of all",
        "knowledge/topics/13-more-people.yaml",
        "            - why didnt sahakyan get life like the others\n",
        "",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "Russian troops in Armenia asked of the peacekeepers",
        "knowledge/topics/11-actors.yaml",
        "            - are russian troops still in armenia\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "the peacekeepers' inaction in 2023 not asked of their role then",
        "knowledge/topics/05-2021-2024.yaml",
        "            - peacekeepers did nothing in sept 2023?\n"
        "            - why did the russian peacekeepers not stop the azerbaijani offensive\n",
        "            - peacekeepers did nothing in sept 2023?\n",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "Mardakert in the 90s asked of Operation Goranboy",
        "knowledge/topics/07-places.yaml",
        "            - did azerbaijan hold mardakert in the 90s\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "when Ramadan is not declined",
        "knowledge/scope.yaml",
        ", when is ramadan",
        "",
        ("tests/test_conversation.py::test_the_calendar_asked_after_an_answer_is_declined",),
    ),
    M(
        "where those who fled live asked of the region now",
        "knowledge/topics/12-after-2023.yaml",
        "            - where do those who fled live now\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "When Karabakh was given to Azerbaijan asked of the 1921 decision",
        "knowledge/topics/02-soviet-and-first-war.yaml",
        "            - когда карабах отдали азербайджану\n"
        "            - когда нк передали азербайджану\n"
        "            - с какого года карабах в составе азербайджана\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "What the UN said of Kalbajar asked of Resolution 822",
        "knowledge/topics/02-soviet-and-first-war.yaml",
        "            - что сказала оон про кельбаджар\n",
        "",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "What Vardanyan did in Artsakh asked of his office",
        "knowledge/topics/08-people.yaml",
        "            - что варданян делал в арцахе\n",
        "",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "Whether Artsakh was dissolved asked of the decree",
        "knowledge/topics/05-2021-2024.yaml",
        "        - арцах распустили?\n",
        "",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "How many left, asked plainly, of the exodus's count",
        "knowledge/topics/05-2021-2024.yaml",
        "            - сколько народу уехало всего\n",
        "",
        ("tests/test_conversation.py::test_follow_ups",),
    ),
    M(
        "An overview of a category split by period swaps to the period's entry",
        "src/nkbot/engine/followup.py",
        "        return len(self._periodic_in.get(intent.category, ())) >= 2",
        "        return False",
        (
            "tests/test_conversation.py::test_a_new_period_after_the_count_over_all_periods_is_that_period_s_count",
        ),
    ),
    M(
        "A war named is not a fact of the entry in context",
        "src/nkbot/engine/followup.py",
        '            return None  # a war or era not named before: "how many in the first war" after the'
        " deadliest\n",
        "            pass\n",
        ("tests/test_conversation.py::test_a_war_named_is_not_one_of_the_facts_of_the_entry_in_context",),
    ),
    M(
        "A step agrees with the question's words without the step",
        "src/nkbot/engine/followup.py",
        '            top += self.engine.ranking(" ".join(r.remainder))[:STEP_AGREES]\n',
        "            pass\n",
        ("tests/test_conversation.py::test_a_step_agrees_with_the_words_of_the_question_without_the_step",),
    ),
    M(
        "A misspelt 'historically' read as the word meant",
        "knowledge/language.yaml",
        "    historically: [historicaly, historicly, histoically, historiclly]\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "The Washington peace deal asked of the summit",
        "knowledge/topics/06-peace-process.yaml",
        "        - washington peace deal august 2025\n",
        "",
        ("tests/test_engine.py::test_words_are_read_as_people_mean_them",),
    ),
    M(
        "Armenia's population and Georgia's protests declined",
        "knowledge/scope.yaml",
        "           population of armenia in 2026, armenia population 2026, protests in georgia,"
        " protesting in georgia, georgia protests tbilisi,\n",
        "",
        (
            "tests/test_engine.py::test_out_of_scope_is_not_answered",
            "tests/test_engine.py::test_a_country_the_answer_never_speaks_of_is_another_topic",
        ),
    ),
    M(
        "An entry's own name holding a side's name is no side alone",
        "src/nkbot/engine/followup.py",
        "        if self._identifies(r):\n"
        '            return False  # "what is western azerbaijan": the side\'s name is part'
        " of an entry's own\n",
        "",
        ("tests/test_conversation.py::test_an_entry_s_own_name_holding_a_side_s_name_is_no_side_alone",),
    ),
    M(
        "A greeting after 'по азербайджански' is a translation",
        "knowledge/language.yaml",
        '                                   "по азербайджански спасибо", "по азербайджански привет",'
        ' "по азербайджански пока",\n',
        "",
        ("tests/test_conversation.py::test_a_greeting_put_into_a_language_is_declined_a_place_name_is_not",),
    ),
    M(
        "Whether Armenia itself fought asked of its role among the parties",
        "knowledge/topics/01-overview.yaml",
        "            - армения сама воевала в первую войну или только карабахские армяне\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "Other wars and bodies asked in Russian declined",
        "knowledge/scope.yaml",
        "кто признал абхазию кроме россии, признание абхазии и южной осетии, как"
        " работает генеральная ассамблея оон, сколько погибло в сирийской войне,",
        "кто признал абхазию кроме россии, признание абхазии и южной осетии,",
        ("tests/test_engine.py::test_out_of_scope_is_not_answered",),
    ),
    M(
        "'Gasoline' read as petrol",
        "knowledge/language.yaml",
        '    petrol: [gasoline, gasolene, gasolin]  # "gasoline explosion karabakh" is'
        " the fuel depot blast\n",
        "",
        ("tests/test_engine.py::test_words_are_read_as_people_mean_them",),
    ),
    M(
        "Another entry's own phrasing is asked as if alone",
        "src/nkbot/engine/followup.py",
        "        if not marked and fresh.intent is not found and fresh.score >= EXACT:\n",
        "        if False:\n",
        ("tests/test_conversation.py::test_another_entry_s_own_phrasing_is_asked_as_if_alone",),
    ),
    M(
        "The March 2008 crackdown is a fact of Kocharyan's",
        "knowledge/topics/08-people.yaml",
        "            - how many died in the march 2008 protests in yerevan\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "How many are jailed in Baku asked of the detainees' count",
        "knowledge/topics/06-peace-process.yaml",
        "            - how many armenians are still jailed in baku\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "it-after-year-not-named",
        "src/nkbot/engine/followup.py",
        "                dated_it = intent\n",
        "                dated_it = None\n",
        (
            "tests/test_conversation.py::test_it_names_the_entry_in_context_not_only_the_year_its_question_gave",
        ),
    ),
    M(
        "it-after-year-even-on-subject",
        "src/nkbot/engine/followup.py",
        "        if dated_it is not None and (found.intent is None or not"
        " self._on_subject(found.intent, ctx)):",
        "        if dated_it is not None and (found.status is not Status.ANSWERED or"
        " found.intent is not dated_it):",
        (
            "tests/test_conversation.py::test_it_names_the_entry_in_context_not_only_the_year_its_question_gave",
        ),
    ),
    M(
        "change-of-subject-words-asked",
        "knowledge/language.yaml",
        '"different thing", "different question", "new question", "new q", "new topic",',
        '"different question", "new question", "new q",',
        ("tests/test_conversation.py::test_a_change_of_subject_announced_is_no_word_of_the_question",),
    ),
    M(
        "nakhchivan-no-place",
        "knowledge/conversation.yaml",
        "      en: [nakhchivan, nakhichevan, nakhchevan, nakhijevan]",
        "      en: [nakhichevan, nakhchevan, nakhijevan]",
        ("tests/test_conversation.py::test_a_change_of_subject_announced_is_no_word_of_the_question",),
    ),
    M(
        "ru-dropped-pronoun-ignored",
        "src/nkbot/engine/followup.py",
        "            r.reference = r.personal = r.human = True",
        "            r.reference = r.personal = r.human = False",
        ("tests/test_conversation.py::test_russian_follow_ups_say_without_a_pronoun_whom_and_why_they_ask",),
    ),
    M(
        "ru-mainly-a-word",
        "knowledge/language.yaml",
        "    главное, основное, основном,",
        "    главное, основное,",
        ("tests/test_conversation.py::test_russian_follow_ups_say_without_a_pronoun_whom_and_why_they_ask",),
    ),
    M(
        "ru-from-what-no-why",
        "knowledge/language.yaml",
        'отчего, "от чего", "из за чего"',
        'отчего, "из за чего"',
        ("tests/test_conversation.py::test_russian_follow_ups_say_without_a_pronoun_whom_and_why_they_ask",),
    ),
    M(
        "blockade-short-of-no-phrasing",
        "knowledge/topics/05-2021-2024.yaml",
        "            - чего не хватало в карабахе во время блокады\n"
        "            - каких продуктов не хватало в степанакерте\n",
        "",
        ("tests/test_conversation.py::test_russian_follow_ups_say_without_a_pronoun_whom_and_why_they_ask",),
    ),
    M(
        "after-context-not-checked",
        "src/nkbot/engine/followup.py",
        "        return later and was is not None and now is not None and was.end < now.start",
        "        return False",
        ("tests/test_conversation.py::test_a_follow_up_the_entry_in_context_explains_better_stays_on_it",),
    ),
    M(
        "place-named-by-fact-still-own",
        "src/nkbot/engine/followup.py",
        "        if places and (r.lead or not places <= self._places_of(fact)):",
        "        if places:",
        ("tests/test_conversation.py::test_a_follow_up_the_entry_in_context_explains_better_stays_on_it",),
    ),
    M(
        "place-lead-not-swapped",
        "src/nkbot/engine/followup.py",
        "        if places and (r.lead or not places <= self._places_of(fact)):",
        "        if places and not places <= self._places_of(fact):",
        ("tests/test_conversation.py::test_a_follow_up_the_entry_in_context_explains_better_stays_on_it",),
    ),
    M(
        "sided-sure-alone-carried",
        "src/nkbot/engine/followup.py",
        "                and fresh.score >= SIDED_ALONE",
        "                and fresh.score >= 1000",
        (
            "tests/test_conversation.py::test_a_side_and_words_its_own_entry_answers_surely_are_asked_as_if_alone",
        ),
    ),
    M(
        "sided-sure-alone-any-fact",
        "src/nkbot/engine/followup.py",
        "                if score < FACT_MIN:\n                    return False",
        "                if score < 0:\n                    return False",
        (
            "tests/test_conversation.py::test_a_side_and_words_its_own_entry_answers_surely_are_asked_as_if_alone",
        ),
    ),
    M(
        "sided-sure-alone-with-it",
        "src/nkbot/engine/followup.py",
        "                and not (elliptical or generic or r.reference or r.lead)",
        "                and not (elliptical or generic)",
        (
            "tests/test_conversation.py::test_a_side_and_words_its_own_entry_answers_surely_are_asked_as_if_alone",
        ),
    ),
    M(
        "pashinyan-jail-phrasing",
        "knowledge/topics/08-people.yaml",
        "            - пашинян сейчас в тюрьме или у власти\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "artsakh-boss-phrasing",
        "knowledge/topics/05-2021-2024.yaml",
        "            - кто теперь главный у арцаха\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "armenians-left-now-phrasing",
        "knowledge/topics/01-overview.yaml",
        "            - how many armenians still live in karabakh now\n",
        "",
        ("tests/test_precise_answers.py::test_questions_users_asked_in_probes_get_their_fact",),
    ),
    M(
        "armenia-occupied-not-its-land",
        "knowledge/language.yaml",
        '    "occupying armenianland": ["occupying armenia", "occupy armenia", "occupied'
        ' armenia", "occupies armenia"]\n',
        "",
        ("tests/test_engine.py::test_words_are_read_as_people_mean_them",),
    ),
    M(
        "ru-armenia-occupied-not-its-land",
        "knowledge/language.yaml",
        '    "оккупирует armenianland": ["оккупирует армению", "оккупировал армению",'
        ' "оккупировали армению", "оккупировать армению"]\n',
        "",
        ("tests/test_engine.py::test_words_are_read_as_people_mean_them",),
    ),
]


def run_one(mutation: Mutation, workdir: Path) -> tuple[bool, float, str]:
    """(caught, seconds, detail) for one mutation planted in a fresh copy of the project."""
    copy = workdir / "project"
    if copy.exists():
        shutil.rmtree(copy)
    for part in ("src", "tests", "knowledge", "eval", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / part)
    target = copy / mutation.file
    text = target.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        return False, 0.0, f"the text to change occurs {text.count(mutation.old)} times in {mutation.file}"
    target.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(copy / "src")}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *mutation.tests],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    took = time.monotonic() - started
    last = (proc.stdout.strip().splitlines() or [""])[-1]
    return proc.returncode != 0, took, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the mutations whose name contains this text")
    parser.add_argument("--write", type=Path, help="write the results as a Markdown table to this file")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or args.only in m.name]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mutation in chosen:
            caught, took, detail = run_one(mutation, Path(tmp))
            verdict = "caught" if caught else "SURVIVED"
            print(f"{verdict:8} {took:6.1f} s  {mutation.name}  [{detail}]", flush=True)
            rows.append((mutation, verdict, took, detail))
    survived = [m for m, v, _, _ in rows if v != "caught"]
    print(f"{len(rows) - len(survived)} of {len(rows)} planted bugs caught")
    if args.write:
        lines = [
            "# Planted bugs and the tests that catch them",
            "",
            f"`python tests/mutations.py` (measured {time.strftime('%Y-%m-%d')}): "
            f"{len(rows) - len(survived)} of {len(rows)} caught.",
            "",
            "| behaviour broken | caught | by | seconds |",
            "|---|---|---|---|",
        ]
        lines += [f"| {m.name} | {v} | {', '.join(m.tests)} | {t:.0f} |" for m, v, t, _ in rows]
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main())
