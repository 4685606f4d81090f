"""Models of this module."""
