"""Benchmarks (not tests): generate data at national scale, load the API over HTTP, report."""
