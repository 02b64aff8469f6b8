#!/usr/bin/env bash
# A stand-in for sbatch/qsub: runs the job script in the background and prints a job id.
# Used by the cluster-readiness test with snakemake-executor-plugin-cluster-generic.
jobscript="$1"
nohup bash "$jobscript" > "$jobscript.log" 2>&1 &
echo $!
