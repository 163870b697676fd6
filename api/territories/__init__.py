"""INSEE reference data: regions and départements."""
