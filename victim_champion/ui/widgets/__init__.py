"""Reusable widgets and models shared by pages and dialogs."""
