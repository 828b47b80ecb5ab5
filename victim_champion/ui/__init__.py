"""PySide6 user interface. The only package (with app.py) allowed to import Qt."""
