"""The knowledge in service, replaced only by a version that validates.

Maintainers edit knowledge/ while the bot runs; `reload()` (admin /reload, SIGHUP, or the file
watcher) loads the new version and swaps it in whole. A version with errors never replaces the
one in service: the errors go back to whoever asked, and the bot keeps answering.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from nkbot.charts import ChartRenderer, load_charts
from nkbot.engine import Engine, Problem, Thresholds, load

log = logging.getLogger("nkbot.live")


def snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the knowledge files: cheap change detection."""
    files = []
    for path in sorted(root.rglob("*.yaml")):
        try:
            st = path.stat()
        except OSError:
            continue
        files.append((str(path.relative_to(root)), st.st_size, st.st_mtime_ns))
    return tuple(files)


class LiveKnowledge:
    def __init__(self, root: Path, engine: Engine, thresholds: Thresholds | None = None) -> None:
        self.root = root
        self.engine = engine
        self.thresholds = thresholds or engine.thresholds
        self.version = 1
        self.last_problems: list[Problem] = []
        self._seen = snapshot(root)
        self._lock = threading.Lock()
        self.charts = self._charts_for(engine)

    def _charts_for(self, engine: Engine) -> ChartRenderer:
        """The pictures of a knowledge version, with an empty cache; broken charts are left out."""
        book, problems = load_charts(self.root, engine.kb)
        for problem in problems:
            if problem.severity == "error":
                log.error("chart left out: %s", problem)
        return ChartRenderer(book, engine.kb)

    def changed(self) -> bool:
        return snapshot(self.root) != self._seen

    def reload(self) -> tuple[bool, list[Problem]]:
        """(True, warnings) when the new version is in service; (False, problems) when it was refused."""
        with self._lock:
            seen = snapshot(self.root)
            kb, problems = load(self.root)
            self._seen = seen
            self.last_problems = problems
            if kb is None:
                errors = [p for p in problems if p.severity == "error"]
                log.error(
                    "knowledge reload refused: %d error(s); still serving version %d",
                    len(errors),
                    self.version,
                )
                for problem in errors[:20]:
                    log.error("  %s", problem)
                return False, problems
            engine = Engine(kb, self.thresholds)
            self.charts = self._charts_for(engine)  # read with the knowledge, not on a first answer
            self.engine = engine
            self.version += 1
            log.info("knowledge reloaded: version %d, %d entries", self.version, len(kb.intents))
            return True, problems
