"""Tests mirror the `api` package."""
