"""The rows and columns of the national report format's tables, loaded from data files.

Rows (``national_table_rows.tsv``) are recognised by their label text wherever
they stand in a line; columns (``national_table_columns.tsv``) give units, the
codes of the 表四 totals and which columns add up to which. Both the 2019 and
the 2021 versions are listed. The labels are the template's, so every report
repeats them: lookups are memoised on the cell text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.resources import table
from extract.table_tokens import fold

# what may follow a label inside its cell: nothing, or a note in brackets
_AFTER_LABEL = re.compile(r"(?:\([^()]*\)?)?$")
# what may stand right before a label: the cell start, a numbering mark, a parent label
_BEFORE_LABEL = set("、.)）:：")


@dataclass(frozen=True, slots=True)
class RowDef:
    table: int
    versions: frozenset[str]
    block: str  # table 2: the item of Article 20 (一, 五, 六, 八, 九)
    section: str  # parent row of a sub-row
    label: str
    folded: str
    key: str  # folded distinctive part of the label ("" = the full label is needed)
    code: str | None
    zero: bool  # a zero cell is recorded
    part: str  # table 3: received, carried_in, outcome, answered or carried_over

    @property
    def measure(self) -> str:
        return f"{self.section}：{self.label}" if self.section else self.label


@dataclass(frozen=True, slots=True)
class ColumnDef:
    table: int
    versions: frozenset[str]
    groups: tuple[str, ...]  # table 2: blocks with the column; table 4: the part
    name: str
    folded: str
    unit: str
    code: str | None
    wording: tuple[str, ...]  # a prose figure of this cell uses one of these words
    total: bool  # tables 3 and 4: the column that the others of its group add up to


def _versions(text: str) -> frozenset[str]:
    return frozenset({"2019", "2021"} if text == "both" else {text})


@cache
def row_defs() -> tuple[RowDef, ...]:
    return tuple(
        RowDef(
            table=int(row["table"]),
            versions=_versions(row["version"]),
            block=row.get("block") or "",
            section=row.get("section") or "",
            label=row["label"],
            folded=fold(row["label"]),
            key=fold(row.get("key") or ""),
            code=row.get("code") or None,
            zero=row.get("zero") == "yes",
            part=row.get("part") or "",
        )
        for row in table("national_table_rows.tsv")
    )


@cache
def column_defs() -> tuple[ColumnDef, ...]:
    return tuple(
        ColumnDef(
            table=int(row["table"]),
            versions=_versions(row["version"]),
            groups=tuple((row.get("group") or "").split(",")),
            name=row["column"],
            folded=fold(row["column"]),
            unit=row["unit"],
            code=row.get("code") or None,
            wording=tuple(w for w in (row.get("wording") or "").split("|") if w),
            total=row.get("sum") == "total",
        )
        for row in table("national_table_columns.tsv")
    )


@cache
def table3_columns() -> tuple[ColumnDef, ...]:
    """自然人, the five kinds of 法人或其他组织, 总计: the cells of every 表三 row."""
    return tuple(column for column in column_defs() if column.table == 3)


@cache
def table4_columns() -> tuple[ColumnDef, ...]:
    return tuple(column for column in column_defs() if column.table == 4)


@cache
def table2_columns(block: str, version: str) -> tuple[ColumnDef, ...]:
    """The default columns of a table-2 block in one version of the format."""
    return tuple(
        column
        for column in column_defs()
        if column.table == 2 and version in column.versions and block in column.groups
    )


@cache
def _row_words() -> re.Pattern[str]:
    """Any label or key of any row: a quick test before the row-by-row search."""
    words = {row.folded for row in row_defs()} | {row.key for row in row_defs() if row.key}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@cache
def _table_words() -> re.Pattern[str]:
    words = {row.folded for row in row_defs()} | {row.key for row in row_defs() if row.key}
    words |= {column.folded for column in column_defs() if column.table != 3}
    words |= {"第二十条"}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def mentions_table_words(text: str) -> bool:
    """Whether a line names any row, column or block of the tables (a quick test)."""
    return bool(_table_words().search(fold(text)))


@cache
def _start_words() -> re.Pattern[str]:
    """Words of the tables as a report writes them (unfolded): where reading may start."""
    words = {row.key for row in row_defs() if row.key}
    words |= {column.name for column in column_defs() if column.table != 3}
    words |= {"第二十条", "信息内容", "申请人情况"}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def tables_start(text: str) -> int | None:
    """The offset of the first line that may belong to a table; None: the text has none."""
    found = _start_words().search(text)
    return None if found is None else text.rfind("\n", 0, found.start()) + 1


def row_word_count(text: str) -> int:
    """How many row labels or keys a text holds (a flattened table holds many)."""
    return len(set(_row_words().findall(fold(text))))


def find_row(text: str, tables: frozenset[int], *, strict: bool = False) -> RowDef | None:
    """The row whose label ends the cell text; failing that (unless strict), whose key
    the text holds last."""
    return _find_row(text, tables, strict)


@lru_cache(maxsize=8192)
def _find_row(text: str, tables: frozenset[int], strict: bool) -> RowDef | None:
    folded = fold(text)
    if not tables or not _row_words().search(folded):
        return None
    last_word = fold(text.split()[-1]) if text.split() else ""
    best: RowDef | None = None
    for row in row_defs():
        ends = _label_ends(folded, row.folded) or _label_ends(last_word, row.folded)
        if row.table in tables and ends and (best is None or len(row.folded) > len(best.folded)):
            best = row
    if best is not None or strict:
        return best
    last = -1
    for row in row_defs():
        pos = folded.rfind(row.key) if row.key and row.table in tables else -1
        if pos > last:
            best, last = row, pos
    return best


def _label_ends(folded: str, label: str) -> bool:
    pos = folded.rfind(label)
    if pos < 0 or not _AFTER_LABEL.fullmatch(folded, pos + len(label)):
        return False
    return pos == 0 or folded[pos - 1] in _BEFORE_LABEL or _ends_with_label(folded[:pos])


def _ends_with_label(text: str) -> bool:
    """三、本年度办理结果(四)无法提供 before a sub-row label: a parent row or section."""
    return text.endswith(_parents())


@cache
def _parents() -> tuple[str, ...]:
    parents = {row.section for row in row_defs() if row.section} | {"本年度办理结果"}
    return tuple(sorted(fold(parent) for parent in parents))


@lru_cache(maxsize=4096)
def header_columns(text: str) -> tuple[tuple[ColumnDef, bool], ...]:
    """Table-2 columns named in a header cell or line, in order, with their 万元 flags."""
    folded = fold(text)
    found: list[tuple[int, int, ColumnDef]] = []
    for column in column_defs():
        pos = folded.find(column.folded) if column.table == 2 else -1
        if pos >= 0:
            found.append((pos, pos + len(column.folded), column))
    kept = [
        item
        for item in found
        if not any(o[0] <= item[0] and item[1] <= o[1] and o != item for o in found)
    ]
    kept.sort(key=lambda item: item[0])
    return tuple((column, in_wan_yuan(folded[end : end + 12])) for _, end, column in kept)


def in_wan_yuan(after: str) -> bool:
    """采购总金额（万元）, 本年收费金额（单位：万元）: the column is in 万元."""
    return after.startswith("(") and "万元" in after.split(")")[0]


@lru_cache(maxsize=4096)
def table4_header(text: str) -> bool:
    """A header cell of 表四 (结果维持, 尚未审结 …)."""
    folded = fold(text)
    return any(column.folded in folded for column in table4_columns() if column.folded != "总计")
