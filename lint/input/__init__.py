"""Input: files, stdin and published documents read safely, bytes to text."""
