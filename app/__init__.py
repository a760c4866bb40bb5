"""The smart-factory audit desk."""

__version__ = "0.1.0"
