"""Shared fixtures: the seed report (the yardstick of real size) and a clean environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_JSON = ROOT.parent / "shared" / "seed" / "report-2023.json"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path_factory):
    """Vietnamese messages, and user data (backups, settings) in a temporary folder."""
    monkeypatch.setenv("HGREPORT_LANG", "vi")
    monkeypatch.setenv("HGREPORT_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    monkeypatch.setenv("HGREPORT_AUTHOR", "Người thử")


@pytest.fixture
def seed_report():
    from hgreport.interchange import load_report_json

    if not SEED_JSON.exists():
        pytest.fail(f"seed report missing at {SEED_JSON}")
    return load_report_json(SEED_JSON)


@pytest.fixture
def seed_db(tmp_path, seed_report):
    from hgreport.storage import ReportStore

    path = tmp_path / "report.db"
    ReportStore.create(path, seed_report, author="Người tạo").close()
    return path
