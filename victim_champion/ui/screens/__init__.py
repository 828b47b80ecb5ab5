"""Whole-window screens: first run, unlock, kiosk, safety and the decoy."""
