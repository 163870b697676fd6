"""What every domain shares: errors, pagination, ETags, clock, table helpers."""
