"""Benchmarks at Kohesio scale and the synthetic data generator (see bench/README.md)."""
