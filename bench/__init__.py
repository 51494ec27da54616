"""Benchmarks. ``python -m bench`` (``make bench``) runs every ``bench/bench_*.py`` module's
``run()`` and writes one JSON file per benchmark into ``bench/results/``."""
