"""The narrative texts of ``inputs/textes/``: a chapter as read from its Markdown file, and the
Markdown parser they are read and rendered with (the strategy's planner checks them, its
renderer writes them into Word)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Chapter:
    path: Path
    ordre: int
    titre: str
    body: str
    first_line: int  # line number of the body's first line in the file (1-based)
    images: list[tuple[int, str, Path]] = field(default_factory=list)  # (line, src, file)


def markdown():
    """The parser used for the narrative: CommonMark, plus tables."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")
