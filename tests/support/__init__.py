"""Test helpers: keyring backends for tests, tool discovery, canaries."""
