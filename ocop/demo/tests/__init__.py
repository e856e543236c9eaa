"""Tests of the demo data generator, the demo accounts and ``setup_demo``."""
