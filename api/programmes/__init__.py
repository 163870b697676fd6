"""Work programmes: actions, deliverables, indicators, and their validated lifecycle."""
