"""One function per Snakemake job: read the staged records it was given, render, write.

The scripts in ``rules/scripts/`` (for label jobs, the rule's ``run:``) only unpack the job's
inputs and outputs and call these, so every job can be run and tested without Snakemake.
"""
