"""Working groups (groupes de travail) of a committee."""
