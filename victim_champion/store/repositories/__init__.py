"""Domain repositories: one per kind of record kept on the laptop."""
