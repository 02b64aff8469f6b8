"""Fonts, text fitting, codes and geometry — shared by every SVG deliverable."""
