"""The laptop side of sync: the journal of changes, the outbox, and retention."""
