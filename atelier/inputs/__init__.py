"""Reading the designers' spreadsheets and checking them against the schemas.

``load_inputs(folder, settings)`` is the entry point: it reads every table, validates all of it
and returns the clean records, or raises ``InputProblems`` carrying every problem found at once.
(Imported lazily: the spreadsheet readers are only loaded when inputs are actually read.)
"""

from .problems import InputProblems, Problem

__all__ = ["InputProblems", "Problem", "load_inputs"]


def __getattr__(name):
    if name == "load_inputs":
        from .load import load_inputs

        return load_inputs
    raise AttributeError(name)
