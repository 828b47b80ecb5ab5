"""Reference data and course content shipped in resources/: loading and validation."""
