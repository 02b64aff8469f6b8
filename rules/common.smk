# Functions shared by the workflow's files (Snakemake's lint wants them apart from the rules).

from atelier.inputs.problems import format_report
from atelier.plan.budget import budget_problems
from atelier.plan.pack import PLAN_MEMO, plan_pack
from atelier.plan.registry import files_by_state, standing_for
from atelier.print.press import PressSettingsError


def STAGED(wildcards):
    """The stage job's marker (rules/stage.smk): target rules ask for it, so that a run writes
    what changed."""
    return DATA.marker()


def printers_pack(data):
    """The pack's plan, from what the families declared (PRINT_FILES, OWNED_FILES, targets)."""
    files_of_state = files_by_state(OWNED_FILES)
    try:
        pack = plan_pack(
            PRINT_FILES,
            data.settings,
            workflow.rules,
            {
                # what each family's target builds, for the gallery (state files stand for their files)
                name: standing_for(getattr(rules, name).input, files_of_state)
                for name in ("labels", "menus", "signage", "strategy", "decks")
                if hasattr(rules, name)
            },
            OWNED_FILES,
        )
    except PressSettingsError as exc:
        raise SystemExit(
            "The printer's files cannot be made with these settings:\n  "
            + "\n  ".join(exc.problems)
        )
    # Quantities have one source: a budget line that pays for a print job restates its copies.
    problems = budget_problems(data.table("budget"), PRINT_FILES, data.locate_line)
    if problems:
        raise SystemExit(format_report(problems))
    data.put(pack.plan, pack.text)
    data.remember(PLAN_MEMO, pack.key, pack if pack.fresh else None)
    return pack
