"""Machine clients: the systems of départements and carriers that sync membership."""
