"""Developer tools: screenshots and other helpers that are not part of the app."""
