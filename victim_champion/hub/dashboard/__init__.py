"""The hub's web dashboard for Victim Support and the OPCC."""
