"""``python -m victim_champion``: the same entry point as the victim-champion command."""

from victim_champion.app import main

raise SystemExit(main())
