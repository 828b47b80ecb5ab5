"""Dialogs, all built on the safe dialog that the quick exit can close."""
