"""Identity across reports: which entities of different reports are one node.

A report alone cannot know that its 重庆市人民政府公众信息网 is another report's
重庆市人民政府网站 (www.cq.gov.cn), so documents and channels are resolved over
the whole corpus, from the names each report gives them:

- a policy document by its number when it has one, else its normalised title;
- a channel by its web or e-mail address when it has one, else its label; a
  channel's label that another report gives as an alias joins the two (an alias
  never joins two aliases: 市政府网站 is every city's);
- names that do not say where they are (12345热线, 关于印发…的通知) count only
  within the report's region: their key is prefixed with it (平潭综合实验区12345热线);
- two entities of one report are never merged, nor two documents with different
  numbers, nor two channels with different addresses or kinds.

Agencies (by their full name), document numbers, reforms and topics are keyed
by their label alone. The result depends on the set of reports, never on their
order: every decision is taken in a sorted order.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extract.normalize import normalize_label
from extract.records import ReportRecord

RESOLVED_KINDS = ("PolicyDocument", "DisclosureChannel")
# names that speak of the whole country need no region to be told apart
_NATIONAL = ("中国", "全国", "国家", "中华", "中央", "国务院")
_LOCAL_WORDS = re.compile("[全本我各](?:省|市|县|区|州)")
_ADMIN_SUFFIX = re.compile(
    "(.+?)(?:特别行政区|综合实验区|自治区|自治州|自治县|新区|地区|省|市|县|区|州|盟|旗)"
)
_LEADING_PLACE = re.compile("^[\u4e00-\u9fff]{2,7}?(?:省|市|县|州|自治区)")
_WEB = re.compile(r"^(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?)$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.ASCII)

Token = tuple[str, str, str]  # (kind, what: addr|num|name, value)


@dataclass(frozen=True, slots=True)
class Named:
    """What identity needs of one document or channel of a report."""

    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    number: str | None = None  # a document's number
    subtype: str | None = None  # a channel's kind, a document's genre


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """A report's names, small enough to keep in a store's manifest."""

    report: str
    region: str | None
    entities: tuple[Named, ...]

    def to_json(self) -> dict[str, Any]:
        rows = [[e.kind, e.label, list(e.aliases), e.number, e.subtype] for e in self.entities]
        return {"region": self.region, "entities": rows}

    @classmethod
    def from_json(cls, report: str, data: dict[str, Any]) -> ReportFacts:
        rows = data["entities"]
        entities = tuple(Named(k, lab, tuple(al), num, sub) for k, lab, al, num, sub in rows)
        return cls(report, data["region"], entities)


@dataclass(frozen=True, slots=True)
class Canon:
    """The node an entity is: its IRI key, its canonical label, its genre if a document."""

    key: str
    label: str
    doc_type: str | None = None


def report_facts(report: ReportRecord) -> ReportFacts:
    numbers = {
        r.subject.label: r.object.label
        for r in report.relations
        if r.predicate == "hasDocumentNumber"
    }
    entities = tuple(
        Named(
            e.kind,
            e.label,
            e.aliases,
            numbers.get(e.label) if e.kind == "PolicyDocument" else None,
            e.channel_type if e.kind == "DisclosureChannel" else e.doc_type,
        )
        for e in report.entities
        if e.kind in RESOLVED_KINDS
    )
    return ReportFacts(report.source_file, report.region, entities)


def address(name: str) -> str | None:
    """A web or e-mail address in its comparable form (no scheme, no trailing slash)."""
    text = normalize_label(name).lower()
    if _EMAIL.match(text):
        return text
    if (web := _WEB.match(text)) is not None:
        return web.group(1).rstrip("/")
    return None


def region_stems(region: str | None) -> tuple[str, ...]:
    """重庆市 → 重庆; 长沙市岳麓区 → 长沙, 岳麓; 平潭综合实验区 → 平潭."""
    if not region:
        return ()
    stems = tuple(s for s in _ADMIN_SUFFIX.findall(region) if len(s) >= 2)
    return stems or (region,)


def says_where(name: str, kind: str, stems: tuple[str, ...]) -> bool:
    """Whether a name tells its place (or needs none) rather than counting on the report's."""
    if _LEADING_PLACE.match(name) is not None or name.startswith(_NATIONAL):
        return True
    if kind == "PolicyDocument":  # 关于印发…的通知, 全市…工作要点: whose, the report says
        return not (name.startswith("关于") or _LOCAL_WORDS.search(name))
    return (
        kind.endswith(":ThirdPartyPlatform")
        or any(stem in name for stem in stems)
        or any(word in name for word in _NATIONAL)
    )


def _kind(named: Named) -> str:
    return f"{named.kind}:{named.subtype}" if named.kind == "DisclosureChannel" else named.kind


def _name_token(kind: str, name: str, region: str | None) -> Token:
    name = normalize_label(name)
    if region and not says_where(name, kind, region_stems(region)):
        name = f"{region}{name}"
    return (kind, "name", name)


def _tokens(named: Named, region: str | None) -> tuple[list[Token], list[Token]]:
    """Strong tokens (anchor first) and alias tokens of one entity."""
    kind = _kind(named)
    strong: list[Token] = []
    if named.number:
        strong.append((kind, "num", normalize_label(named.number)))
    aliases: list[Token] = []
    if named.kind == "DisclosureChannel":
        for name in (named.label, *named.aliases):
            if (found := address(name)) is not None:
                strong.append((kind, "addr", found))
            elif name != named.label:
                aliases.append(_name_token(kind, name, region))
    strong = sorted(set(strong))
    return [*strong, _name_token(kind, named.label, region)], sorted(set(aliases))


@dataclass(slots=True)
class _Cluster:
    reports: dict[str, set[str]] = field(default_factory=dict)  # report → its labels here
    strong: set[Token] = field(default_factory=set)  # numbers and addresses
    size: int = 1


class _Clusters:
    """Union-find over tokens that refuses merges the rules above forbid."""

    def __init__(self) -> None:
        self.parent: dict[Token, Token] = {}
        self.cluster: dict[Token, _Cluster] = {}

    def find(self, token: Token) -> Token:
        root = self.parent.setdefault(token, token)
        if root == token:
            strong = {token} if token[1] != "name" else set()
            self.cluster.setdefault(token, _Cluster(strong=strong))
            return token
        root = self.find(root)
        self.parent[token] = root
        return root

    def register(self, token: Token, report: str, label: str) -> None:
        self.cluster[self.find(token)].reports.setdefault(report, set()).add(label)

    def union(self, a: Token, b: Token, *, same_entity: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ca, cb = self.cluster[ra], self.cluster[rb]
        if not same_entity and ca.strong and cb.strong and not (ca.strong & cb.strong):
            return False
        if any(ca.reports[r] != cb.reports[r] for r in ca.reports.keys() & cb.reports.keys()):
            return False
        if (ca.size, ra) < (cb.size, rb):
            ra, rb, ca, cb = rb, ra, cb, ca
        self.parent[rb] = ra
        for report, labels in cb.reports.items():
            ca.reports.setdefault(report, set()).update(labels)
        ca.strong |= cb.strong
        ca.size += cb.size
        del self.cluster[rb]
        return True


@dataclass(frozen=True, slots=True)
class _Member:
    anchor: Token
    strong: tuple[Token, ...]
    aliases: tuple[Token, ...]
    report: str
    named: Named


def _members(reports: Iterable[ReportFacts]) -> list[_Member]:
    members = []
    for facts in reports:
        for named in facts.entities:
            strong, aliases = _tokens(named, facts.region)
            members.append(_Member(strong[0], tuple(strong), tuple(aliases), facts.report, named))
    return sorted(members, key=lambda m: (m.anchor, m.report, m.strong, m.aliases))


class Resolution:
    """The canonical node of every document and channel of a set of reports."""

    def __init__(self, reports: Iterable[ReportFacts]) -> None:
        members = _members(reports)
        clusters = _Clusters()
        for m in members:  # an entity's own names are one thing, unless that breaks a rule
            clusters.register(m.anchor, m.report, m.named.label)
            for token in m.strong[1:]:
                clusters.union(m.anchor, token, same_entity=token[1] != "name")
        for m in members:  # a label that another report gives as an alias
            for token in m.aliases:
                if token in clusters.parent:
                    clusters.union(m.anchor, token)
        groups: dict[Token, list[_Member]] = {}
        for m in members:
            groups.setdefault(clusters.find(m.anchor), []).append(m)
        self._canon = _distinct({root: _canon(group) for root, group in groups.items()}, groups)

    def canons(self, facts: ReportFacts) -> dict[tuple[str, str], Canon]:
        """(kind, local label) → the node, for the resolved entities of one report."""
        anchors = {(n.kind, n.label): _tokens(n, facts.region)[0][0] for n in facts.entities}
        known = self._canon
        if any(anchor not in known for anchor in anchors.values()):  # a report not resolved here
            known = {**Resolution([facts])._canon, **known}
        return {ref: known[anchor] for ref, anchor in anchors.items()}


def _canon(group: list[_Member]) -> Canon:
    """The longest label names the node; an address or number keys it, else that label."""
    ordered = sorted(group, key=lambda m: (-len(m.named.label), m.named.label, m.report))
    best = ordered[0]
    strong = sorted({t for m in group for t in m.strong if t[1] != "name"})
    key = strong[0][2] if strong else best.strong[-1][2]
    doc_type = next((m.named.subtype for m in ordered if m.named.subtype), None)
    return Canon(key, best.named.label, doc_type if best.named.kind == "PolicyDocument" else None)


def _distinct(canons: dict[Token, Canon], groups: dict[Token, list[_Member]]) -> dict[Token, Canon]:
    """Anchor → node; channels of different kinds with one label get the kind in their key."""
    kinds: dict[tuple[str, str], set[str]] = {}
    for root, canon in canons.items():
        kinds.setdefault((root[0].split(":")[0], canon.key), set()).add(root[0])
    found: dict[Token, Canon] = {}
    for root, canon in canons.items():
        if (
            len(kinds[(root[0].split(":")[0], canon.key)]) > 1
        ):  # 重庆市政府网, a site and a microblog
            canon = dataclasses.replace(canon, key=f"{canon.key}({root[0].split(':')[-1]})")
        found.update((member.anchor, canon) for member in groups[root])
    return found
