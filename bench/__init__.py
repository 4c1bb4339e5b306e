"""Load benchmark: simulated residents against our production-shaped bot and a reference bot.

`python -m bench --help` (or `bench/run`, `make bench`) runs it; bench/report.md holds the figures.
"""
