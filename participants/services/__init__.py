"""Writes of the participant bases, one module per area; every function is keyword-only and atomic."""
