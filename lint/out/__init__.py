"""Output: masking, reporters, the document view, rule docs, diffs, progress."""
