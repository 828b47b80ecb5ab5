"""The domain: dataclasses, rules and typed errors. Standard library only, no I/O."""
