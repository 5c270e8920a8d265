"""Paths of the sample reports and their gold annotations, for parametrised tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[1] / "data"
CORPUS = DATA / "corpus"
GOLD = DATA / "gold"
SAMPLES = sorted(p.name for p in CORPUS.glob("*.txt"))


def gold_for(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLD / name.replace(".txt", ".json")).read_text("utf-8"))
    return data
