"""Pages of the participant bases, one module per area."""
