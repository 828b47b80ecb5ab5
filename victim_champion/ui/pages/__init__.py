"""Work-area pages: thin widgets that show data and forward intent."""
