"""Safety guards: quick exit triggers, idle and system lock watchers, the clipboard."""
