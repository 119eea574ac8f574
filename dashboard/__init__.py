"""Pledge Explorer: evidence-backed tables and a dashboard over news of diplomatic meetings."""

__version__ = "0.1.0"
