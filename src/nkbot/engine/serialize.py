"""JSON shapes of results and of the knowledge base: the stable contract for tools and tests."""

from __future__ import annotations

from typing import Any

from nkbot.engine.engine import Result
from nkbot.engine.model import DEFAULT_LANG, Fact, Intent, KnowledgeBase, Source, pick
from nkbot.engine.render import render_result, reply_for


def source_json(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"title": source.title, "url": source.url}
    if source.publisher:
        data["publisher"] = source.publisher
    if source.date:
        data["date"] = source.date
    return data


def result_json(kb: KnowledgeBase, result: Result) -> dict[str, Any]:
    intent = result.intent
    reply = reply_for(intent, result.lang, result.fact) if intent else None
    data: dict[str, Any] = {
        "question": result.question,
        "status": result.status.value,
        "intent": intent.id if intent else None,
        "fact": result.fact.id if result.fact else None,
        "score": result.score,
        "text": render_result(kb, result),
        "details": pick(intent.answer, result.lang) if intent else None,
        "sources": [source_json(s) for s in reply.sources] if reply else [],
        "suggestions": [
            {"intent": s.intent.id, "title": pick(s.intent.title, result.lang), "score": s.score}
            for s in result.suggestions
        ],
        "reason": result.reason.value if result.reason else None,
        "lang": result.lang,
    }
    if result.span is not None:  # a date question: the events then, in order
        data["span"] = result.span.text
        data["events"] = [
            {
                "intent": i.id,
                "title": pick(i.title, result.lang),
                "when": i.when.text if i.when else None,
                "sources": [source_json(s) for s in i.sources],
            }
            for i in result.events
        ]
        if not intent:
            data["sources"] = [source_json(i.sources[0]) for i in result.events]
    if result.followup is not None:  # read against the conversation before it
        data["followup"] = result.followup
        data["understood"] = result.understood
    return data


def fact_json(fact: Fact, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    return {
        "id": fact.id,
        "questions": list(fact.questions.get(lang) or fact.questions.get(DEFAULT_LANG, ())),
        "answer": pick(fact.answer, lang),
        "sources": [source_json(s) for s in fact.sources],
        "present": fact.present,
    }


def intent_json(intent: Intent, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    return {
        "id": intent.id,
        "title": pick(intent.title, lang),
        "category": intent.category,
        "questions": list(intent.questions.get(lang) or intent.questions.get(DEFAULT_LANG, ())),
        "keywords": list(intent.keywords.get(lang) or intent.keywords.get(DEFAULT_LANG, ())),
        "short": pick(intent.short, lang),
        "answer": pick(intent.answer, lang),
        "facts": [fact_json(f, lang) for f in intent.facts],
        "sources": [source_json(s) for s in intent.sources],
        "related": list(intent.related),
        "when": intent.when.text if intent.when else None,
        "reviewed": intent.reviewed,
        "languages": sorted(intent.answer),
    }


def knowledge_json(kb: KnowledgeBase, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    return {
        "lang": lang,
        "categories": [{"id": c.id, "title": pick(c.title, lang)} for c in kb.categories],
        "intents": [intent_json(i, lang) for i in kb.intents],
    }
