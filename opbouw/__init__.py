"""Opbouw: quality of community development work, made visible."""
