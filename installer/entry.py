"""The frozen app's entry point: the same ``victim-champion`` command line."""

from victim_champion.app import main

raise SystemExit(main())
