"""The strategy document's job, planned while the workflow is parsed (light imports only).

The narrative chapters are Markdown files in ``inputs/textes/`` with a front matter::

    ---
    ordre: 3
    titre: "Le Parcours noir"
    ---

They are read and checked here, before any job runs, so that a missing title or a broken image
reference stops the run with the file and the line, like a mistake in a sheet does. The job
then depends on exactly the texts, the images they show and the records the chapters use.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .. import yamlfile
from ..inputs.images import check_image
from ..inputs.problems import Problem, format_report
from ..inputs.texts import Chapter, markdown
from ..paths import BUILD, INPUTS, code_files
from ..pipeline import Staged
from ..records.stage import dumps, write_if_changed

TEXTES = INPUTS / "textes"
IMAGES = INPUTS / "images"
# The tables whose records the document shows (each a job input, as the whole table).
TABLES = ("partenaires", "projets", "planning", "budget", "indicateurs", "menus", "plats",
          "produits")


def _front_matter(text: str) -> tuple[dict | None, str, int, str | None]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1, "a front matter first: ---, ordre: <number>, titre: <title>, ---"
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            try:
                meta = yamlfile.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                return None, "", 1, f"a valid YAML front matter ({exc.problem})"
            if not isinstance(meta, dict):
                return None, "", 1, "a front matter of « key: value » lines"
            return meta, "\n".join(lines[i + 1:]), i + 2, None
    return None, text, 1, "a front matter closed by a line « --- »"


# Image references by the digest of the text they were found in: the texts rarely change, and
# importing and running the Markdown parser at every parse cost ~0.1 s.
IMAGE_REFS_CACHE = BUILD / ".cache" / "markdown-images.json"


def _image_refs(body: str, known: dict, found: dict) -> list[tuple[int, str]]:
    """(line, src) of each image of ``body``, from ``known`` (text digest -> refs) when it holds
    them; either way they go into ``found``, the cache's next content."""
    key = hashlib.sha256(body.encode("utf-8")).hexdigest()
    found[key] = known[key] if key in known else _parse_image_refs(body)
    return [(line, src) for line, src in found[key]]


def _parse_image_refs(body: str) -> list[tuple[int, str]]:
    refs = []

    def walk(tokens, line):
        for t in tokens:
            here = t.map[0] if t.map else line
            if t.type == "image":
                refs.append((here, t.attrGet("src") or ""))
            if t.children:
                walk(t.children, here)

    walk(markdown().parse(body), 0)
    return refs


def read_chapters(folder: Path = TEXTES, images: Path = IMAGES,
                  learnt: dict | None = None) -> tuple[list[Chapter], list[Problem]]:
    """Every ``*.md`` of ``folder``, in ``ordre`` order, and the problems found in them.

    The image references found are cached in build/.cache/: written here (in a job), or put in
    ``learnt`` (path -> text) while the workflow is parsed, which only reads."""
    chapters, problems = [], []
    try:
        known = json.loads(IMAGE_REFS_CACHE.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        known = {}
    found: dict = {}
    for path in sorted(folder.glob("*.md")):
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(where, expected="a UTF-8 text file"))
            continue
        meta, body, first, error = _front_matter(text)
        if error:
            problems.append(Problem(where, column="line 1 (front matter)", expected=error))
            continue
        ordre, titre = meta.get("ordre"), meta.get("titre")
        before = len(problems)
        if not isinstance(ordre, int) or isinstance(ordre, bool):
            problems.append(Problem(where, column="ordre", value=str(ordre or ""),
                                    expected="a whole number: the chapter's place"))
        if not isinstance(titre, str) or not titre.strip():
            problems.append(Problem(where, column="titre", value=str(titre or ""),
                                    expected="the chapter's title"))
        usable = len(problems) == before  # still check the images: report everything at once
        chapter = Chapter(path, ordre if usable else 0, str(titre or "").strip(), body, first)
        for line, src in _image_refs(body, known, found):
            name = PurePosixPath(src).name
            # Texts point at images as ../images/x.png (so Markdown previews show them).
            if src not in (f"../images/{name}", name, f"images/{name}"):
                problems.append(Problem(where, column=f"line {first + line} (image)", value=src,
                                        expected="an image of inputs/images/, written "
                                                 "../images/<file>"))
                continue
            bad = check_image(name, images)
            if bad:
                problems.append(Problem(where, column=f"line {first + line} (image)", value=src,
                                        expected=bad))
                continue
            chapter.images.append((first + line, src, images / name))
        if usable:
            chapters.append(chapter)
    seen: dict[int, Chapter] = {}
    for c in chapters:
        if c.ordre in seen:
            problems.append(Problem(str(c.path), column="ordre", value=str(c.ordre),
                                    expected=f"a number no other text uses ({seen[c.ordre].path} "
                                             "has it too)"))
        seen[c.ordre] = c
    if learnt is not None:
        learnt[str(IMAGE_REFS_CACHE)] = dumps(found)
    elif found != known:
        write_if_changed(IMAGE_REFS_CACHE, dumps(found))
    return sorted(chapters, key=lambda c: (c.ordre, c.path.name)), problems


# The modules that shape each output: inputs of its rule, so a code change rebuilds the document.
DOCX_CODE = code_files("office.py", "brand.py", "allergens.py", "content/strategy.py",
                       "content/nutrition.py", "content/typography.py",
                       "content/formats.py", "plan/strategy.py", "jobs/strategy.py",
                       "render/docx.py", "render/markdown_docx.py", "render/gantt.py",
                       "render/strategy.py", "render/canvas.py", "render/charts.py",
                       "render/colwidths.py", "render/fontembed.py", "render/pictures.py",
                       "layout/text.py", "layout/fonts.py")
PDF_CODE = code_files("office.py", "uno_pdf.py", "jobs/strategy.py")


@dataclass
class StrategyJob:
    docx: str
    pdf: str | None  # None when LibreOffice is not installed
    template: str
    texts: list[str]
    images: list[str]
    records: list[str]
    docx_code: list[str]
    pdf_code: list[str]


def strategy_job(staged: Staged, folder: Path = TEXTES) -> StrategyJob:
    """The job's files; on problems in the texts, stop with them all (SystemExit)."""
    learnt: dict = {}
    chapters, problems = read_chapters(folder, learnt=learnt)
    for path, text in learnt.items():
        staged.remember(path, hashlib.sha256(text.encode()).hexdigest(), None)
        staged.learnt[path] = text.encode("utf-8")
    conf = staged.settings["documents"]["strategy"]
    cover = (conf.get("cover") or {}).get("image")
    bad = check_image(cover, IMAGES) if cover else None
    if bad:
        problems.append(Problem("config/settings.yaml", column="documents.strategy.cover.image",
                                value=cover, expected=bad))
    if problems:
        raise SystemExit(format_report(problems).replace("in the inputs", "in the texts"))
    out = BUILD / "docs" / conf["output"]
    return StrategyJob(
        docx=f"{out}.docx",
        pdf=f"{out}.pdf" if shutil.which("soffice") else None,
        template=f"templates/{conf['template']}",
        texts=[str(c.path) for c in chapters],
        images=sorted({str(p) for c in chapters for _, _, p in c.images}
                      | ({str(IMAGES / cover)} if cover else set())),
        records=[staged.whole(t) for t in TABLES],
        docx_code=DOCX_CODE,
        pdf_code=PDF_CODE,
    )
