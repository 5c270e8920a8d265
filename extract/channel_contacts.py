"""Channels known by a number or an address: contact telephones, e-mail boxes, web addresses.

The report's contact line (电话：0591-23165370；电子邮箱：x@163.com) gives a Hotline
and an Email channel, operated by the unit it says to contact; an e-mail address
before a kind word (“cqhkql@163.com”举报邮箱) is an Email channel; a web address is
an alias of the site named before it, or a Website of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.channel_mentions import Candidate
from extract.channel_owners import ChannelContext, contact_unit
from extract.normalize import normalize_label

_PHONE = (
    r"(?:[(（]\s*0\d{2,3}\s*[)）]\s*|0\d{2,3}\s*[-－—–]\s*)\d{5,8}(?:\s*[-－]\s*\d{1,5})?"
    r"|\d{7,8}(?:\s*[-－]\s*\d{1,5})?"
    r"|1[3-9]\d{9}|400[-－]?\d{3}[-－]?\d{4}|\d{5,6}"
)
_PHONE_RE = re.compile(_PHONE)
PHONE = _PHONE_RE
_PHONE_FIELD = re.compile(
    r"(联系电话|咨询电话|服务电话|办公电话|热线电话|服务热线|投诉电话|举报电话|联系方式|"
    r"电话\s*[/／、]\s*传真|传真\s*[/／、]\s*电话|电话号码|电话|热线)\s*(?:号码)?\s*[:：]\s*"
    rf"((?:{_PHONE})(?:\s*[、，,；;/／或]\s*(?:{_PHONE}))*)"
)
# starts only where a run of address characters starts, so a long run is scanned once
_EMAIL = (
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*[@＠]"
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_EMAIL_RE = re.compile(_EMAIL)
_EMAIL_FIELD = re.compile(
    r"(电子邮箱|电子信箱|电子邮件|邮箱地址|邮件地址|邮箱|信箱|E-?mail|e-?mail|EMAIL)\s*[:：]\s*"
    rf"({_EMAIL})"
)
_EMAIL_KIND = re.compile(r"[”\"」』]?\s*([\u4e00-\u9fff]{0,6}?(?:邮箱|信箱))")
# Runs of every character an address may be made of or looked at before: an
# address lies inside one, so only the runs around a dot (or an @) are searched.
_URL_RUN = re.compile(r"[A-Za-z0-9.\-:/?%&=_#@＠]*")
_EMAIL_RUN = re.compile(r"[A-Za-z0-9._%+\-@＠]*")
_DOT_LETTER = re.compile(r"\.[A-Za-z]")
_AT = re.compile("[@＠]")
URL = re.compile(
    r"(?<![@＠A-Za-z0-9.\-])(?:https?://)?(?:www\.)?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
    r"\.(?:gov\.cn|com\.cn|org\.cn|net\.cn|edu\.cn|cn|com|net|org)(?![A-Za-z0-9])"
    r"(?:/[A-Za-z0-9./?%&=_#\-]*)?"
)


def urls(text: str) -> Iterator[re.Match[str]]:
    """``URL.finditer(text)``, searching only the runs of address characters that hold a
    dot before a letter (every address has one: .cn, .com)."""
    for start, end in _runs_around(text, _DOT_LETTER, _URL_RUN):
        yield from URL.finditer(text, start, end)


def _emails(text: str) -> Iterator[re.Match[str]]:
    """``_EMAIL_RE.finditer(text)``, searching only the runs of address characters with an @."""
    if "@" not in text and "＠" not in text:
        return
    for start, end in _runs_around(text, _AT, _EMAIL_RUN):
        yield from _EMAIL_RE.finditer(text, start, end)


def _runs_around(text: str, marks: re.Pattern[str], run: re.Pattern[str]) -> list[tuple[int, int]]:
    """The runs of ``run`` characters around each mark, each measured once (linear in the text:
    a mark inside a run already found is skipped)."""
    runs: list[tuple[int, int]] = []
    for mark in marks.finditer(text):
        if runs and mark.start() < runs[-1][1]:
            continue
        runs.append(_run_around(text, mark.start(), run))
    return runs


def _run_around(text: str, pos: int, run: re.Pattern[str]) -> tuple[int, int]:
    """The maximal stretch around ``text[pos]`` of the characters of ``run`` (``[…]*``)."""
    ahead = run.match(text, pos)
    end = ahead.end() if ahead else pos
    width = 64
    while True:
        lo = max(0, pos - width)
        behind = run.match(text[lo:pos][::-1])  # read backwards
        back = behind.end() if behind else 0
        if back < pos - lo or lo == 0:
            return pos - back, end
        width *= 4


def phone_key(number: str) -> str:
    """The digits of a number, the same however it is punctuated."""
    return re.sub(r"\D", "", number)


def url_forms(url: str) -> list[str]:
    """A web address as written and without scheme or trailing slash (www.cq.gov.cn)."""
    bare = re.sub(r"^https?://", "", url).rstrip("/")
    return list(dict.fromkeys([url, bare]))


def _field_word(word: str) -> str:
    """The kind word a contact field gives its channel: 电话/传真 → 电话."""
    word = re.sub(r"\s*[/／、]\s*传真|传真\s*[/／、]\s*", "", word)
    return "电话" if word in ("联系方式", "电话号码") else word


def contact_candidates(text: str, ctx: ChannelContext) -> list[Candidate]:
    """Hotline and Email channels of contact fields and of addresses before a kind word."""
    out: list[Candidate] = []
    for field in _PHONE_FIELD.finditer(text):
        word = _field_word(field.group(1))
        written = normalize_label(field.group(1))
        for number in _PHONE_RE.finditer(text, field.start(2), field.end(2)):
            bare = normalize_label(number.group(0))
            out.append(
                Candidate(
                    number.start(),
                    number.end(),
                    "Hotline",
                    f"{bare}{word}",
                    f"Hotline:{phone_key(bare)}",
                    True,
                    stem=bare,
                    aliases=[bare, f"{bare}{written}"],
                    context_owner=contact_unit(text, number.start(), ctx),
                )
            )
    fields = {m.start(2): _field_word(m.group(1)) for m in _EMAIL_FIELD.finditer(text)}
    for email in _emails(text):
        address = normalize_label(email.group(0))
        end = email.end()
        word = fields.get(email.start(), "")
        if not word:
            kind = _EMAIL_KIND.match(text, email.end())
            word = kind.group(1) if kind else "电子邮箱"
            end = kind.end() if kind else end
        out.append(
            Candidate(
                email.start(),
                end,
                "Email",
                f"{address}{word}",
                f"Email:{address.lower()}",
                True,
                stem=address,
                aliases=[address],
                context_owner=contact_unit(text, email.start(), ctx),
            )
        )
    return out
