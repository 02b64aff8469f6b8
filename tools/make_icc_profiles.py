"""Build the CMYK output profiles of brand/icc/ from free characterisation data (run once, by hand).

    python tools/make_icc_profiles.py        # needs Debian's argyll and icc-profiles-free

FOGRA39 (ISO 12647-2 coated) and FOGRA29 (uncoated, what adhesive vélin label stock prints like)
measurement data come from Debian's icc-profiles-free (FOGRA39L.ti3, FOGRA29L.ti3; Zlib licence,
© Kai-Uwe Behrmann); ArgyllCMS's colprof turns each into an ICC output profile with the total ink
limit of the output condition (config/settings.yaml printer.output_conditions). Building a profile
takes ~20 s, so the profiles are committed, not rebuilt by the build or CI.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path("/usr/share/color/icc")
OUT = Path(__file__).resolve().parent.parent / "brand" / "icc"

# file name -> (characterisation data, total ink limit %, description)
PROFILES = {
    "AtelierALL-FOGRA39-TAC300.icc": ("FOGRA39L", 300, "ISO 12647-2 coated (FOGRA39), TAC 300 %"),
    "AtelierALL-FOGRA29-TAC280.icc": ("FOGRA29L", 280, "ISO 12647-2 uncoated (FOGRA29), TAC 280 %"),
}


def main() -> int:
    colprof = shutil.which("colprof")
    if colprof is None or not DATA.is_dir():
        print("needs Debian's argyll (colprof) and icc-profiles-free", file=sys.stderr)
        return 1
    OUT.mkdir(exist_ok=True)
    for name, (data, tac, what) in PROFILES.items():
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(DATA / f"{data}.ti3", tmp)
            subprocess.run([colprof, "-qm", "-kr", f"-l{tac}", "-L95",
                            "-D", f"Atelier ALL {what}",
                            "-C", f"Built with ArgyllCMS colprof from {data}.ti3 (Debian icc-profiles-free, "
                                  "Zlib licence, (c) Kai-Uwe Behrmann)",
                            data], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            shutil.copy(Path(tmp) / f"{data}.icc", OUT / name)
        print(f"brand/icc/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
