"""SQLCipher persistence: key slots, the owned connection, migrations and repositories."""
