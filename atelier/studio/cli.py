"""``atelier``: the studio's commands beside Snakemake's (run from the project folder).

    atelier watch [--port 8000] [TARGET…]       rebuild on save, live proofs (make watch)
    atelier bat FICHIER… --par NOM [--remarques TEXTE]   approve files for press (BAT)
    atelier bat --liste                         every printer file's BAT state
    atelier deliver [--par NOM]                 record the current pack as delivered (make deliver)
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import subprocess
import sys
from pathlib import Path


def _settings() -> dict:
    from ..inputs.problems import InputProblems, format_report
    from ..settings import load_settings

    try:  # the project's settings (the folder the command runs in), as the Snakefile reads them
        return load_settings(Path("config/settings.yaml"))
    except InputProblems as exc:
        sys.exit(format_report(exc.problems))


def _approvals_path(settings: dict) -> Path:
    from ..plan.pack import approvals_file

    return Path(approvals_file(settings))


def _who() -> str:
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or getpass.getuser()


def cmd_watch(args) -> int:
    from .watch import Options, snakemake_command, watch

    settings = _settings()
    extra = [str(_approvals_path(settings).parent)]
    from ..plan.pack import previous_manifest

    extra.append(str(Path(previous_manifest(settings)).parent.parent))  # deliveries/
    Path(extra[0]).mkdir(parents=True, exist_ok=True)
    return watch(Options(host=args.host, port=args.port, quiet_ms=args.quiet_ms,
                         command=snakemake_command(args.targets), extra_paths=extra))


def cmd_bat(args) -> int:
    from .bat import BatError, approve, states

    target = _approvals_path(_settings())
    try:
        if args.liste or not args.fichiers:
            for fichier, state, last in states(target):
                who = f" — {last.par}, {last.le[:10]}" if last and state != "sans BAT" else ""
                print(f"{state:22} {fichier}{who}")
            return 0
        done = approve(args.fichiers, args.par or _who(), args.remarques or "", target)
    except BatError as exc:
        sys.exit(f"BAT : rien n'a été approuvé — {exc}")
    for a in done:
        print(f"BAT approuvé : {a.fichier} ({a.sha256[:12]}…) par {a.par}, {a.le}")
    print(f"Enregistré dans {target} (à garder dans le dépôt). Relancez la fabrication pour "
          f"mettre à jour le manifeste et la fiche.")
    return 0


def cmd_deliver(args) -> int:
    from ..plan.pack import PLAN, previous_manifest
    from ..print.deliveries import DeliveryError, record

    settings = _settings()
    folder = Path(previous_manifest(settings)).parent
    conf = (settings.get("pack") or {}).get("visual_diff") or {}
    try:
        import json

        plan = json.loads(Path(PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sys.exit("Livraison : build/plan/pack.json manque — fabriquez d'abord (make build)")
    proofs = {e["path"].removeprefix("build/"): (e["proof"], e["pages"]) for e in plan["files"]
              if e.get("proof") and e["destination"] == "printer"}
    when = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        done = record(Path("build/print/MANIFEST.csv"), Path("build/print-pack.zip"), proofs,
                      folder, int(conf.get("proof_px", 1200)), when, args.par or _who())
    except DeliveryError as exc:
        sys.exit(f"Livraison : rien n'a été enregistré — {exc}")
    print(f"Livraison enregistrée dans {done.folder}/ : {done.files} fichier(s), "
          f"{done.proofs} épreuve(s)" + (f" ; la précédente est dans {done.archived}/"
                                         if done.archived else ""))
    print("La prochaine fabrication compare avec elle (« modifié », avant / après dans la "
          "galerie). Gardez deliveries/ dans le dépôt.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atelier", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("watch", help="rebuild on save and serve the proofs live")
    w.add_argument("targets", nargs="*", help="Snakemake targets (default: everything)")
    w.add_argument("--host", default="127.0.0.1")
    w.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    w.add_argument("--quiet-ms", type=int, default=300,
                   help="a save is over when nothing changed for this long")
    w.set_defaults(run=cmd_watch)
    b = sub.add_parser("bat", help="approve printer files for press (bon à tirer)")
    b.add_argument("fichiers", nargs="*", help="print/labels/x.pdf, or a name: x")
    b.add_argument("--par", help="who approves (default: git user.name)")
    b.add_argument("--remarques", help="the client's remarks")
    b.add_argument("--liste", action="store_true", help="list every printer file's BAT state")
    b.set_defaults(run=cmd_bat)
    d = sub.add_parser("deliver", help="record the current pack as delivered")
    d.add_argument("--par", help="who delivers (default: git user.name)")
    d.set_defaults(run=cmd_deliver)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
