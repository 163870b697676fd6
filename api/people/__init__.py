"""People taking part in committees; `person_supported` is sensitive personal data."""
