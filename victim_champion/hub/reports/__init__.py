"""The hub's reports: reading synced records into figures and printing them."""
