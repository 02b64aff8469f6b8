"""Line breaking as a designer breaks lines (atelier/layout/text.py): no hyphenated headings,
body hyphenation limits, balanced titles, no widows, Japanese broken between phrases."""

import pytest

from atelier.brand import fonts
from atelier.layout.text import (
    NO_START,
    Overset,
    Paragraph,
    Rules,
    Run,
    fit,
    is_cjk,
    lay_out,
    phrase_starts,
    rules,
)

F = fonts()


def lines_of(paragraph, width, size):
    lay = lay_out([paragraph], F, width, size)
    return ["".join(s.text for s in line.spans) for line in lay.lines]


def hyphenated(lines):
    # a line ending in a hyphen the text did not have
    return [line for line in lines if line.endswith("-")]


TITLE = "Crème de maroilles à tartiner"


@pytest.mark.parametrize("width", [float(w) for w in range(18, 45, 2)])
def test_a_heading_is_never_hyphenated(width):
    assert not hyphenated(lines_of(Paragraph.heading(TITLE), width, 11))


def test_heading_and_body_differ():
    widths = [float(w) for w in range(18, 45)]
    body = [w for w in widths if hyphenated(lines_of(Paragraph.of(TITLE), w, 11))]
    head = [w for w in widths if hyphenated(lines_of(Paragraph.heading(TITLE), w, 11))]
    assert body, "the body counter-example should hyphenate somewhere"
    assert head == []


def test_nothing_at_12_pt_or_more_is_hyphenated():
    text = "Les producteurs transmettent leur connaissance gastronomique exceptionnelle"
    for w in range(30, 70, 2):
        assert not hyphenated(lines_of(Paragraph.of(text), float(w), 12))
    assert any(hyphenated(lines_of(Paragraph.of(text), float(w), 11.5)) for w in range(30, 70, 2))


def test_fit_shrinks_a_heading_rather_than_hyphenate_it_and_names_it_when_it_cannot():
    lay = fit([Paragraph.heading("Carbonade flamande")], F, 25, 30, 14, 8, "dish « carbonade »")
    text = ["".join(s.text for s in line.spans) for line in lay.lines]
    assert not hyphenated(text) and lay.size_pt < 14
    with pytest.raises(Overset, match="dish « carbonade ».*Carbonade"):
        fit([Paragraph.heading("Carbonade flamande")], F, 12, 30, 14, 10, "dish « carbonade »")


BODY = ("Nos producteurs travaillent exclusivement des fromages affinés longuement "
        "dans les caves traditionnelles du bassin minier, transmettant méticuleusement "
        "leur extraordinaire patrimoine gastronomique régional Maroilles")


def test_body_hyphenation_limits():
    r = rules()
    seen = 0
    for w in range(14, 60):
        lines = lines_of(Paragraph.of(BODY), float(w), 8)
        run = 0
        for i, line in enumerate(lines):
            if line.endswith("-"):
                seen += 1
                head = line.split()[-1][:-1]
                tail = lines[i + 1].split()[0].rstrip(",.")
                word = head + tail
                assert sum(c.isalpha() for c in word) >= r.hyphen_min_letters, (w, word)
                assert len(head) >= r.hyphen_left and len(tail) >= r.hyphen_right, (w, head, tail)
                assert not word[:1].isupper(), (w, word)  # proper nouns stay whole
                run += 1
                assert run <= r.hyphen_max_run, (w, lines)
            else:
                run = 0
        assert lines[-1].split()[-1] == "Maroilles"  # the last word is never cut
    assert seen > 20  # the paragraph does get hyphenated


def test_the_last_word_of_a_paragraph_is_never_hyphenated():
    text = "Tarte au sucre traditionnellement"
    for w in range(10, 40):
        lines = lines_of(Paragraph.of(text), float(w), 9)
        assert not any(line.endswith("-") and i == len(lines) - 2
                       and "traditionnellement".startswith(line.split()[-1][:-1])
                       for i, line in enumerate(lines)), (w, lines)


def test_max_two_hyphenated_lines_in_a_row_is_a_setting():
    from atelier.layout import text as engine

    engine.set_rules(Rules(hyphen_max_run=0))
    try:
        for w in range(14, 60, 3):
            assert not hyphenated(lines_of(Paragraph.of(BODY), float(w), 8))
    finally:
        engine.set_rules(None)


def test_the_rules_are_the_project_folders(tmp_path, monkeypatch):
    """The project's config/settings.yaml, as the workflow reads it (not the repository's)."""
    from atelier.layout import text as engine

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text("text:\n  widow_max_chars: 3\n")
    monkeypatch.chdir(tmp_path)
    engine.set_rules(None)
    try:
        assert engine.rules().widow_max_chars == 3
    finally:
        engine.set_rules(None)
    assert Rules().widow_max_chars != 3


def test_a_multi_line_heading_is_balanced():
    title = "Arras, le marché noir et les caves de la place des Héros"
    for w in (60.0, 70.0, 80.0):
        lay = lay_out([Paragraph.heading(title)], F, w, 14)
        widths = [line.width for line in lay.lines]
        assert len(widths) >= 2
        # no short last line (a middle line may be shorter: « et les caves » keeps its words
        # together, as heading_no_line_end asks)
        assert widths[-1] >= 0.7 * max(widths), (w, widths)
    # the counter-example: the same words as body leave a short last line
    lay = lay_out([Paragraph.of(title)], F, 80.0, 14)
    widths = [line.width for line in lay.lines]
    assert widths[-1] < 0.7 * max(widths)


def test_no_widow_at_the_end_of_a_paragraph():
    r = rules()
    text = "Un pain d’épices au miel du terril, servi avec une crème glacée au sucre et du thé"
    found = 0
    for w in range(30, 90):
        body = lines_of(Paragraph.of(text), float(w), 9)
        assert len(body) == 1 or not (" " not in body[-1] and len(body[-1]) <= r.widow_max_chars), \
            (w, body)
        found += len(body) > 1
    assert found


def test_widow_avoidance_can_be_seen_failing_without_it():
    from atelier.layout import text as engine

    text = "Un pain d’épices au miel du terril, servi avec une crème glacée au sucre et du thé"
    engine.set_rules(Rules(widow_narrowing=0.0))
    try:
        widows = [w for w in range(30, 90)
                  if " " not in (lines := lines_of(Paragraph.of(text), float(w), 9))[-1]
                  and len(lines) > 1 and len(lines[-1]) <= 8]
    finally:
        engine.set_rules(None)
    assert widows  # without it, some measures leave « thé » alone


# -- Japanese ---------------------------------------------------------------------------------

JA = ["自家製のプラリネ", "スモーククリームのタルト、自家製ソース添え", "グルテンフリーのパン"]


def _phrases(text):
    starts = sorted(phrase_starts(text) | {0, len(text)})
    return [text[a:b] for a, b in zip(starts, starts[1:], strict=False)]


def _breaks_inside_phrase(text, lines):
    bounds = set()
    k = 0
    for p in _phrases(text):
        k += len(p)
        bounds.add(k)
    k, bad = 0, []
    for line in lines[:-1]:
        k += len(line)
        if k not in bounds:
            bad.append(k)
    return bad


@pytest.mark.parametrize("text", JA)
def test_japanese_headings_break_only_between_phrases(text):
    assert len(_phrases(text)) >= 1
    for w in range(8, 60, 2):
        lay = lay_out([Paragraph.heading(text, lang="ja")], F, float(w), 10)
        lines = ["".join(s.text for s in line.spans) for line in lay.lines]
        assert "".join(lines) == text
        assert not _breaks_inside_phrase(text, lines), (w, lines)


def test_japanese_body_breaks_per_character_only_when_a_phrase_is_wider_than_the_line():
    text = "スモーククリームのタルト、自家製ソース添え" * 3
    for w in range(6, 40, 2):
        lines = lines_of(Paragraph.of(text, lang="ja"), float(w), 9)
        assert "".join(lines) == text
        assert not any(line[:1] in NO_START for line in lines), lines
        phrase_w = max(lay_out([Paragraph.heading(p, lang="ja", bold=False)], F, 999, 9)
                       .lines[0].width for p in _phrases(text))
        if phrase_w <= w:
            assert not _breaks_inside_phrase(text, lines), (w, lines)
    # too narrow for its longest phrase: per character, still with kinsoku
    lines = lines_of(Paragraph.of(text, lang="ja"), 12.0, 9)
    assert _breaks_inside_phrase(text, lines)
    # a heading that narrow overflows instead (fit then shrinks it, or names it)
    lay = lay_out([Paragraph.heading("スモーククリーム", lang="ja")], F, 10.0, 9)
    assert lay.overflows


def test_mixed_latin_japanese_keeps_phrases():
    text = "Maroilles（マロワール）チーズのタルト"
    for w in range(10, 50, 2):
        lines = lines_of(Paragraph.heading(text, lang="ja"), float(w), 9)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(not is_cjk(line[:1]) or line[:1] not in NO_START for line in lines)


def test_roles_are_checked():
    with pytest.raises(ValueError, match="role"):
        Paragraph([Run("x")], role="title")


LEADS = ["Aniche, le verre noir", "Soupe froide de petits pois", "Cornet de frites à la carte",
         "Tartine chaude au maroilles", "Olhain, la boucle gourmande à vélo"]


@pytest.mark.parametrize("title", LEADS)
def test_a_heading_line_never_ends_on_a_short_leading_word(title):
    """« Aniche, le / verre noir »: the words of ``text.heading_no_line_end`` stay with the
    next word in titles and names, at every measure; body text may still break after them."""
    short = rules().no_line_end("fr")
    assert {"le", "la", "de", "à", "au"} <= short
    body_ends = set()
    for width in [float(w) for w in range(20, 70, 2)]:
        lines = lines_of(Paragraph.heading(title), width, 11)
        assert [ln for ln in lines[:-1] if ln.split()[-1].lower() in short] == [], (width, lines)
        body = lines_of(Paragraph.of(title), width, 11)
        body_ends |= {ln.split()[-1].lower() for ln in body[:-1] if ln.split()}
    assert body_ends & short, "the body counter-example should end a line on one somewhere"
