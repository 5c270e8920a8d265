"""How each kind of node and relation looks on the graph page.

Presentation only, kept apart so the page, the legend and the tests agree on
one table. The Chinese names are the ontology's ``rdfs:label``s (a test holds
them equal; the report's is shortened), so the page and the ontology use the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindStyle:
    colour: str
    shape: str  # a vis-network shape whose label sits underneath, so size can show weight
    name_zh: str


# In drawing order: the order of the legend, and of rings inside a cluster (first innermost).
KINDS: dict[str, KindStyle] = {
    "AnnualReport": KindStyle("#d62728", "star", "年度报告"),
    "Agency": KindStyle("#1f77b4", "dot", "机构"),
    "PolicyDocument": KindStyle("#2ca02c", "square", "政策文件"),
    "DocumentNumber": KindStyle("#17becf", "diamond", "发文字号"),
    "DisclosureChannel": KindStyle("#ff7f0e", "triangle", "公开渠道"),
    "ChannelType": KindStyle("#e6a141", "triangleDown", "公开渠道类型"),
    "Reform": KindStyle("#9467bd", "hexagon", "改革与工作机制"),
    "Topic": KindStyle("#e377c2", "dot", "公开领域"),
    "Region": KindStyle("#8c564b", "diamond", "行政区域"),
    "Statistic": KindStyle("#bcbd22", "square", "统计数字"),
}
OTHER = KindStyle("#7f7f7f", "dot", "其他")
REPORT = "AnnualReport"

HIDDEN_BY_DEFAULT = frozenset({"Statistic"})
"""Kinds whose box starts unticked: a report has dozens of figures, each a leaf that
would crowd out the agencies and documents a reader looks for first."""

# Relations that tie an entity to the report it was found in, or a channel to its kind:
# drawn faint, so the relations between entities (who issued what, whose channel) stand out.
REPORT_LINKS = frozenset(
    {"mentions", "hasStatistic", "reportedIn", "usesChannelType", "region", "channelType"}
)
FAINT_EDGE = "#dddddd"
STRONG_EDGE = "#8c8c8c"

# The ChannelType individuals of the ontology, by code; a graph need not carry their labels.
CHANNEL_TYPES: dict[str, str] = {
    "Website": "网站",
    "Microblog": "政务微博",
    "WeChat": "微信公众号",
    "MobileApp": "移动客户端",
    "SMS": "短信",
    "Hotline": "热线电话",
    "Email": "电子邮箱",
    "Mailbox": "网上信箱",
    "Gazette": "政府公报",
    "PressConference": "新闻发布会",
    "Archive": "档案馆",
    "ReadingRoom": "查阅场所",
    "OnlinePlatform": "网上服务平台",
    "Print": "报刊及印刷品",
    "Broadcast": "广播电视",
    "ThirdPartyPlatform": "第三方平台",
}

# SVG for the legend's swatches, drawn in a 16×16 box.
SWATCHES: dict[str, str] = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
}


def style(kind: str) -> KindStyle:
    return KINDS.get(kind, OTHER)


def kind_rank(kind: str) -> int:
    """Known kinds in table order, then the rest."""
    return list(KINDS).index(kind) if kind in KINDS else len(KINDS)
