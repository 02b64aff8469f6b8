"""Parse-time planning: which jobs each family runs and which files they write.

These modules run while Snakemake parses the workflow, so they stay light: no rendering
library is imported here (the rule files import them; the jobs import the renderers).
"""
