"""Sync with the Compass House hub: wire protocol, client, outbox (with the sync issue)."""
