"""Topics: controlled-list fields spoken of as disclosed or requested, once per report."""

from __future__ import annotations

import pytest
from samples import CORPUS, SAMPLES, gold_for
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract.components.reforms import Reforms
from extract.components.topics import Topics, topic_forms
from extract.extensions import ENTITIES_KEY, add_entity_span, entity_label
from extract.ingest import read_report
from extract.normalize import normalize_label

_VOCAB = Vocab()
_REFORMS = Reforms(None, "gov_reforms")  # type: ignore[arg-type]
_TOPICS = Topics(None, "gov_topics")  # type: ignore[arg-type]


def _doc(text: str) -> Doc:
    """One token per character, as the pipeline's tokenizer makes them."""
    return Doc(_VOCAB, words=list(text), spaces=[False] * len(text))


def topics_of(text: str, agencies: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """Topic label -> surface forms, after reforms (and the given agency names) are found."""
    doc = _doc(text)
    for name in agencies:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label="Agency")
        assert span is not None
        add_entity_span(doc, span, name)
    doc = _TOPICS(_REFORMS(doc))
    found: dict[str, set[str]] = {}
    for span in doc.spans.get(ENTITIES_KEY, ()):
        if span.label_ == "Topic":
            found.setdefault(entity_label(span), set()).add(normalize_label(span.text))
    return found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("推进财政预决算公开", "财政预决算"),
        ("全市169家市级预算单位公开部门预算信息", "财政预决算"),
        ("对“三\n公”经费公开", "三公经费"),
        ("公租房、廉租房分配信息全部公开", "保障性住房"),
        ("推进食品药品安全信息公开", "食品安全"),
        ("全年发布生态环境保护类信息40条", "环境保护"),
        ("推进政府采购信息公开", "公共资源配置"),
        ("做好安全生产事故调查报告的公开", "安全生产"),
        ("申请内容主要集中在房屋征收与补偿、土地征用", "征地拆迁"),
        ("公开收费目录清单", "价格和收费"),
        ("全年公开精准扶贫资金项目信息", "扶贫"),
        ("公开城乡低保、临时救助等信息", "社会救助"),
        ("稳岗就业、生态环境等重点民生领域的信息公开", "就业创业"),
        ("推进义务教育招生入学信息公开", "教育"),
        ("推进卫生计生监管信息公开", "医疗卫生"),
        ("深化审计结果公告及整改情况的公开", "审计"),
        ("推进重大建设项目批准和实施领域信息公开", "重大建设项目"),
        ("全面公开权责清单", "权力清单"),
        ("加快推进企业信用体系信息公开", "企业信用"),
        ("集中公开户口管理、居民身份证管理的政策", "户籍管理"),
        ("行政许可类信息40条", "行政审批"),
        ("全面、及时公开各类税收政策", "税收"),
    ],
)
def test_each_field_is_found_by_its_usual_names(text: str, label: str) -> None:
    assert label in topics_of(text)


@pytest.mark.parametrize(
    ("row", "label"),
    [
        ("行政许可 | 396 | 442 | 278", "行政审批"),
        ("行政事业性收费 | 5949.088667", "价格和收费"),
        ("政府集中采购 | 395 | 73802895.90元", "公共资源配置"),
        ("行政许可 2629", "行政审批"),
        ("行政事业性收费35-15", "价格和收费"),
    ],
)
def test_rows_of_the_national_tables_are_topics(row: str, label: str) -> None:
    assert label in topics_of("二、主动公开政府信息情况\n" + row + "\n")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("广泛开展预防传染病的健康教育，发布健康信息", "教育"),
        ("组织开展保密教育和政务公开教育培训，公开培训信息", "教育"),
        ("市审计局公开了信息", "审计"),
        ("县扶贫办公开了信息", "扶贫"),
        ("区环保局公开了信息", "环境保护"),
        ("区卫生健康委公开了信息", "医疗卫生"),
        ("通过重庆价格信息网发布信息", "价格和收费"),
        ("在中国政府采购网公开信息", "公共资源配置"),
        ("开通“重庆就业网”，发布信息", "就业创业"),
        ("区食品药品监督管理局发布信息", "食品安全"),
        ("下发了《重庆市食品安全信息管理办法》", "食品安全"),
        ("完善食品安全信息联络员制度", "食品安全"),
        ("大力推进网上行政审批改革", "行政审批"),
        ("区医疗保障局公开医保信息", "医疗卫生"),
        ("政府信息公开的收费及减免情况", "价格和收费"),
        ("科教文体卫生类信息246条", "教育"),
        ("申请内容主要涉及民办学校审批等", "行政审批"),
    ],
)
def test_a_field_word_inside_another_name_is_not_a_topic(text: str, label: str) -> None:
    assert label not in topics_of(text)


def test_a_word_inside_an_agency_found_before_is_not_a_topic() -> None:
    text = "市教育委员会公开了工作信息"
    assert topics_of(text, agencies=("市教育委员会",)) == {}


def test_a_field_word_without_talk_of_information_is_not_a_topic() -> None:
    assert topics_of("开展预防传染病的健康知识讲座，倡导文明健康的生活方式，加强教育") == {}


def test_a_topic_counts_once_with_every_surface_form() -> None:
    text = "深入推进预决算公开。公开部门预算信息。按时公开决算信息。"
    found = topics_of(text)
    assert set(found) == {"财政预决算"}
    assert found["财政预决算"] == {"预决算", "部门预算", "决算"}


def test_power_list_is_a_topic_and_a_reform_on_the_same_words() -> None:
    doc = _TOPICS(_REFORMS(_doc("全面公开权力清单和责任清单")))
    kinds = {(s.label_, entity_label(s)) for s in doc.spans[ENTITIES_KEY]}
    assert {("Topic", "权力清单"), ("Reform", "权力清单"), ("Reform", "责任清单")} <= kinds


def test_every_topic_form_names_a_field_of_the_controlled_list() -> None:
    controlled = {
        "财政预决算", "三公经费", "保障性住房", "食品安全", "环境保护", "公共资源配置",
        "安全生产", "征地拆迁", "价格和收费", "扶贫", "社会救助", "就业创业", "教育",
        "医疗卫生", "审计", "重大建设项目", "权力清单", "企业信用", "户籍管理", "行政审批",
        "税收", "-",
    }  # fmt: skip
    assert {f.label for f in topic_forms().values()} <= controlled


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_report_topics_equal_gold(name: str) -> None:
    text = read_report(CORPUS / name).text
    gold = {e["label"] for e in gold_for(name)["entities"] if e["type"] == "Topic"}
    assert set(topics_of(text)) == gold


def test_in_the_pipeline_a_topic_is_one_entity_with_its_forms_as_aliases() -> None:
    from extract.pipeline import extract_text

    record = extract_text("深入推进预决算公开。公开部门预算信息。", source_file="t.txt")
    topics = [e for e in record.entities if e.kind == "Topic"]
    assert [(e.label, len(e.mentions)) for e in topics] == [("财政预决算", 2)]
    assert set(topics[0].aliases) == {"预决算", "部门预算"}
