"""Checking: rules on a document, findings, fixes, and many files with a cache."""
