"""Reading the designers' spreadsheets and checking them against the schemas.

``load_inputs(folder)`` is the entry point: it reads every table, validates all of it and returns
the clean records, or raises ``InputProblems`` carrying every problem found at once.
"""

from .problems import InputProblems, Problem
from .load import load_inputs

__all__ = ["InputProblems", "Problem", "load_inputs"]
