"""Sync with the Compass House hub: wire protocol, client and outbox. Arrives with the sync issue."""
