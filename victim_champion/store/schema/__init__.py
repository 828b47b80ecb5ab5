"""The SQLCipher connection, its owner thread, and numbered migrations."""
