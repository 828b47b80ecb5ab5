"""Controllers: the glue between pages and the operations layer."""
