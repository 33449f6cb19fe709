"""Reads of the participant bases that views, exports and reports share."""
