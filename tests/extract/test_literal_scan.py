"""Word and character scans with numpy find exactly what the regex engine finds.

The gazetteers (agency anchors, places, topic forms, channel kinds) are scanned
over the sample reports both ways; so are the punctuation positions and the
character runs that sentence splitting and web addresses rely on.
"""

from __future__ import annotations

import re

import pytest
from samples import CORPUS, SAMPLES

from extract.agency_lexicon import (
    BARE_ORGANS,
    NATIONAL_PREFIX,
    PARTY_PREFIXES,
    abbreviations,
    central_organs,
    city_provinces,
    province_names,
)
from extract.channel_contacts import URL, urls
from extract.channel_lexicon import brand_of_form, kinds
from extract.components.topics import topic_forms
from extract.ingest import read_report
from extract.literal_scan import LiteralScan, char_positions, trie_pattern

TEXTS = [read_report(CORPUS / name).text for name in SAMPLES]
GAZETTEERS = {
    "agency anchors": [
        *central_organs(),
        *city_provinces(),
        *province_names(),
        *abbreviations(),
        *BARE_ORGANS,
        *PARTY_PREFIXES,
        NATIONAL_PREFIX,
    ],
    "topic forms": list(topic_forms()),
    "channel kinds": list(kinds()),
    "brands": list(brand_of_form()),
}


@pytest.mark.parametrize("name", sorted(GAZETTEERS))
def test_scan_finds_what_the_alternation_finds(name: str) -> None:
    words = GAZETTEERS[name]
    longest_first = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    scan = LiteralScan(words)
    found = []
    for text in TEXTS:
        expected = [m.span() for m in longest_first.finditer(text)]
        assert [m.span() for m in scan.finditer(text)] == expected
        starts = [p for p in range(len(text)) if longest_first.match(text, p)]
        assert scan.match_starts(text) == starts
        found += expected
    assert found  # the samples do name these things


def test_trie_pattern_prefers_the_longest_word() -> None:
    pattern = re.compile(trie_pattern(["重庆", "重庆市", "重庆市人民政府"]))
    assert [m.group() for m in pattern.finditer("重庆市人民政府和重庆市、重庆")] == [
        "重庆市人民政府",
        "重庆市",
        "重庆",
    ]


def test_a_guard_after_the_word_gives_way_to_a_shorter_one() -> None:
    scan = LiteralScan(["中国网", "中国"], after="(?![络])")
    assert [m.group() for m in scan.finditer("中国网络和中国网")] == ["中国", "中国网"]


def test_characters_beyond_the_basic_plane_are_words_too() -> None:
    scan = LiteralScan(["𠀀", "𠀀甲"])
    assert [m.span() for m in scan.finditer("乙𠀀甲丙𠀀")] == [(1, 3), (4, 5)]


def test_character_positions_are_those_of_a_character_class() -> None:
    for text in TEXTS:
        expected = [m.start() for m in re.finditer(r"[。！？!?；;\n]", text)]
        assert list(char_positions(text, "。！？!?；;\n")) == expected


def test_web_addresses_are_found_as_by_a_scan_of_the_whole_text() -> None:
    found = [[m.group() for m in urls(text)] for text in TEXTS]
    assert found == [[m.group() for m in URL.finditer(text)] for text in TEXTS]
    assert any(found)
    text = "网址：http://www.cq.gov.cn/x?a=1，邮箱a.b@cq.gov.cn；" + "x" * 100 + ".gov.cn"
    assert [m.group() for m in urls(text)] == [m.group() for m in URL.finditer(text)]
