"""One function per Snakemake job: read the staged records it was given, render, write.

The scripts in ``rules/scripts/`` only unpack ``snakemake.input``/``output`` and call these, so
every job can be run and tested without Snakemake.
"""
