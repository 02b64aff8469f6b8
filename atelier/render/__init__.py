"""Writers: each turns records and a designer's template into a file (PDF, PNG, DOCX, PPTX, HTML)."""
