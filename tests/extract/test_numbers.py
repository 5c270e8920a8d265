"""Numbers as reports write them, and glued digit runs split only when unambiguous."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.digit_runs import Group, split_digit_run
from extract.numbers import parse_arabic, parse_chinese, parse_number, plain, scale_of


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十三", 23),
        ("两", 2),
        ("三百零五", 305),
        ("一千零一", 1001),
        ("一万二千", 12000),
        ("十万", 100000),
        ("一亿二千万", 120000000),
        ("百", 100),
        ("零", 0),
        ("贰拾", 20),
    ],
)
def test_chinese_numeral_gives_its_value(text: str, value: int) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["二三", "万", "二〇一二", "", "十八大"])
def test_what_is_not_a_chinese_number_gives_none(text: str) -> None:
    assert parse_chinese(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234", "1234"),
        ("1,234", "1234"),
        ("1,234.5", "1234.5"),
        ("１２３", "123"),
        ("-18", "-18"),
        ("105.95", "105.95"),
    ],
)
def test_arabic_number_gives_its_value(text: str, value: str) -> None:
    assert parse_arabic(text) == Decimal(value)


@pytest.mark.parametrize("text", ["12,34", "1.2.3", "12a", ""])
def test_malformed_arabic_number_gives_none(text: str) -> None:
    assert parse_arabic(text) is None


def test_parse_number_reads_either_script() -> None:
    assert parse_number("四") == 4
    assert parse_number("４") == 4


@pytest.mark.parametrize(
    ("word", "factor"), [("", 1), ("万", 10000), ("亿", 10**8), ("百万", 10**6)]
)
def test_scale_words_multiply(word: str, factor: int) -> None:
    assert scale_of(word) == factor


def test_scaled_values_are_plain_numbers() -> None:
    assert str(plain(Decimal("105.95") * 10000)) == "1059500"
    assert str(plain(Decimal("5949.088667") * 10000)) == "59490886.67"
    assert str(plain(Decimal("73802895.90"))) == "73802895.9"


TABLE3 = (Group(7, summed=True),)
TABLE4 = (Group(5, summed=True),) * 3


@pytest.mark.parametrize(
    ("run", "cells"),
    [
        ("200000121", (20, 0, 0, 0, 0, 1, 21)),
        ("0000000", (0, 0, 0, 0, 0, 0, 0)),
        ("800000080", (80, 0, 0, 0, 0, 0, 80)),
    ],
)
def test_glued_table3_row_splits_by_its_total(run: str, cells: tuple[int, ...]) -> None:
    assert split_digit_run(run, TABLE3) == cells


def test_glued_table4_row_splits_by_its_three_totals() -> None:
    assert split_digit_run("110024001510102", TABLE4) == (
        1,
        1,
        0,
        0,
        2,
        4,
        0,
        0,
        1,
        5,
        1,
        0,
        1,
        0,
        2,
    )


@pytest.mark.parametrize(
    "run",
    [
        "220000022",  # 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22
        "12345",  # too short for seven cells
        "1234567",  # 1+2+3+4+5+6 is not 7
    ],
)
def test_run_with_no_single_reading_is_left_alone(run: str) -> None:
    assert split_digit_run(run, TABLE3) is None


def test_unsummed_cells_split_only_without_leading_zeros() -> None:
    three = (Group(1, summed=False),) * 3
    assert split_digit_run("007", three) == (0, 0, 7)
    assert split_digit_run("7777166", three) is None
