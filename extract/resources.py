"""Loaders for the domain knowledge kept as data files in ``extract/resources/``."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import NamedTuple


class Region(NamedTuple):
    name: str  # 重庆市
    short: str  # 重庆
    abbreviations: tuple[str, ...]  # 渝


def _read(name: str) -> str:
    return resources.files("extract").joinpath("resources", name).read_text(encoding="utf-8")


def _data_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-word-per-line resource, comments and blank lines dropped."""
    return tuple(ln.strip() for ln in _data_lines(_read(name)))


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated resource with a header row, comments dropped."""
    return tuple(csv.DictReader(_data_lines(_read(name)), delimiter="\t"))


@cache
def provinces() -> tuple[Region, ...]:
    """The province-level divisions with their short names and abbreviations."""
    return tuple(
        Region(row["name"], row["short"], tuple(row["abbreviations"].split(",")))
        for row in table("regions.tsv")
    )
