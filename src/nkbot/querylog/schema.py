"""Schema versions, applied in order; `PRAGMA user_version` records how far a database got.

Never edit a released step: add a new one. An older database opens with a newer release and is
brought forward, keeping every row.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the first release: questions only.
    """
    CREATE TABLE queries (
        id INTEGER PRIMARY KEY,
        ts REAL NOT NULL,
        interface TEXT NOT NULL,
        chat_type TEXT,
        user_key TEXT,
        lang TEXT,
        question TEXT NOT NULL,
        normalized TEXT,
        outcome TEXT NOT NULL,
        intent TEXT,
        score REAL
    );
    CREATE INDEX queries_ts ON queries (ts);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: latency, a reference per answer, and the users' votes on answers.
    """
    ALTER TABLE queries ADD COLUMN latency_ms REAL;
    ALTER TABLE queries ADD COLUMN ref TEXT;
    CREATE UNIQUE INDEX queries_ref ON queries (ref);
    CREATE INDEX queries_outcome ON queries (outcome, ts);
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        ts REAL NOT NULL,
        ref TEXT NOT NULL,
        user_key TEXT,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1))
    );
    CREATE INDEX feedback_ref ON feedback (ref);
    """,
)

VERSION = len(MIGRATIONS)

INSERT_QUERY = (
    "INSERT OR IGNORE INTO queries (ts, interface, chat_type, user_key, lang, question, normalized, outcome,"
    " intent, score, latency_ms, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_FEEDBACK = "INSERT INTO feedback (ts, ref, user_key, vote) VALUES (?, ?, ?, ?)"
PURGE = ("DELETE FROM queries WHERE ts < ?", "DELETE FROM feedback WHERE ts < ?")


def steps(current: int, target: int = VERSION) -> list[tuple[int, str]]:
    """The migrations that bring a database at `current` to `target`."""
    if current > VERSION:
        raise RuntimeError(f"the database is at schema {current}, newer than this release ({VERSION})")
    return [(n + 1, MIGRATIONS[n]) for n in range(current, target)]
