"""Data exchange: Excel templates and all-or-nothing imports with a row-by-row preview."""
