"""Numbered hub schema versions."""
