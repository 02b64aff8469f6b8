"""French and English typography (atelier/content/typography.py), with the tricky cases."""

import pytest

from atelier.content.typography import NBSP, NNBSP, english, french, typeset

N, NN = NBSP, NNBSP


@pytest.mark.parametrize("raw, want", [
    # narrow no-break space before ; ! ? — typed glued, with a space, or already right
    ("Bonjour!", f"Bonjour{NN}!"),
    ("Bonjour !", f"Bonjour{NN}!"),
    (f"Bonjour{N}?", f"Bonjour{NN}?"),
    (f"Bonjour{NN}?", f"Bonjour{NN}?"),
    ("Vraiment ?!", f"Vraiment{NN}?!"),
    ("un ; deux", f"un{NN}; deux"),
    # no-break space before the colon, but not in times or ratios
    ("Origine: France", f"Origine{N}: France"),
    ("Origine   : France", f"Origine{N}: France"),
    ("Ouvert à 10:30", "Ouvert à 10:30"),
    ("Note :", f"Note{N}:"),
    # guillemets, and straight quotes made guillemets
    ("«maroilles»", f"«{NN}maroilles{NN}»"),
    ("« maroilles »", f"«{NN}maroilles{NN}»"),
    ('le "welsh"', f"le «{NN}welsh{NN}»"),
    ("« Oui ! »", f"«{NN}Oui{NN}!{NN}»"),
    # numbers and units, currencies, thousands, n°
    ("75 cl", f"75{N}cl"),
    ("75cl", f"75{N}cl"),
    ("12,50 €", f"12,50{N}€"),
    ("12,50€", f"12,50{N}€"),
    ("27 km à pied", f"27{N}km à pied"),
    ("5 000 visiteurs", f"5{N}000 visiteurs"),
    (f"1{NN}234,50 €", f"1{N}234,50{N}€"),
    ("12 000 km", f"12{N}000{N}km"),
    ("12,5 % vol", f"12,5{N}% vol"),
    ("n°3", f"n°{N}3"),
    ("N° 12", f"N°{N}12"),
    # the year stays whole; a postal code is never grouped
    ("en 2024 à 62000 Lens", "en 2024 à 62000 Lens"),
    # decimals are not a range, nor a thousands group
    ("3,14 g", f"3,14{N}g"),
    # times and ranges
    ("10h30", f"10{N}h{N}30"),
    ("10 h 30", f"10{N}h{N}30"),
    ("10 h - 18 h", f"10{N}h{N}– 18{N}h"),
    ("10h-18h", f"10{N}h–18{N}h"),
    ("2019-2020", "2019–2020"),
    ("pages 10-18", "pages 10–18"),
    # apostrophe and ellipsis
    ("l'eau d'Olhain", "l’eau d’Olhain"),
    ("Et puis...", "Et puis…"),
    # words with a unit-like ending are not units; a day stays with its month, a street number
    # with its street
    ("5 mai", f"5{N}mai"),
    ("du 2 juin au 30 juin 2020", f"du 2{N}juin au 30{N}juin 2020"),
    # a range of days is not broken at its dash
    ("28 mai - 30 juin", f"28{N}mai{N}–{N}30{N}juin"),
    ("Ouvert 28 mai – 30 juin 2020.", f"Ouvert 28{N}mai{N}–{N}30{N}juin 2020."),
    ("99 rue Paul Bert, 62300 Lens", f"99{N}rue Paul Bert, 62300 Lens"),
    ("12 bis avenue Foch", f"12 bis{N}avenue Foch"),
    ("les 3 places", "les 3 places"),
    ("lot 7 mai2020", "lot 7 mai2020"),
    ("les 5 sens", "les 5 sens"),
    ("", ""),
])
def test_french(raw, want):
    assert french(raw) == want
    assert french(want) == want  # idempotent


@pytest.mark.parametrize("raw", [
    "https://www.pasdecalais-tourisme.com/all?utm_source=menu&utm_medium=print",
    "http://exemple.fr/a:b;c!d",
    "www.louvrelens.fr/?q=1",
    "contact@parc-olhain.fr",
    "L2403-B",
    "FR-62.123.001-CE",
    "SKU-00012",
    "2024-0012",
    "2024-05-01",
    "03-21-00-00-00",
    "3760123456789",
    "@louvrelens",
    "A4",
])
def test_never_inside_urls_emails_codes(raw):
    assert french(raw) == raw
    assert english(raw) == raw


def test_urls_and_codes_inside_sentences():
    assert (french("Voir https://all.fr/menu?x=1 !")
            == f"Voir https://all.fr/menu?x=1{NN}!")
    assert french("Écrivez à contact@all.fr : merci") == f"Écrivez à contact@all.fr{N}: merci"
    assert french("Lot : L2403-B") == f"Lot{N}: L2403-B"
    assert french("n°L2403") == f"n°{N}L2403"
    # the URL ends before the sentence's punctuation
    assert french("(www.all.fr).") == "(www.all.fr)."
    # an apostrophe inside a URL stays straight
    assert french("https://x.fr/l'eau et l'air") == "https://x.fr/l'eau et l’air"


@pytest.mark.parametrize("raw, want", [
    ("Open 10-18 ; isn't it ?", "Open 10–18; isn’t it?"),
    ("Origin : France", "Origin: France"),
    (f"Really{NN}!", "Really!"),
    ('the "welsh"', "the “welsh”"),
    ("« welsh »", "“welsh”"),
    ("75 cl", f"75{N}cl"),
    ("10:30 am", "10:30 am"),
    ("the '90s", "the ’90s"),
    ("5,000 visitors", "5,000 visitors"),
])
def test_english(raw, want):
    assert english(raw) == want
    assert english(want) == want


def test_typeset_dispatch():
    assert typeset("Prix : 3 €", "fr") == f"Prix{N}: 3{N}€"
    assert typeset("Price : 3 €", "en") == f"Price: 3{N}€"
    assert typeset("自家製 ?", "ja") == "自家製 ?"


# -- the text engine keeps the no-break spaces the typography puts in -------------------------

def _lines(text, width, lang="fr", size=10):
    from atelier.brand import fonts
    from atelier.layout.text import Paragraph, lay_out

    lay = lay_out([Paragraph.of(text, lang=lang)], fonts(), width, size)
    return ["".join(s.text for s in line.spans) for line in lay.lines]


@pytest.mark.parametrize("text", [
    french("Prix : 12,50 € ; servi de 10 h – 18 h ! Quoi ? « Oui »"),
    french("5 000 visiteurs, 27 km, n° 3, 75 cl"),
])
def test_engine_never_breaks_at_no_break_spaces(text):
    for width in range(12, 60, 3):
        for line in _lines(text, float(width)):
            assert line[:1] not in (N, NN, ";", "!", "?", ":", "»", "€"), (width, line)
            assert not line.endswith((N, NN, "«")), (width, line)


def test_engine_sets_no_break_spaces_in_japanese_text():
    # the Japanese face lacks U+202F: the engine sets it in the Latin face, and never breaks there
    text = "自家製のパイ" * 4 + NN + "?" + "マロワール" * 3
    for width in range(8, 40, 2):
        lines = _lines(text, float(width), lang="ja")
        assert all(not line.startswith((NN, "?")) for line in lines), (width, lines)
