"""Across articles: syndicated copies (dedup) and articles about the same happening (stories)."""
