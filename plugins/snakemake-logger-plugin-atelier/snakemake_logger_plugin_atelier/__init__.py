"""Snakemake logger plugin ``atelier``: the build's summary for designers (see
atelier/studio/logger.py, where the handler lives)."""

from atelier.studio.logger import LogHandler, LogHandlerSettings

__all__ = ["LogHandler", "LogHandlerSettings"]
