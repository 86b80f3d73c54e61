"""Encoding repair: the line repairs and the lossy repair the encoding rules offer."""
