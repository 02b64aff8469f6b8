"""The brand fonts embedded in Word and PowerPoint files, so they travel with the documents.

The shipped faces are under the SIL Open Font License (brand/fonts/OFL.txt), which allows
embedding them in documents; their OS/2 ``fsType`` is 0 (installable embedding).

- **Word** (ECMA-376 Part 1, 17.8): each face is an *obfuscated* font part (``.odttf``): the
  first 32 bytes of the font XORed with a 16-byte key, the GUID named by ``w:fontKey`` read
  backwards. ``fontTable.xml`` points at the parts (``w:embedRegular``…), ``settings.xml``
  says ``w:embedTrueTypeFonts``. Word and LibreOffice load them when the face is missing.
- **PowerPoint** (``p:embeddedFontLst`` in presentation.xml): each face is a ``.fntdata`` part,
  an Embedded OpenType (EOT) container — PowerPoint refuses a bare TrueType file there. The
  container written is EOT 2.1, uncompressed, unobfuscated: a header of the font's names and
  OS/2 fields, then the font as is.

Keys and part names derive from the font's bytes, so the same fonts give the same package.
"""

from __future__ import annotations

import hashlib
import io
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import brand
from ..paths import BRAND

__all__ = ["Face", "brand_faces", "eot", "obfuscate", "font_key"]

RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
CT_ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CT_FNTDATA = "application/x-fontdata"
STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class Face:
    family: str
    style: str  # one of STYLES
    path: Path

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()


def brand_faces(japanese: bool = False) -> list[Face]:
    """The Latin family's four faces (and the Japanese family's when ``japanese``), from
    brand/tokens.yaml. TrueType outlines only: Office embeds no CFF (.otf) face."""
    fonts = brand.tokens()["fonts"]
    families = [fonts["latin"]] + ([fonts["japanese"]] if japanese else [])
    out = []
    for fam in families:
        for style in STYLES:
            name = fam["files"].get(style)
            if name:
                out.append(Face(fam["family"], style, BRAND / "fonts" / name))
    return out


def font_key(data: bytes) -> str:
    """A GUID derived from the font's bytes: « {8F3C…} » (upper case, with braces)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """The font as Word stores it (.odttf); the same call also undoes it."""
    digits = key.strip("{}").replace("-", "")
    k = bytes.fromhex(digits)[::-1]
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _names(font) -> dict[int, str]:
    table = font["name"]
    out = {}
    for name_id in (1, 2, 4, 5):
        rec = table.getName(name_id, 3, 1, 0x409) or table.getName(name_id, 1, 0, 0)
        out[name_id] = rec.toUnicode() if rec else ""
    return out


def eot(data: bytes) -> bytes:
    """The TrueType font ``data`` in an Embedded OpenType 2.1 container (uncompressed)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True)
    os2, head = font["OS/2"], font["head"]
    names = _names(font)
    panose = os2.panose
    panose_bytes = bytes([panose.bFamilyType, panose.bSerifStyle, panose.bWeight,
                          panose.bProportion, panose.bContrast, panose.bStrokeVariation,
                          panose.bArmStyle, panose.bLetterForm, panose.bMidline, panose.bXHeight])
    italic = 1 if os2.fsSelection & 1 else 0
    body = struct.pack("<LL", 0x00020001, 0)  # version 2.1, flags: no compression, no XOR
    body += panose_bytes + struct.pack("<BB", 1, italic)  # DEFAULT_CHARSET
    body += struct.pack("<LHH", os2.usWeightClass, os2.fsType, 0x504C)
    body += struct.pack("<LLLL", os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3,
                        os2.ulUnicodeRange4)
    body += struct.pack("<LL", os2.ulCodePageRange1, os2.ulCodePageRange2)
    body += struct.pack("<L", head.checkSumAdjustment) + b"\0" * 16
    for name_id in (1, 2, 5, 4):  # family, style, version, full name
        text = names[name_id].encode("utf-16-le")
        body += struct.pack("<HH", 0, len(text)) + text
    body += struct.pack("<HH", 0, 0)  # padding, no root string
    size = 8 + len(body) + len(data)
    return struct.pack("<LL", size, len(data)) + body + data


# --- Word ------------------------------------------------------------------------------------

# CT_Font children that come after the embed elements, and CT_Settings children before
# w:embedTrueTypeFonts (ECMA-376 Part 1, 17.8.3.10 and 17.15.1.78): Word rejects other orders.
_WORD_EMBED = {"regular": "embedRegular", "bold": "embedBold", "italic": "embedItalic",
               "bold_italic": "embedBoldItalic"}
_SETTINGS_BEFORE = ("writeProtection", "view", "zoom", "removePersonalInformation",
                    "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                    "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData")


def embed_in_docx(document, faces: list[Face]) -> None:
    """Obfuscated font parts for ``faces``, declared in fontTable.xml, and the setting that
    tells Word the document carries its fonts."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    main = document.part
    table_part = next(r.target_part for r in main.rels.values()
                      if r.reltype.endswith("/fontTable"))
    table = table_part.element if hasattr(table_part, "element") else None
    if table is None:  # python-docx loads fontTable.xml as a plain part: parse it here
        from docx.oxml.parser import parse_xml

        table = parse_xml(table_part.blob)
    by_family: dict[str, list[Face]] = {}
    for face in faces:
        by_family.setdefault(face.family, []).append(face)
    for n, (family, group) in enumerate(by_family.items()):
        font = next((f for f in table.findall(qn("w:font")) if f.get(qn("w:name")) == family),
                    None)
        if font is None:
            font = OxmlElement("w:font")
            font.set(qn("w:name"), family)
            table.append(font)
        for child in list(font):
            if child.tag in {qn(f"w:{t}") for t in _WORD_EMBED.values()}:
                font.remove(child)
        for face in sorted(group, key=lambda f: STYLES.index(f.style)):
            data = face.data
            key = font_key(data)
            name = f"/word/fonts/font{n + 1}-{STYLES.index(face.style) + 1}.odttf"
            part = Part(PackURI(name), CT_ODTTF, obfuscate(data, key), main.package)
            rid = table_part.relate_to(part, RT_FONT)
            embed = OxmlElement(f"w:{_WORD_EMBED[face.style]}")
            embed.set(qn("r:id"), rid)
            embed.set(qn("w:fontKey"), key)
            font.append(embed)
    if not hasattr(table_part, "element"):
        from lxml import etree

        table_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        flag = OxmlElement("w:embedTrueTypeFonts")
        before = {qn(f"w:{t}") for t in _SETTINGS_BEFORE}
        last = None
        for child in settings:
            if child.tag in before:
                last = child
        if last is not None:
            last.addnext(flag)
        else:
            settings.insert(0, flag)


# --- PowerPoint ------------------------------------------------------------------------------

_PPT_EMBED = {"regular": "regular", "bold": "bold", "italic": "italic",
              "bold_italic": "boldItalic"}
# CT_Presentation children after p:embeddedFontLst (ECMA-376 Part 1, 19.2.1.26).
_PRESENTATION_AFTER = ("custShowLst", "photoAlbum", "custDataLst", "kinsoku", "defaultTextStyle",
                       "modifyVerifier", "extLst")


def embed_in_pptx(prs, faces: list[Face]) -> None:
    """EOT font parts for ``faces`` in ``p:embeddedFontLst``."""
    from lxml import etree
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml.ns import qn

    part = prs.part
    root = part._element
    old = root.find(qn("p:embeddedFontLst"))
    if old is not None:
        root.remove(old)
    lst = etree.Element(qn("p:embeddedFontLst"))
    by_family: dict[str, list[Face]] = {}
    for face in faces:
        by_family.setdefault(face.family, []).append(face)
    for n, (family, group) in enumerate(by_family.items()):
        entry = etree.SubElement(lst, qn("p:embeddedFont"))
        font = etree.SubElement(entry, qn("p:font"))
        font.set("typeface", family)
        for face in sorted(group, key=lambda f: STYLES.index(f.style)):
            name = f"/ppt/fonts/font{n + 1}-{STYLES.index(face.style) + 1}.fntdata"
            font_part = Part(PackURI(name), CT_FNTDATA, part.package, eot(face.data))
            rid = part.relate_to(font_part, RT_FONT)
            etree.SubElement(entry, qn(f"p:{_PPT_EMBED[face.style]}")).set(qn("r:id"), rid)
    later = {qn(f"p:{t}") for t in _PRESENTATION_AFTER}
    for child in root:
        if child.tag in later:
            child.addprevious(lst)
            break
    else:
        root.append(lst)
