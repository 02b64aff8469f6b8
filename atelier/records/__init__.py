"""Validated rows as one small JSON file per record, so each job depends on what it shows.

``stage`` writes them (only when their content changed: Snakemake then re-plans only the jobs
that read that record); ``store`` reads them back inside jobs.
"""
