"""Demo data: realistic Vietnamese producers and products, demo accounts, the set-up behind ``make run``."""
