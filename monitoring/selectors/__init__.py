"""Reads of monitoring that views share: access helpers, the audience of a campaign, the reports."""
