"""Writes of monitoring, one module per area: questionnaires, characteristics, setup (the default set),
campaigns, answering, swot. Keyword-only and atomic."""
