"""Write the HTML, PDF and DOCX versions of the sample reports in tests/data/corpus, and bad inputs.

    /work/venv/bin/python tests/data/formats/make_formats.py

Each version carries the repaired text of the sample (``read_report``) the way
reports are published: an HTML page with navigation, breadcrumbs, related
links and a footer around the article; a PDF with a running header, page
numbers, first-line indents and ruled tables; a Word file with the same
header and footer. Tables are drawn with merged cells: pingtan-2023 takes the
row and column spans of its real web page (pingtan-2023.html, copied from the
site), the others span a short row's first cell over the missing columns.
pingtan-2023 has no generated HTML: its real page stands for it. chongqing-2012
is served as an old GB2312 page laid out in tables, with <br> between paragraphs.
The files are committed; reportlab is needed only to run this script.
Output is deterministic (fixed PDF dates and ids, fixed DOCX properties).
"""

from __future__ import annotations

import datetime
import html
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import lxml.html
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from extract.formats.html_blocks import cell_line, table_rows  # noqa: E402
from extract.ingest import read_report  # noqa: E402
from extract.layout import starts_block  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
REAL_PAGE = HERE / "pingtan-2023.html"
SITES = {"chongqing": "重庆市人民政府", "pingtan": "平潭综合实验区党工委管委会"}
FONT = "STSong-Light"
MAX_HEADING_CHARS = 40
rl_config.invariant = 1  # fixed creation date and document id: same bytes on every run


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    rows: list[list[Cell]]
    columns: int

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell, columns found as HTML does: skipping spanned slots."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out


@dataclass
class Block:
    kind: str  # title, heading, body, table
    text: str = ""
    grid: Grid | None = None


@dataclass
class Report:
    name: str  # file stem
    title: str
    site: str
    blocks: list[Block] = field(default_factory=list)


# ---------------------------------------------------------------- the samples as blocks


def report_of(path: Path, page_tables: list[list[list[Cell]]]) -> Report:
    lines = read_report(path).text.split("\n")
    site = SITES[path.stem.split("-")[0]]
    report = Report(path.stem, lines[0], site, [Block("title", lines[0])])
    table: list[list[str]] = []
    for line in [*lines[1:], ""]:
        if " | " in line or line.startswith("| "):
            cells = [cell.strip() for cell in line.split("|")]
            if any(cells):  # readers drop a row with no text at all
                table.append(cells)
            continue
        if table:
            report.blocks.append(Block("table", grid=grid_of(table, page_tables)))
            table = []
        if line:
            short = len(line) <= MAX_HEADING_CHARS and not line.endswith("。")
            report.blocks.append(Block("heading" if short and starts_block(line) else "body", line))
    return report


def grid_of(rows: list[list[str]], page_tables: list[list[list[Cell]]]) -> Grid:
    """The spans of the real page's table rows with these texts, else short rows' first cells span."""
    for page_rows in page_tables:
        texts = [[c.text for c in row] for row in page_rows]
        for start in range(len(texts) - len(rows) + 1):
            if texts[start : start + len(rows)] == rows:
                taken = page_rows[start : start + len(rows)]
                grid = Grid([[Cell(c.text, c.rowspan, c.colspan) for c in r] for r in taken], 0)
                grid.columns = max(c + cell.colspan for _, c, cell in grid.placed())
                return grid
    columns = max(len(row) for row in rows)
    return Grid(
        [
            [Cell(t, 1, columns - len(row) + 1 if i == 0 else 1) for i, t in enumerate(row)]
            for row in rows
        ],
        columns,
    )


def real_page_tables() -> list[list[list[Cell]]]:
    root = lxml.html.fromstring(REAL_PAGE.read_bytes())
    return [
        [
            [Cell(cell_line(td), int(td.get("rowspan", 1)), int(td.get("colspan", 1))) for td in row]
            for row in table_rows(table)
        ]
        for table in root.iter("table")
    ]


# ---------------------------------------------------------------- HTML


SCRIPT = """<script type="text/javascript">
var _hmt = _hmt || []; var siteName = "{site}";
function searchSite() {{ var q = document.getElementById("q").value; if (!q) {{ alert("请输入关键词"); }} }}
</script>"""
NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进{short}", "专题专栏", "数据发布", "政策解读"]
RELATED = [
    "关于印发{short}政务公开工作要点的通知（全文及政策解读）",
    "{short}人民政府办公厅关于进一步做好政府信息公开申请办理工作的通知",
    "{short}政府信息公开指南（年度修订版）及依申请公开流程图",
    "{short}2024年度政府信息公开工作年度报告（文字版与图解版）",
]


def html_table(grid: Grid) -> str:
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row:
            spans = ""
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            cells.append(f"<td{spans}><p>{html.escape(cell.text)}</p></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0" width="100%">\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def modern_page(report: Report) -> bytes:
    short = report.site.removesuffix("人民政府").removesuffix("党工委管委会")
    nav = "".join(f'<li><a href="/c{i}/">{n.format(short=short)}</a></li>' for i, n in enumerate(NAV))
    related = "".join(
        f'<li><a href="/r{i}.html">{t.format(short=short)}</a><span>2024-0{i + 1}-15</span></li>'
        for i, t in enumerate(RELATED)
    )
    body = []
    for block in report.blocks[1:]:
        if block.kind == "table":
            assert block.grid is not None
            body.append(html_table(block.grid))
        elif block.kind == "heading":
            body.append(f"<p><strong>{html.escape(block.text)}</strong></p>")
        else:
            body.append(f'<p style="text-indent:2em">{html.escape(block.text)}</p>')
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{report.title}_政府信息公开年报_{report.site}</title>
<link rel="stylesheet" href="/css/main.css">
{SCRIPT.format(site=report.site)}
</head>
<body>
<div id="top-bar"><a href="/">无障碍</a> | <a href="/en/">English</a> | <a href="/login">登录</a></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{report.site}"></div>
<div class="search"><input id="q" type="text" placeholder="请输入关键词"><button onclick="searchSite()">搜索</button></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="container">
 <div class="detail">
  <h1 class="detail-title">{report.title}</h1>
  <div class="detail-info"><span>发布时间：2024-03-08</span><span>来源：{report.site}办公室</span><span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
  <div class="detail-body" id="zoom">
{chr(10).join(body)}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
 </div>
 <div class="sidebar"><h3>相关文章</h3><ul>{related}</ul></div>
</div>
<div class="footer">
 <p>主办单位：{report.site}办公室　　承办单位：{report.site}大数据发展中心　　网站标识码：5000000095</p>
 <p>地址：{short}行政中心一号楼　　联系电话：023-63899000　　为确保最佳浏览效果，建议您使用分辨率1366*768以上的浏览器浏览本网站</p>
 <p><a href="https://beian.miit.gov.cn/">ICP备05003300号</a>　<a href="/wzdt/">网站地图</a>　<a href="/lxwm/">联系我们</a></p>
</div>
<script src="/js/stat.js"></script>
</body>
</html>
"""
    return page.encode("utf-8")


def legacy_page(report: Report) -> bytes:
    """A 2012-style page: GB2312, nested layout tables, <font>, paragraphs split by <br>."""
    short = report.site.removesuffix("人民政府")
    links = "<br>".join(f'<a href="/c{i}/">{n.format(short=short)}</a>' for i, n in enumerate(NAV))
    paragraphs = []
    for block in report.blocks[1:]:
        assert block.kind != "table", "the legacy page lays out prose only"
        text = html.escape(block.text)
        paragraphs.append(text if block.kind == "heading" else "&nbsp;&nbsp;&nbsp;&nbsp;" + text)
    body = "<br>\n".join(paragraphs)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{report.site}--{report.title}</title>
<style>.f14 {{ font-size: 14px; line-height: 24px }}</style>
</head>
<body topmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/top.jpg" width="980" height="120"></td></tr>
<tr><td bgcolor="#1C5FA8" height="30">{"&nbsp;|&nbsp;".join(f'<a href="/c{i}/"><font color="#FFFFFF">{n.format(short=short)}</font></a>' for i, n in enumerate(NAV))}</td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="200" valign="top" class="left">{links}</td>
<td width="780" valign="top">
 <table width="100%" border="0" cellspacing="0" cellpadding="0">
 <tr><td height="30">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政府信息公开</a></td></tr>
 <tr><td align="center" height="50"><font size="4"><b>{report.title}</b></font></td></tr>
 <tr><td align="center">时间：2013-03-29　来源：{short}政府办公厅　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>
 <tr><td class="f14"><font face="宋体">
{body}
 </font></td></tr>
 </table>
</td>
</tr>
</table>
<table width="980" border="0" align="center"><tr><td align="center" class="bottom">
版权所有：{report.site}办公厅　　地址：{short}市渝北区仙桃街道　　技术支持：{short}市信息中心<br>
建议使用IE6.0以上版本浏览，1024*768分辨率　　渝ICP备05003300号
</td></tr></table>
</body>
</html>
"""
    return page.encode("gb18030")


# ---------------------------------------------------------------- PDF


def pdf_bytes(report: Report) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=30, alignment=TA_CENTER,
                           spaceAfter=12, wordWrap="CJK")
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=14, leading=24, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=22, firstLineIndent=24,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    story = []
    for block in report.blocks:
        if block.kind == "table":
            assert block.grid is not None
            story.append(pdf_table(block.grid, cell))
        else:
            style = {"title": title, "heading": heading, "body": body}[block.kind]
            story.append(Paragraph(html.escape(block.text), style))

    def furniture(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, report.title)
        canvas.line(25 * mm, A4[1] - 17 * mm, A4[0] - 25 * mm, A4[1] - 17 * mm)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {document.page} -")
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                                 topMargin=25 * mm, bottomMargin=22 * mm, title=report.title,
                                 author=report.site, creator="govkg make_formats.py")
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def pdf_table(grid: Grid, style: ParagraphStyle) -> Table:
    data = [[""] * grid.columns for _ in grid.rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    weights = [1.0] * grid.columns
    for r, c, cell in grid.placed():
        data[r][c] = Paragraph(html.escape(cell.text), style)  # type: ignore[call-overload]
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
        if cell.colspan == 1:
            weights[c] = max(weights[c], min(len(cell.text), 14) / 3)
    width = A4[0] - 50 * mm
    widths = [width * w / sum(weights) for w in weights]
    return Table(data, colWidths=widths, style=TableStyle(commands))


# ---------------------------------------------------------------- DOCX


def docx_bytes(report: Report) -> bytes:
    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.author = report.title, report.site
    fixed = datetime.datetime(2024, 3, 8, 12, 0, 0)
    properties.created = properties.modified = fixed
    properties.last_modified_by = properties.author
    properties.revision = 1
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    section = document.sections[0]
    section.header.paragraphs[0].text = report.title
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    page_field(footer.add_run())
    footer.add_run(" -")
    for block in report.blocks:
        if block.kind == "table":
            assert block.grid is not None
            docx_table(document, block.grid)
        elif block.kind == "title":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(block.text).font.size = Pt(18)
        else:
            paragraph = document.add_paragraph(block.text)
            if block.kind == "body":
                paragraph.paragraph_format.first_line_indent = Pt(24)
            else:
                paragraph.runs[0].bold = True
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue())


def page_field(run) -> None:  # type: ignore[no-untyped-def]
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def docx_table(document, grid: Grid) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in grid.placed():
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text


def fixed_zip(data: bytes) -> bytes:
    """The archive rewritten with a fixed timestamp on every entry, for byte-identical output."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 8, 12, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- inputs that must be refused


def locked_pdf(user_password: str) -> bytes:
    """An encrypted one-page PDF; with an empty user password it opens without one.

    The text is Latin in a standard font: pdfminer does not decrypt the names of
    a non-embedded CID font (STSong-Light) in a file reportlab encrypted.
    """
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    encryption = StandardEncryption(user_password, ownerPassword="owner", canPrint=1, canCopy=0)
    canvas = Canvas(out, pagesize=A4, encrypt=encryption)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(25 * mm, A4[1] - 40 * mm, "Annual report on government information disclosure")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(25 * mm, A4[1] - 55 * mm, "This report was compiled by the county government office.")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture of text lines, and a page number: what a scanner makes."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(60, 760, 28):
        draw.rectangle((60 if y > 60 else 200, y, 540, y + 12), fill=40)
    picture = io.BytesIO()
    image.save(picture, format="PNG")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 20 * mm, 30 * mm, 170 * mm, 230 * mm)
    canvas.drawCentredString(A4[0] / 2, 12 * mm, "1")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# ---------------------------------------------------------------- main


def main() -> None:
    page_tables = real_page_tables()
    for path in sorted(CORPUS.glob("*.txt")):
        report = report_of(path, page_tables if path.stem == REAL_PAGE.stem else [])
        outputs = {".pdf": pdf_bytes(report), ".docx": docx_bytes(report)}
        if path.stem != REAL_PAGE.stem:
            legacy = not any(b.kind == "table" for b in report.blocks) and "2012" in path.stem
            outputs[".html"] = legacy_page(report) if legacy else modern_page(report)
        for suffix, data in outputs.items():
            (HERE / f"{path.stem}{suffix}").write_bytes(data)
            print(f"{path.stem}{suffix}: {len(data)} bytes")
    bad = {"encrypted.pdf": locked_pdf("secret"), "owner-locked.pdf": locked_pdf(""),
           "scanned.pdf": scanned_pdf()}
    for name, data in bad.items():
        (HERE / "bad" / name).parent.mkdir(exist_ok=True)
        (HERE / "bad" / name).write_bytes(data)
        print(f"bad/{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
