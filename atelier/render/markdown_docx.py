"""Markdown (the team's narrative) → Word paragraphs in the template's styles.

Parsed with markdown-it-py (CommonMark + tables), so what the team previews in any Markdown
editor is what the document shows. Mapping, by style name (templates/strategy.md):

    # and ##  → Heading 2     (the chapter's own title, from the front matter, is Heading 1)
    ### and deeper → Heading 3
    paragraphs → Normal; **bold**, *italic*, [links](https://…) as real hyperlinks
    - lists → List Bullet; 1. lists → List Number, each list numbered from its own start
    > quotes → Quote
    ![alt](../images/x.png "caption") → the image (alt text kept) + « Figure n — caption »
    | tables | → Tableau ALL, header row repeated
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from docx.oxml.ns import qn
from PIL import Image

from ..inputs.texts import Chapter, markdown
from .docx import DocxWriter, TableSpec

STYLES = {
    "Heading 2": ("paragraph", "sections of a text (# and ##)"),
    "Heading 3": ("paragraph", "sub-sections of a text (### and deeper)"),
    "Normal": ("paragraph", "paragraphs"),
    "List Bullet": ("paragraph", "bulleted lists"),
    "List Number": ("paragraph", "numbered lists"),
    "Quote": ("paragraph", "block quotes (>)"),
    "Hyperlink": ("character", "links"),
}


class _Numbering:
    """Each numbered list restarts at its own start: a new w:num on the style's abstract list."""

    def __init__(self, writer: DocxWriter):
        self.writer = writer
        style = writer.styles["List Number"].element
        num_id = style.find(qn("w:pPr") + "/" + qn("w:numPr") + "/" + qn("w:numId"))
        self.base = int(num_id.get(qn("w:val"))) if num_id is not None else None

    def restart(self, start: int) -> int | None:
        if self.base is None:  # the designer's List Number has no numbering: nothing to restart
            return None
        numbering = self.writer.document.part.numbering_part.element
        base = next(n for n in numbering.num_lst if n.numId == self.base)
        num = numbering.add_num(base.abstractNumId.val)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(start)
        return num.numId


def _use_num(paragraph, num_id: int | None):
    if num_id is None:
        return
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # at its place in w:pPr
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def _plain(inline) -> str:
    """A heading's text without its Markdown marks (headings take their look from the style)."""
    return "".join(c.content for c in inline.children or []
                   if c.type in ("text", "code_inline")).strip()


def _image_size_mm(path: Path, max_width: float) -> float:
    """Width to show an image at: ``max_width``, or narrower for a small image so it is never
    shown below 150 dpi."""
    with Image.open(path) as im:
        px = im.size[0]
    return min(max_width, px / 150 * 25.4)


class MarkdownWriter:
    def __init__(self, writer: DocxWriter, chapter: Chapter, image_width_mm: float):
        self.w = writer
        self.chapter = chapter
        self.image_width = image_width_mm
        self.images = {src: path for _, src, path in chapter.images}
        self.numbering = _Numbering(writer)

    def write(self):
        tokens = markdown().parse(self.chapter.body)
        self._blocks(tokens, 0, len(tokens), style="Normal")

    # Block tokens come flat (open … close); walk them with an index.
    def _blocks(self, tokens, i, end, style, list_style=None, num_id=None):
        while i < end:
            t = tokens[i]
            if t.type == "heading_open":
                level = 2 if int(t.tag[1]) <= 2 else 3
                self.w.heading(_plain(tokens[i + 1]), level)
                i += 3
            elif t.type == "paragraph_open":
                self._paragraph(tokens[i + 1], list_style or style, num_id)
                i += 3
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                close = self._close(tokens, i)
                if t.type == "ordered_list_open":
                    start = int(t.attrGet("start") or 1)
                    self._blocks(tokens, i + 1, close, style, "List Number",
                                 self.numbering.restart(start))
                else:
                    self._blocks(tokens, i + 1, close, style, "List Bullet", None)
                i = close + 1
            elif t.type == "list_item_open":
                close = self._close(tokens, i)
                self._blocks(tokens, i + 1, close, style, list_style, num_id)
                i = close + 1
            elif t.type == "blockquote_open":
                close = self._close(tokens, i)
                self._blocks(tokens, i + 1, close, "Quote")
                i = close + 1
            elif t.type == "table_open":
                close = self._close(tokens, i)
                self._table(tokens[i:close + 1])
                i = close + 1
            elif t.type in ("fence", "code_block"):
                for line in t.content.rstrip("\n").split("\n"):
                    self.w.paragraph("Normal", line)
                i += 1
            else:  # hr, html: nothing to write in a styled document
                i += 1

    @staticmethod
    def _close(tokens, i):
        depth = 0
        for j in range(i, len(tokens)):
            depth += tokens[j].nesting
            if depth == 0:
                return j
        return len(tokens) - 1

    def _paragraph(self, inline, style, num_id=None):
        images = [c for c in inline.children if c.type == "image"]
        text_left = any(c.type not in ("image", "softbreak", "hardbreak") and
                        (c.type != "text" or c.content.strip()) for c in inline.children)
        if text_left or not images:
            p = self.w.paragraph(style)
            if style == "List Number":
                _use_num(p, num_id)
            self._inline(p, inline, skip_images=True)
        for image in images:
            self._figure(image)

    def _figure(self, token):
        src = token.attrGet("src") or ""
        path = self.images[src]  # checked when the workflow was planned
        alt = "".join(c.content for c in token.children or []) or PurePosixPath(src).stem
        caption = token.attrGet("title") or alt
        self.w.image(path.read_bytes(), _image_size_mm(path, self.image_width), alt, caption)
        self.w.caption("Figure", caption)

    def _inline(self, paragraph, inline, skip_images=False):
        bold = italic = False
        link = None
        before = ""  # what the paragraph ends with so far: typography looks across runs
        for c in inline.children or []:
            kind = c.type
            if kind == "strong_open":
                bold = True
            elif kind == "strong_close":
                bold = False
            elif kind == "em_open":
                italic = True
            elif kind == "em_close":
                italic = False
            elif kind == "link_open":
                link = c.attrGet("href")
            elif kind == "link_close":
                link = None
            elif kind in ("text", "code_inline"):
                if link:
                    self.w.hyperlink(paragraph, link, c.content, bold, italic, before)
                else:
                    self.w.run(paragraph, c.content, bold, italic, before)
                before = c.content or before
            elif kind == "softbreak":
                self.w.run(paragraph, " ")
                before = " "
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind == "image" and not skip_images:
                self.w.run(paragraph, c.content)

    def _table(self, tokens):
        rows, current, header_done, n_header = [], None, False, 0
        for t in tokens:
            if t.type == "tr_open":
                current = []
            elif t.type == "inline":
                current.append(t.content)
            elif t.type == "tr_close":
                rows.append(current)
            elif t.type == "thead_close":
                header_done, n_header = True, len(rows)
        if not rows:
            return
        header = rows[0] if header_done and n_header else [""] * len(rows[0])
        body = rows[1:] if header_done and n_header else rows
        self.w.table(TableSpec(header, body))  # widths from the content, figures to the right
