"""The document: text to a Document, driven by a layout profile."""
