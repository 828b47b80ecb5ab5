"""PDF builders (reportlab): domain objects in, PDF bytes out. Arrives with the documents issue."""
