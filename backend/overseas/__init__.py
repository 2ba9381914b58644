"""Overseas Work Registry: the system of record for workers going abroad under contract."""

__version__ = "0.1.0"
