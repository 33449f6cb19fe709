"""Writes of the roadmap app: keyword-only, atomic."""
