"""The query log: every question asked, pseudonymised, in SQLite; and the maintainers' analytics."""

from nkbot.querylog.records import Feedback, QueryRecord, pseudonym
from nkbot.querylog.store import QueryLog

__all__ = ["Feedback", "QueryLog", "QueryRecord", "pseudonym"]
