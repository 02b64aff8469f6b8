"""What printers need: page boxes and crop marks, imposition, preflight, manifest and pack."""
