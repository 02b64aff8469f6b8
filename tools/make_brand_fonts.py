#!/usr/bin/env python3
"""Build the project's Japanese faces from the system Noto Sans CJK collection.

    .venv/bin/python tools/make_brand_fonts.py            # writes brand/fonts/NotoSansJP-ALL-*.otf
    .venv/bin/python tools/make_brand_fonts.py --check    # rebuild in a temp dir, compare bytes

Why: cairosvg draws text with cairo's toy font API, which embeds a subset of the font
in each PDF. With the system Noto Sans CJK (CFF with large subroutine tables) every PDF
that uses it weighs ~900 KB. A subroutine-free subset of the Japanese face makes the
same PDF a few tens of KB and renders ~3x faster.

What: the JP face of NotoSansCJK-{Regular,Bold}.ttc (Debian package fonts-noto-cjk),
subset to the characters a Japanese menu / label / sign can need:
  - Basic Latin, Latin-1, General Punctuation, letterlike symbols, arrows, maths operators
    (≤ ≥ ± ×), enclosed numbers ①…, box/geometric shapes, misc symbols (★ ☆ ♨)
  - CJK symbols and punctuation U+3000-303F, Hiragana, Katakana, Katakana phonetic ext.,
    CJK compatibility U+3300-33FF (㎏ ㎖ ㎝), halfwidth/fullwidth forms U+FF00-FFEF
  - every character of JIS X 0208 (Shift_JIS 2-byte: kanji levels 1 and 2 = 6,355 kanji,
    plus its kana / Greek / Cyrillic / symbol rows), the Windows cp932 extensions (NEC/IBM
    kanji such as 髙 﨑, frequent in proper names), and JIS X 0213 (kanji levels 3 and 4,
    which include all 2,136 joyo kanji — 𠮟 included). Computed from Python's codecs.
Layout tables (GSUB/GPOS/GDEF/BASE) and vertical metrics (vhea/vmtx/VORG) are dropped:
cairo's toy API maps characters through cmap only and writes horizontal text only.
Hinting is dropped (print only). The name table is kept and the family is renamed
(see FAMILY below) so that a missing project fontconfig cannot silently fall back to the
full 19 MB system face: the family only exists in brand/fonts/.

Determinism: the output depends only on the source files and this script (head.modified
is kept from the source, no timestamp is written).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")  # Debian fonts-noto-cjk
SOURCE_FAMILY = "Noto Sans CJK JP"  # the JP face inside the collection
OUT_DIR = ROOT / "brand" / "fonts"

# Family name as fontconfig / cairo see it. Keep in sync with brand/tokens.yaml (fonts.japanese).
FAMILY = "Noto Sans JP ALL"
PS_PREFIX = "NotoSansJPALL"

WEIGHTS = {  # style name -> source collection file
    "Regular": "NotoSansCJK-Regular.ttc",
    "Bold": "NotoSansCJK-Bold.ttc",
}

RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0152, 0x0153),  # Œ œ (French names in Japanese text)
    (0x2000, 0x206F),  # General Punctuation (― ‥ … ※ ‼ …)
    (0x2100, 0x214F),  # Letterlike symbols (℃ № ℡ ℓ ℮)
    (0x2150, 0x218F),  # Number forms (Ⅰ Ⅱ … ½)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical operators (≤ ≥ ≠ ∞)
    (0x2460, 0x24FF),  # Enclosed alphanumerics (① … ⑳) — numbered allergens
    (0x2500, 0x257F),  # Box drawing
    (0x25A0, 0x25FF),  # Geometric shapes (■ □ ● ○ ◎ ▲ △)
    (0x2600, 0x26FF),  # Misc symbols (★ ☆ ♨ ☎)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0x3200, 0x32FF),  # Enclosed CJK letters (㈱ ㊤)
    (0x3300, 0x33FF),  # CJK Compatibility (㎏ ㎖ ㎝ ㍿)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

# Characters no codec gives: the 2010 joyo kanji 𠮟 (U+20B9F, JIS maps 叱 to U+53F1) and
# 𠮷 (U+20BB7, "tsuchi-yoshi", common in names such as 𠮷野家).
EXTRA = "\U00020b9f\U00020bb7"

# Tables cairo's toy API never reads.
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG"]


def _multibyte(codec: str, cp: int) -> bool:
    try:
        return len(chr(cp).encode(codec)) >= 2
    except UnicodeEncodeError:
        return False


def jis_characters() -> set[int]:
    """All characters of JIS X 0208 (+ cp932 extensions) and JIS X 0213, from Python codecs."""
    out: set[int] = set()
    for cp in range(0x80, 0x30000):
        if (
            0xD800 <= cp < 0xE000 or 0xE000 <= cp < 0xF900
        ):  # surrogates, private use (cp932 user area)
            continue
        if (
            _multibyte("shift_jis", cp)
            or _multibyte("cp932", cp)
            or _multibyte("shift_jisx0213", cp)
        ):
            out.add(cp)
    return out


def jis0208_kanji() -> set[int]:
    """The brief's definition: 2-byte in Shift_JIS and in U+4E00-9FFF (levels 1 and 2)."""
    return {cp for cp in range(0x4E00, 0xA000) if _multibyte("shift_jis", cp)}


def wanted_unicodes() -> set[int]:
    u = set()
    for a, b in RANGES:
        u.update(range(a, b + 1))
    u |= jis_characters()
    u.update(map(ord, EXTRA))
    return u


def find_face(collection: Path, family: str) -> int:
    ttc = TTCollection(str(collection), lazy=True)
    for i, f in enumerate(ttc.fonts):
        name = f["name"]
        fam = name.getDebugName(16) or name.getDebugName(1)
        if fam == family:
            return i
    raise SystemExit(f"{collection}: no face with family {family!r}")


def rename(font: TTFont, style: str) -> None:
    """Rename consistently: name table (all platforms / languages) and the CFF font names."""
    name = font["name"]
    src_family = name.getDebugName(16) or name.getDebugName(1)
    ps = f"{PS_PREFIX}-{style}"
    full = f"{FAMILY} {style}" if style != "Regular" else f"{FAMILY} Regular"
    version = name.getDebugName(5) or ""
    # Drop every localised family/style/full/PS/unique/typographic record, then write fresh ones.
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)]
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(style, 2, 3, 1, 0x409)
    name.setName(f"{version.split(';')[0]};ALL;{ps}", 3, 3, 1, 0x409)
    name.setName(full, 4, 3, 1, 0x409)
    name.setName(ps, 6, 3, 1, 0x409)
    desc = (
        f"Subset of {src_family} {style} (Noto CJK, SIL OFL 1.1) for Atelier ALL; "
        f"generated by tools/make_brand_fonts.py"
    )
    name.setName(desc, 10, 3, 1, 0x409)
    # Mac (platform 1) records, when present, get the same ids so no old name survives.
    name.names = [r for r in name.names if r.platformID != 1 or r.nameID not in (1, 2, 3, 4, 6)]

    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames[0] = ps
    top = cff.topDictIndex[0]
    for attr in ("FullName", "FamilyName"):
        if hasattr(top, attr):
            setattr(top, attr, full if attr == "FullName" else FAMILY)
    if hasattr(top, "FDArray"):
        for fd in top.FDArray:
            fdname = getattr(fd, "FontName", None)
            if fdname and fdname.startswith(old_ps):
                fd.FontName = ps + fdname[len(old_ps) :]


def build_one(source: Path, style: str, out_path: Path, unicodes: set[int]) -> dict:
    index = find_face(source, SOURCE_FAMILY)
    opts = subset.Options()
    opts.font_number = index
    opts.desubroutinize = True  # the whole point: cairo embeds subrs wholesale otherwise
    opts.hinting = False  # print only
    opts.layout_features = []  # no shaping in cairo's toy API
    opts.drop_tables = sorted(set(opts.drop_tables) | set(DROP_TABLES))
    opts.name_IDs = ["*"]  # keep the name table (copyright, licence, URLs)
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True  # missing glyph draws a box, never nothing
    opts.recalc_timestamp = False  # deterministic: keep head.modified from the source
    opts.recalc_bounds = True
    opts.glyph_names = False
    opts.prune_unicode_ranges = True

    font = subset.load_font(str(source), opts, lazy=False, dontLoadGlyphNames=True)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    rename(font, style)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(out_path), opts)
    cmap = TTFont(str(out_path), lazy=True).getBestCmap()
    return {
        "path": out_path,
        "bytes": out_path.stat().st_size,
        "chars": len(cmap),
        "kanji0208_missing": sorted(cp for cp in jis0208_kanji() if cp not in cmap),
        "sha256": hashlib.sha256(out_path.read_bytes()).hexdigest()[:16],
    }


def build(out_dir: Path, source_dir: Path) -> list[dict]:
    unicodes = wanted_unicodes()
    results = []
    for style, fname in WEIGHTS.items():
        out = out_dir / f"NotoSansJP-ALL-{style}.otf"
        results.append(build_one(source_dir / fname, style, out, unicodes))
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source-dir", type=Path, default=SOURCE_DIR)
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temp dir and compare with --out-dir (exit 1 if different)",
    )
    args = ap.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            res = build(Path(tmp), args.source_dir)
            bad = [
                r["path"].name
                for r in res
                if not filecmp.cmp(r["path"], args.out_dir / r["path"].name, shallow=False)
            ]
        print("identical" if not bad else f"DIFFERENT: {bad}")
        return 1 if bad else 0

    for r in build(args.out_dir, args.source_dir):
        miss = r["kanji0208_missing"]
        print(
            f"{r['path'].relative_to(ROOT) if r['path'].is_relative_to(ROOT) else r['path']}: "
            f"{r['bytes'] / 1e6:.2f} MB, {r['chars']} characters, sha256 {r['sha256']}, "
            f"JIS X 0208 kanji missing: {len(miss)}"
            + (f" {''.join(map(chr, miss[:20]))}" if miss else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
