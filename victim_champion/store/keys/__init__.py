"""Key slots, the device secret in the OS keyring, and the device signing key."""
