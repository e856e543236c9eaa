"""Tests of the administrative-unit register."""
