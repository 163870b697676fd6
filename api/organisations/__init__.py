"""Organisations (structures): who carries committees and who people work for."""
