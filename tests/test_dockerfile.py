"""No container engine runs here: check that what the Dockerfile copies and runs exists."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_copied_paths_exist() -> None:
    sources = []
    for line in DOCKERFILE.splitlines():
        if line.startswith("COPY") and "--from=" not in line:
            parts = line.split()[1:]
            sources += parts[:-1]
    assert sources, "the Dockerfile copies nothing"
    for src in sources:
        assert (ROOT / src).exists(), f"Dockerfile copies {src}, which is not in the repo"


def test_command_is_the_installed_console_script() -> None:
    cmd = re.search(r'^CMD \["([^"]+)", "([^"]+)"\]', DOCKERFILE, re.MULTILINE)
    assert cmd is not None
    assert cmd.groups() == ("nkbot", "run")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'nkbot = "nkbot.cli:main"' in pyproject


def test_runs_as_non_root_with_knowledge_and_data_volume() -> None:
    assert re.search(r"^USER (?!root|0\b)\S+", DOCKERFILE, re.MULTILINE)
    assert "NKBOT_KNOWLEDGE_DIR=/app/knowledge" in DOCKERFILE
    assert 'VOLUME ["/data"]' in DOCKERFILE and "NKBOT_DATABASE=/data/" in DOCKERFILE


def test_knowledge_dir_in_image_validates_as_copied(tmp_path: pytest.TempPathFactory) -> None:
    """The image runs `nkbot run` from /app/knowledge: the copied folder must load on its own."""
    dest = tmp_path / "app" / "knowledge"  # type: ignore[operator]
    shutil.copytree(ROOT / "knowledge", dest)
    out = subprocess.run(
        [sys.executable, "-m", "nkbot", "validate", str(dest)], capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == 0, out.stdout
