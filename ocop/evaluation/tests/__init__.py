"""Tests of the evaluation capability (for now: the rubric data and its validator, no database)."""
