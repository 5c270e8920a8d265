"""Agency names: the one place where a surface form becomes a full official name.

Every component that meets an agency name (the agency finder, document issuers,
channel owners, the publisher) resolves it here, so the same agency gets the
same label whichever component found it. The knowledge (area-name endings,
organ words, short forms) is in resources/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.resources import table, word_list


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """Where a report's short names are resolved: 市政府 in a 重庆市 report is 重庆市人民政府."""

    region: str | None  # the report's region: 重庆市, 平潭综合实验区, 北京市海淀区
    province: str | None = None  # its province-level region (福建省 for 平潭综合实验区)


def resolve_agency(surface: str, where: Jurisdiction) -> str | None:
    """The full official name of the agency ``surface`` names, or None if it names none."""
    return expand_agency_name(surface, where.region)


_MAX_AREA_NAME = 10  # 广西壮族自治区, 新疆维吾尔自治区 …


@cache
def _area_pattern() -> re.Pattern[str]:
    suffixes = "|".join(sorted(word_list("admin_suffixes.txt"), key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{1,{_MAX_AREA_NAME}}}?(?:{suffixes})")


def leading_region(name: str) -> str:
    """The run of area names a name starts with: 重庆市人民政府办公厅 → 重庆市.

    The first area is taken as it stands; a further one (北京市|海淀区) only when
    what follows it is an organ word, a year, another area or the end, so that
    重庆市城市管理局 stays 重庆市.
    """
    organ_words = word_list("organ_words.txt")
    pattern = _area_pattern()
    pos, end = 0, 0
    while (match := pattern.match(name, pos)) is not None:
        candidate = match.group(0)
        if any(word in candidate for word in organ_words):
            break
        rest = name[match.end() :]
        follows_well = (
            not rest
            or rest[0].isdigit()
            or rest.startswith(organ_words)
            or pattern.match(rest) is not None
        )
        if pos and not follows_well:
            break
        pos = end = match.end()
    return name[:end]


def expand_agency_name(surface: str, region: str | None) -> str:
    """Full name of an agency written short against the report's region.

    市政府办公厅 in a 重庆市 report → 重庆市人民政府办公厅; 管委会 → 管理委员会.
    """
    name = surface
    if region and not name.startswith(region) and name[:1] and region.endswith(name[0]):
        name = region + name[1:]
    for row in table("agency_abbreviations.tsv"):
        if row["where"] == "anywhere":
            name = name.replace(row["short"], row["full"])
        elif name.endswith(row["short"]):
            name = name[: -len(row["short"])] + row["full"]
    return name
