"""Reads of the roadmap app that views share."""
