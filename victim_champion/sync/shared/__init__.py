"""What the laptop and the hub share: protocol, signatures, answer binding, sealing, rounds.

The hub may import only this package from ``victim_champion.sync``; the client and the
transport (``sync.client``, ``sync.transport``) belong to the laptop. pyproject.toml's
import-linter contracts hold both rules.
"""
