"""The write path every change takes: audited, and journaled into the outbox with it."""
