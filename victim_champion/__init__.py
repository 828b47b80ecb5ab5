"""Victim Champion: offline outreach for Victim Champion training and Compass Point desks."""

__version__ = "0.1.0"
