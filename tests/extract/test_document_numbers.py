"""Document numbers: every bracket variant, split across lines, and the issuer code's edge."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES, gold_for
from spacy.language import Language

from extract.pipeline import extract_file, extract_text


def numbers(text: str) -> list[tuple[str, int, int]]:
    record = extract_text(text, source_file="t.txt")
    return [(n.prefix, n.year, n.serial) for n in record.document_numbers]


@pytest.mark.parametrize(
    "text",
    [
        "按照《通知》（国办发〔2016〕19号）要求",
        "按照《通知》（国办发[2016]19号）要求",
        "按照《通知》（国办发［2016］19号）要求",
        "按照《通知》（国办发(2016)19号）要求",
        "按照《通知》（国办发（2016）19号）要求",
        "按照《通知》（国办发【2016】19号）要求",
        "按照《通知》（国办发〖2016〗19号）要求",
        "按照《通知》（国办发〔2016〕第19号）要求",
    ],
)
def test_every_bracket_variant_gives_the_same_number(text: str) -> None:
    assert numbers(text) == [("国办发", 2016, 19)]


@pytest.mark.parametrize(
    "text",
    [
        "（国办发\n〔2016〕19号）",
        "（国办发〔2016〕\n19号）",
        "（国办发〔2016〕19\n号）",
        "（国办发 〔 2016 〕 19 号）",
        "（国\n办发〔2016〕19号）",
    ],
)
def test_number_split_across_lines_is_one_number(text: str) -> None:
    assert numbers(text) == [("国办发", 2016, 19)]


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("下发了渝办发〔2012〕194号文件", "渝办发"),
        ("印发国办公开办函〔2019〕60号", "国办公开办函"),
        ("转发了国办发〔2016〕19号", "国办发"),
        ("根据岚综管办〔2020〕80号", "岚综管办"),
        ("。渝经信发〔2016〕3号", "渝经信发"),
    ],
)
def test_issuer_code_starts_after_the_words_before_it(text: str, prefix: str) -> None:
    assert [n[0] for n in numbers(text)] == [prefix]


@pytest.mark.parametrize(
    "text",
    ["国务院令第711号", "〔2016〕19号", "2016年19号", "国办发〔16〕19号", "国办发〔20165〕19号"],
)
def test_not_a_document_number(text: str) -> None:
    assert numbers(text) == []


def test_a_number_repeated_is_one_record_with_two_mentions() -> None:
    text = "（国办发〔2016〕19号）……（国办发[2016]19号）"
    record = extract_text(text, source_file="t.txt")
    assert len(record.document_numbers) == 1
    mentions = record.document_numbers[0].mentions
    assert [m.text for m in mentions] == ["国办发〔2016〕19号", "国办发[2016]19号"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_report_numbers_equal_gold(name: str, nlp: Language) -> None:
    record = extract_file(CORPUS / name)
    gold = {
        (e["prefix"], e["year"], e["serial"])
        for e in gold_for(name)["entities"]
        if e["type"] == "DocumentNumber"
    }
    assert {(n.prefix, n.year, n.serial) for n in record.document_numbers} == gold
    for number in record.document_numbers:
        for mention in number.mentions:
            assert record.text[mention.start : mention.end] == mention.text
