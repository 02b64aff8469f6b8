# Staging: writes the files the planners staged (DATA.put) whose content changed, and what this
# parse learnt for the next one (build/.cache/). Only those files are its outputs, so Snakemake
# reruns exactly the jobs that read one of them; a dry run lists them and writes nothing. When the
# inputs or the plans have problems, they are printed here, as Snakemake builds the DAG, and the
# run stops (--list, --lint and --unlock do not build it, and work). Included last: it needs
# every family's planning. It runs in Snakemake's process (profiles/default: force-use-threads),
# where the staged contents already are.


rule stage:
    input:
        stop_on_problems(DATA),
    output:
        DATA.changed() + [DATA.marker()],
    log:
        "build/logs/stage.log",
    localrule: True
    run:
        with open(log[0], "w") as f:
            f.write(f"{DATA.write(output)} file(s) staged\n")
