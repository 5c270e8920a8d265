"""Policy documents: titles, short names, numbers, issuers and what each carries out."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES, gold_for
from spacy.language import Language

from extract.normalize import normalize_label
from extract.pipeline import extract_file, extract_text
from extract.records import ReportRecord

HEAD = "重庆市2016年政府信息公开工作年度报告\n"


def record(body: str) -> ReportRecord:
    return extract_text(HEAD + body, source_file="t.txt")


def documents(body: str) -> dict[str, tuple[str, ...]]:
    rec = record(body)
    return {e.label: e.aliases for e in rec.entities if e.kind == "PolicyDocument"}


def relations(body: str, predicate: str) -> set[tuple[str, str]]:
    rec = record(body)
    return {(r.subject.label, r.object.label) for r in rec.relations if r.predicate == predicate}


# --- documents in reports ------------------------------------------------------


def test_title_broken_across_lines_is_one_document() -> None:
    found = documents("按照《国务院办公厅关于印发2016年政务公\n开工作要点的通知》要求。")
    assert "国务院办公厅关于印发2016年政务公开工作要点的通知" in found


def test_short_title_defined_in_the_text_is_an_alias_and_later_uses_are_mentions() -> None:
    rec = record(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。严格按照《条例》规定办理。"
    )
    [doc] = [e for e in rec.entities if e.kind == "PolicyDocument"]
    assert doc.label == "中华人民共和国政府信息公开条例"
    assert "条例" in doc.aliases
    assert len(doc.mentions) == 3


def test_short_name_in_quotes_is_defined_too() -> None:
    found = documents("印发了《某县关于全面推进政务公开工作的实施意见》（以下简称“实施意见”）。")
    assert "实施意见" in found["某县关于全面推进政务公开工作的实施意见"]


def test_a_known_short_name_is_the_label_with_the_full_name_as_alias() -> None:
    assert documents("认真贯彻实施《档案法》。") == {"档案法": ("中华人民共和国档案法",)}


def test_known_short_name_and_full_name_in_one_report_are_one_document() -> None:
    found = documents("贯彻《政府信息公开条例》。依照《中华人民共和国政府信息公开条例》。")
    assert list(found) == ["中华人民共和国政府信息公开条例"]


def test_issued_document_is_an_alias_of_the_notice() -> None:
    found = documents(
        "按照《国务院办公厅关于印发2016年政务公开工作要点的通知》要求，落实《2016年政务公开工作要点》。"
    )
    assert list(found) == ["国务院办公厅关于印发2016年政务公开工作要点的通知"]
    assert "2016年政务公开工作要点" in next(iter(found.values()))


@pytest.mark.parametrize(
    "body",
    [
        "每期《重庆市人民政府公报》均在网站公开。",
        "在《重庆日报》《平潭时报》上公开。",
        "共组织开展6期《问政平潭》节目。",
        "完成了《重庆市2015年政府信息公开工作年度报告》的编制。",
    ],
)
def test_periodicals_programmes_and_the_report_itself_are_not_documents(body: str) -> None:
    assert documents(body) == {}


def test_full_formal_title_without_marks_counts() -> None:
    found = documents(
        "根据国务院办公厅关于做好政府信息依申请公开工作的意见（国办发〔2010〕5号）要求。"
    )
    assert list(found) == ["国务院办公厅关于做好政府信息依申请公开工作的意见"]


def test_formal_title_in_quotes_counts() -> None:
    found = documents("认真落实“中共中央办公厅 国务院办公厅关于全面推进政务公开工作的意见”精神。")
    assert list(found) == ["中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见"]


def test_subject_phrase_without_issuer_or_marks_is_not_a_document() -> None:
    assert documents("落实党中央关于全面推进政务公开工作的部署，完善有关工作的通知机制。") == {}


def test_number_without_title_is_a_document_labelled_by_it() -> None:
    rec = record("按照国办公开办函〔2019〕60号文件要求，编制本报告。")
    assert [e.label for e in rec.entities if e.kind == "PolicyDocument"] == [
        "国办公开办函〔2019〕60号"
    ]
    rels = {(r.predicate, r.object.label) for r in rec.relations}
    assert ("hasDocumentNumber", "国办公开办函〔2019〕60号") in rels
    assert ("issuedBy", "国务院办公厅政府信息与政务公开办公室") in rels


@pytest.mark.parametrize(
    "body",
    [
        "按照《国务院办公厅关于印发2016年政务公开工作要点的通知》（国办发〔2016〕19号）要求。",
        "按照《国务院办公厅关于印发2016年政务公开工作要点的通知》(国办发[2016]19号)要求。",
        "按照“国务院办公厅关于印发2016年政务公开工作要点的通知”国办发〔2016〕19号要求。",
    ],
)
def test_number_given_with_the_title_is_its_number(body: str) -> None:
    assert relations(body, "hasDocumentNumber") == {
        ("国务院办公厅关于印发2016年政务公开工作要点的通知", "国办发〔2016〕19号")
    }


def test_number_typed_inside_the_marks_is_its_number_not_part_of_the_label() -> None:
    body = "按照《国务院办公厅关于印发2016年政务公开工作要点的通知（国办发〔2016〕19号）》要求。"
    assert relations(body, "hasDocumentNumber") == {
        ("国务院办公厅关于印发2016年政务公开工作要点的通知", "国办发〔2016〕19号")
    }


@pytest.mark.parametrize(
    "body",
    ["贯彻<某县政府信息公开办法>要求。", "落实《某县政府信息公开办法〉要求。"],
)
def test_odd_title_marks_still_make_a_title(body: str) -> None:
    assert list(documents(body)) == ["某县政府信息公开办法"]


def test_number_written_right_before_the_title_is_its_number() -> None:
    assert relations(
        "转发了国办发〔2016〕19号《2016年政务公开工作要点》。", "hasDocumentNumber"
    ) == {("2016年政务公开工作要点", "国办发〔2016〕19号")}


def test_formal_title_without_marks_passes_over_a_title_inside_it() -> None:
    found = documents(
        "根据国务院办公厅关于印发《2016年政务公开工作要点》的通知（国办发〔2016〕19号）要求。"
    )
    assert list(found) == ["国务院办公厅关于印发2016年政务公开工作要点的通知"]


def test_title_cited_without_its_issuers_is_the_same_document() -> None:
    found = documents(
        "落实《中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见》，"
        "对照《关于全面推进政务公开工作的意见》要求。"
    )
    assert list(found) == ["中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见"]


def test_a_name_two_titles_share_links_neither() -> None:
    found = documents(
        "按照《国务院办公厅关于印发2016年政务公开工作要点的通知》和"
        "《某省人民政府办公厅关于印发2016年政务公开工作要点的通知》，落实《2016年政务公开工作要点》。"
    )
    assert len(found) == 3


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("印发了“某县政府信息公开考核办法”。", {"某县政府信息公开考核办法"}),
        ("推行“五公开”，设立“政务公开日”，落实“放管服”。", set()),
    ],
)
def test_quoted_title_needs_a_verb_that_takes_documents(body: str, expected: set[str]) -> None:
    assert set(documents(body)) == expected


# --- issuedBy ------------------------------------------------------------------


def test_issuers_named_in_the_title() -> None:
    assert relations(
        "落实《中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见》。", "issuedBy"
    ) == {
        ("中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见", "中共中央办公厅"),
        ("中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见", "国务院办公厅"),
    }


def test_issuer_from_the_number_prefix_when_the_title_names_none() -> None:
    assert relations("印发了《关于做好政务公开工作的通知》（国办发〔2016〕8号）。", "issuedBy") == {
        ("关于做好政务公开工作的通知", "国务院办公厅")
    }


def test_issuer_from_a_decree_number() -> None:
    body = "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）。"
    assert relations(body, "issuedBy") == {("中华人民共和国政府信息公开条例", "国务院")}


def test_issuer_named_right_before_the_title() -> None:
    assert relations("中办、国办印发的《关于全面推进政务公开工作的意见》。", "issuedBy") == {
        ("关于全面推进政务公开工作的意见", "中共中央办公厅"),
        ("关于全面推进政务公开工作的意见", "国务院办公厅"),
    }


def test_the_subject_of_the_reports_own_verb_is_not_the_issuer() -> None:
    assert relations("国务院办公厅先后印发《关于做好政务公开工作的通知》。", "issuedBy") == set()


def test_the_forwarding_body_issues_a_forwarding_notice() -> None:
    body = "转发了《国务院办公厅转发国家发展改革委关于做好价格信息公开工作意见的通知》。"
    assert relations(body, "issuedBy") == {
        ("国务院办公厅转发国家发展改革委关于做好价格信息公开工作意见的通知", "国务院办公厅")
    }


def test_issuer_from_a_local_code_read_against_the_report_region() -> None:
    rec = extract_text(
        "长沙市岳麓区2015年政府信息公开工作年度报告\n"
        "区政府办公室印发了《关于加强政务公开工作的通知》（岳政办发〔2015〕12号）。",
        source_file="t.txt",
    )
    issued = {r.object.label for r in rec.relations if r.predicate == "issuedBy"}
    assert len(issued) == 1
    assert next(iter(issued)).endswith("岳麓区人民政府办公室")


def test_unreadable_prefix_gives_no_issuer() -> None:
    assert (
        relations("印发《关于推进政务公开的通知》（岚综管办〔2020〕80号）。", "issuedBy") == set()
    )


# --- basedOn -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "认真贯彻落实《某某指导意见》精神，及时制定下发《某县实施方案》。",
        "按照《某某指导意见》精神，研究提出年度重点，及时下发了《某县实施方案》。",
        "根据《某某指导意见》，我县制定了《某县实施方案》。",
    ],
)
def test_document_made_to_carry_out_another_is_based_on_it(body: str) -> None:
    assert relations(body, "basedOn") == {("某县实施方案", "某某指导意见")}


@pytest.mark.parametrize(
    "body",
    [
        "按照《某某指导意见》要求，推进工作。年初印发了《某县实施方案》。",
        "印发了《某县实施方案》，要求按照《某某指导意见》执行。",
        "根据《某某指导意见》，转发了《某县实施方案》。",
    ],
)
def test_no_basis_without_cue_and_making_verb_in_one_sentence(body: str) -> None:
    assert relations(body, "basedOn") == set()


def test_basis_named_by_its_subject() -> None:
    body = (
        "落实《中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见》。"
        "认真落实党中央、国务院关于全面推进政务公开工作的新部署，制定了《某县政务公开实施细则》。"
    )
    assert relations(body, "basedOn") == {
        ("某县政务公开实施细则", "中共中央办公厅国务院办公厅关于全面推进政务公开工作的意见")
    }


def test_title_that_carries_out_a_number_inside_it() -> None:
    body = "印发了《某县人民政府关于贯彻落实国办发〔2010〕5号文件精神的实施意见》。"
    assert relations(body, "basedOn") == {
        ("某县人民政府关于贯彻落实国办发〔2010〕5号文件精神的实施意见", "国办发〔2010〕5号")
    }


def test_a_basis_far_from_the_verb_is_not_taken() -> None:
    body = (
        "按照《某某指导意见》要求，" + "持续推进各项工作落地见效" * 8 + "，印发了《某县实施方案》。"
    )
    assert relations(body, "basedOn") == set()


def test_title_that_carries_out_a_title_inside_it() -> None:
    assert relations(
        "出台《关于贯彻〈中华人民共和国政府信息公开条例〉的实施意见》。", "basedOn"
    ) == {("关于贯彻中华人民共和国政府信息公开条例的实施意见", "中华人民共和国政府信息公开条例")}


# --- the samples ---------------------------------------------------------------


def _names(entity: dict[str, object]) -> set[str]:
    aliases = entity.get("aliases") or []
    assert isinstance(aliases, list)
    return {normalize_label(str(entity["label"]))} | {normalize_label(a) for a in aliases}


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_documents_match_gold(name: str, nlp: Language) -> None:
    rec = extract_file(CORPUS / name)
    found = [
        {normalize_label(e.label)} | {normalize_label(a) for a in e.aliases}
        for e in rec.entities
        if e.kind == "PolicyDocument"
    ]
    gold = [_names(e) for e in gold_for(name)["entities"] if e["type"] == "PolicyDocument"]
    assert len(found) == len(gold)
    for names in gold:
        assert any(names & f for f in found), names


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_document_relations_match_gold(name: str, nlp: Language) -> None:
    rec = extract_file(CORPUS / name)
    gold = gold_for(name)
    by_id = {e["id"]: normalize_label(e.get("label", "")) for e in gold["entities"]}
    predicates = ("hasDocumentNumber", "issuedBy", "basedOn")
    want = {
        (by_id[r["s"]], r["p"], by_id[r["o"]]) for r in gold["relations"] if r["p"] in predicates
    }
    got = {
        (normalize_label(r.subject.label), r.predicate, normalize_label(r.object.label))
        for r in rec.relations
        if r.predicate in predicates
    }
    assert got == want
