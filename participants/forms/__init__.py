"""Forms of the participant bases, one module per area."""
