"""What each deliverable says, worked out from records and settings — no drawing here.

Keeping the regulatory content (what a label must say, in what words) apart from the layout lets
it be tested directly and reused by the web page, the documents and the decks.
"""
