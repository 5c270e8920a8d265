"""Every cell of the national tables, with its row and column, in every layout a report takes.

The layouts are made from the real sample reports: their `` | `` rows rendered
again as a PDF or web copy renders them (one cell per line, header cells
first), with label cells wrapped over several lines as a narrow PDF column
wraps them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from samples import CORPUS

from extract.ingest import read_report
from extract.national_tables import read_tables
from extract.table_layout import table3_columns

DEV = Path(__file__).parents[2] / "bench" / "dev" / "corpus"
SAMPLES_2019_FORMAT = [
    CORPUS / "pingtan-2020.txt",
    CORPUS / "pingtan-2023.txt",
    DEV / "anji-2021.txt",
]
Grid = list[tuple[int, str, str, Decimal]]


def grid(text: str) -> Grid:
    cells = read_tables(text).cells
    return sorted(
        (c.position.table, c.position.row, c.position.column, c.value) for c in cells if c.position
    )


def one_cell_per_line(text: str, wrap: int = 0) -> str:
    """The `` | `` rows with every cell on a line of its own; labels cut every ``wrap`` chars."""
    out: list[str] = []
    for line in text.split("\n"):
        if "|" not in line:
            out.append(line)
            continue
        for cell in (c.strip() for c in line.split("|")):
            if not cell:
                continue
            if wrap and not cell.lstrip("-")[0].isdigit():
                out.extend(cell[i : i + wrap] for i in range(0, len(cell), wrap))
            else:
                out.append(cell)
    return "\n".join(out)


def table3_by_hand(text: str) -> dict[int, list[int]]:
    """The seven numbers of each 表三 row, by line number, read straight off the `` | `` lines."""
    rows = {}
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    for number, line in enumerate(lines[start:], start):
        rows[number] = [int(cell) for cell in line.split(" | ")[-7:]]
        if line.startswith("四、结转下年度"):
            return rows
    raise AssertionError("no 表三")


@pytest.mark.parametrize("path", SAMPLES_2019_FORMAT, ids=lambda p: p.stem)
def test_every_table3_cell_is_read_with_its_column(path: Path) -> None:
    text = read_report(path).text
    by_hand = table3_by_hand(text)
    cells = [c for c in read_tables(text).cells if c.position and c.position.table == 3]
    assert len(cells) == 7 * len(by_hand)
    columns = [column.name for column in table3_columns()]
    for index, values in enumerate(by_hand.values()):
        row = cells[7 * index : 7 * index + 7]
        assert [c.position.column for c in row if c.position] == columns
        assert [c.value for c in row] == values


@pytest.mark.parametrize("path", SAMPLES_2019_FORMAT, ids=lambda p: p.stem)
def test_table4_gives_its_fifteen_cells(path: Path) -> None:
    text = read_report(path).text
    line = next(ln for ln in text.splitlines() if ln.startswith(("0 |", "1 |", "2 |", "3 |")))
    cells = [c for c in read_tables(text).cells if c.position and c.position.table == 4]
    assert [c.value for c in cells] == [Decimal(v) for v in line.split(" | ")]
    assert [c.position.row for c in cells if c.position][::5] == [
        "行政复议",
        "未经复议直接起诉的行政诉讼",
        "复议后起诉的行政诉讼",
    ]


def test_the_2021_other_handling_sub_rows_are_read() -> None:
    text = read_report(CORPUS / "pingtan-2023.txt").text
    rows = {
        (c.position.row, c.value)
        for c in read_tables(text).cells
        if c.position and c.position.column == "总计"
    }
    assert ("其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1) in rows
    assert (
        "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        0,
    ) in rows
    assert ("其他处理：其他", 1) in rows
    assert not any(row == "其他处理" for row, _ in rows)  # the 2019 row is the 2021 section


@pytest.mark.parametrize("path", SAMPLES_2019_FORMAT, ids=lambda p: p.stem)
@pytest.mark.parametrize("wrap", [0, 12, 7, 4, 2])
def test_cells_flattened_one_per_line_give_the_same_cells(path: Path, wrap: int) -> None:
    text = read_report(path).text
    assert grid(one_cell_per_line(text, wrap)) == grid(text)


def test_a_flattened_header_keeps_all_its_columns() -> None:
    text = "\n".join(
        [
            "第二十条第（一）项",
            "信息内容",
            "本年制发件数",
            "本年废止件数",
            "现行有效件数",
            "行政规范性文件",
            "77",
            "132",
            "470",
        ]
    )
    assert [(c.position.column, c.value) for c in read_tables(text).cells if c.position] == [
        ("本年制发件数", 77),
        ("本年废止件数", 132),
        ("现行有效件数", 470),
    ]


def test_only_the_cells_the_annotation_counts_are_figures() -> None:
    text = read_report(CORPUS / "pingtan-2023.txt").text
    scan = read_tables(text)
    counted = scan.figures
    assert all(c.position.column == "总计" for c in counted if c.position and c.position.table == 3)
    assert all(c.value != 0 or c.code for c in counted)
    assert len(scan.cells) == 200 and len(counted) == 30  # 10 + 175 + 15 cells, 30 of them figures


def test_cell_mentions_point_at_their_digits() -> None:
    text = one_cell_per_line(read_report(CORPUS / "pingtan-2020.txt").text, wrap=5)
    for cell in read_tables(text).cells:
        assert text[cell.start : cell.end].lstrip("-").replace(".", "").isdigit()


def test_a_short_sentence_after_a_flattened_table_stays_prose() -> None:
    table = one_cell_per_line(read_report(CORPUS / "pingtan-2023.txt").text)
    text = table.replace("五、存在的主要问题及改进情况", "全年共收到群众来信三件。", 1)
    start = text.index("全年共收到群众来信三件。")
    assert start not in {begin for begin, _ in read_tables(text).lines}


@pytest.mark.parametrize(
    "path", [CORPUS / "pingtan-2020.txt", DEV / "anji-2021.txt"], ids=lambda p: p.stem
)
def test_a_flattened_table_survives_the_layout_repair_of_ingest(path: Path, tmp_path: Path) -> None:
    # a figure alone on its line between other figures (538 after -18) is a cell, not a page number
    text = read_report(path).text
    flattened = tmp_path / path.name
    flattened.write_text(one_cell_per_line(text, wrap=5), encoding="utf-8")
    assert grid(read_report(flattened).text) == grid(text)


FORMATS = Path(__file__).parents[1] / "data" / "formats"


@pytest.mark.parametrize("name", ["pingtan-2020", "pingtan-2023"])
@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
def test_the_same_report_as_html_docx_or_pdf_gives_the_same_cells(name: str, suffix: str) -> None:
    source = FORMATS / f"{name}{suffix}"
    if not source.exists():
        pytest.skip(f"no {source.name} among the format samples")
    text = read_report(CORPUS / f"{name}.txt").text
    assert grid(read_report(source).text) == grid(text)
