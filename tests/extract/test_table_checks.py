"""The arithmetic of the national tables (勾稽关系): which reports add up and which do not."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from samples import CORPUS
from spacy.language import Language

from extract.assemble import doc_to_record
from extract.components import document_numbers, statistics  # noqa: F401  (registers)
from extract.ingest import read_report
from extract.national_tables import read_tables
from extract.records import QualityNote, Statistic, TablePosition
from extract.table_checks import check_tables
from extract.table_layout import row_defs, table3_columns

DEV = Path(__file__).parents[2] / "bench" / "dev" / "corpus"
COLUMNS = [column.name for column in table3_columns()]
OUTCOME_2019 = [r.measure for r in row_defs() if r.part == "outcome" and "2019" in r.versions]
OUTCOME_2021 = [r.measure for r in row_defs() if r.part == "outcome" and "2021" in r.versions]
RECEIVED, CARRIED_IN, ANSWERED, CARRIED_OVER = (
    next(r.measure for r in row_defs() if r.part == part)
    for part in ("received", "carried_in", "answered", "carried_over")
)


def notes_of(path: Path) -> tuple[QualityNote, ...]:
    text = read_report(path).text
    return check_tables(cell.statistic(text) for cell in read_tables(text).cells)


def table3_by_hand(path: Path) -> dict[str, list[int]]:
    """表三 straight from the report's `` | `` lines: the last seven cells of each row
    between 一、本年新收 and 四、结转下年度, keyed by the row's last label cell."""
    rows: dict[str, list[int]] = {}
    inside = False
    for line in read_report(path).text.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        inside = inside or line.startswith("一、本年新收")
        if inside and len(cells) >= 8:
            rows[cells[-8]] = [int(cell) for cell in cells[-7:]]
        if line.startswith("四、结转下年度"):
            break
    return rows


def test_pingtan_2020_outcome_rows_do_not_add_up_to_its_total() -> None:
    path = CORPUS / "pingtan-2020.txt"
    rows = table3_by_hand(path)
    labels = list(rows)
    outcomes = labels[labels.index("（一）予以公开") : labels.index("（七）总计")]
    expected_notes = []
    for index, column in enumerate(COLUMNS):
        parts = sum(rows[label][index] for label in outcomes)
        total = rows["（七）总计"][index]
        if parts != total:
            expected_notes.append(("table3-outcome-sum", column, parts, total))
    # 7 + 6 + 4 + 3 + 3 + 4 = 27 in the 总计 column (自然人: 26) against （七）总计 21 (20)
    assert expected_notes == [
        ("table3-outcome-sum", "自然人", 26, 20),
        ("table3-outcome-sum", "总计", 27, 21),
    ]
    found = [(n.check, n.place, n.expected, n.found) for n in notes_of(path)]
    assert found == [(c, p, Decimal(e), Decimal(f)) for c, p, e, f in expected_notes]


def test_pingtan_2020_other_identities_hold_by_hand() -> None:
    rows = table3_by_hand(CORPUS / "pingtan-2020.txt")
    for values in rows.values():
        assert sum(values[:-1]) == values[-1]  # the 总计 column adds up on every row
    received, carried_in = (
        rows["一、本年新收政府信息公开申请数量"],
        rows["二、上年结转政府信息公开申请数量"],
    )
    answered, carried_over = rows["（七）总计"], rows["四、结转下年度继续办理"]
    assert [a + b for a, b in zip(received, carried_in, strict=True)] == [
        a + b for a, b in zip(answered, carried_over, strict=True)
    ]
    assert {n.check for n in notes_of(CORPUS / "pingtan-2020.txt")} == {"table3-outcome-sum"}


@pytest.mark.parametrize(
    "path",
    [CORPUS / "pingtan-2023.txt", DEV / "anji-2021.txt"],
    ids=["pingtan-2023", "anji-2021"],
)
def test_tables_that_add_up_get_no_note(path: Path) -> None:
    rows = table3_by_hand(path)
    labels = list(rows)
    outcomes = labels[labels.index("（一）予以公开") : labels.index("（七）总计")]
    assert sum(rows[label][-1] for label in outcomes) == rows["（七）总计"][-1]
    assert notes_of(path) == ()


@pytest.mark.parametrize("name", ["chongqing-2012.txt", "chongqing-2016.txt"])
def test_reports_without_national_tables_get_no_note(name: str) -> None:
    assert notes_of(CORPUS / name) == ()


def cell(table: int, row: str, column: str, value: int) -> Statistic:
    return Statistic(Decimal(value), "件", False, row, (), None, TablePosition(table, row, column))


def table3(rows: list[str], values: dict[str, list[int]]) -> list[Statistic]:
    out = []
    for row in rows:
        for column, value in zip(COLUMNS, values.get(row, [0] * 7), strict=True):
            out.append(cell(3, row, column, value))
    return out


def test_each_identity_of_table3_is_checked() -> None:
    rows = [RECEIVED, CARRIED_IN, *OUTCOME_2021, ANSWERED, CARRIED_OVER]
    values = {
        RECEIVED: [5, 1, 0, 0, 0, 0, 6],
        CARRIED_IN: [1, 0, 0, 0, 0, 0, 1],
        OUTCOME_2021[0]: [4, 1, 0, 0, 0, 0, 5],
        OUTCOME_2021[-1]: [1, 0, 0, 0, 0, 0, 2],  # 总计 column says 2: the row does not add up
        ANSWERED: [5, 1, 0, 0, 0, 0, 6],  # outcome column sums: 5, 1 … 7
        CARRIED_OVER: [0, 0, 0, 0, 0, 0, 0],  # 一 + 二 = 7 but 三 + 四 = 6 in 总计 and 自然人
    }
    found = {(n.check, n.place, n.expected, n.found) for n in check_tables(table3(rows, values))}
    assert found == {
        ("table3-balance", "自然人", 6, 5),
        ("table3-balance", "总计", 7, 6),
        ("table3-outcome-sum", "总计", 7, 6),
        ("table3-applicant-sum", OUTCOME_2021[-1], 1, 2),
    }


def test_the_2019_other_row_and_the_2021_sub_rows_are_each_a_complete_table() -> None:
    answered = {ANSWERED: [1, 0, 0, 0, 0, 0, 1]}
    for outcome in (OUTCOME_2019, OUTCOME_2021):
        rows = [*outcome, ANSWERED]
        assert check_tables(table3(rows, {**answered, outcome[-1]: [1, 0, 0, 0, 0, 0, 1]})) == ()
        broken = check_tables(table3(rows, {**answered, outcome[-1]: [2, 0, 0, 0, 0, 0, 2]}))
        assert [(n.check, n.place) for n in broken] == [
            ("table3-outcome-sum", "自然人"),
            ("table3-outcome-sum", "总计"),
        ]


def test_an_identity_with_a_cell_not_read_is_not_checked() -> None:
    rows = [RECEIVED, CARRIED_IN, *OUTCOME_2019[1:], ANSWERED]  # 予以公开 and 四 missing
    values = {RECEIVED: [3, 0, 0, 0, 0, 0, 3], ANSWERED: [9, 0, 0, 0, 0, 0, 9]}
    assert check_tables(table3(rows, values)) == ()


def test_table4_totals_are_the_sums_of_their_part() -> None:
    def part(name: str, values: list[int]) -> list[Statistic]:
        columns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        return [cell(4, name, c, v) for c, v in zip(columns, values, strict=True)]

    figures = [
        *part("行政复议", [1, 1, 0, 0, 2]),
        *part("未经复议直接起诉的行政诉讼", [4, 0, 0, 1, 4]),
        *part("复议后起诉的行政诉讼", [1, 0, 1, 0, 2]),
    ]
    [note] = check_tables(figures)
    assert (note.check, note.place, note.expected, note.found) == (
        "table4-sum",
        "未经复议直接起诉的行政诉讼",
        Decimal(5),
        Decimal(4),
    )
    assert note.label == "表四各结果之和与总计不符：未经复议直接起诉的行政诉讼"
    assert "5" in note.comment_zh and "4" in note.comment_zh and "5" in note.comment_en


def test_figures_outside_the_national_tables_are_not_checked() -> None:
    prose = Statistic(Decimal(93), "件", False, "收到申请", (), "applications_received")
    assert check_tables([prose]) == ()


@pytest.fixture(scope="module")
def figures_nlp() -> Language:
    config = {
        "nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}
    }
    nlp = spacy.blank("zh", config=config)
    nlp.add_pipe("gov_document_numbers")
    nlp.add_pipe("gov_statistics")
    return nlp


def test_the_report_record_carries_the_notes(figures_nlp: Language) -> None:
    text = read_report(CORPUS / "pingtan-2020.txt").text
    record = doc_to_record(figures_nlp(text), source_file="pingtan-2020.txt", sha256="")
    assert [(n.check, n.place) for n in record.quality_notes] == [
        ("table3-outcome-sum", "自然人"),
        ("table3-outcome-sum", "总计"),
    ]
    # the figures stay as published: the total 21 is still the answered figure
    [answered] = [s for s in record.statistics if s.measure_code == "applications_answered"]
    assert answered.value == 21
    assert answered.position == TablePosition(3, "总计", "总计")
