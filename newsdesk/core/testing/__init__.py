"""Helpers shared by the test suite and the bench scripts (no Django models here)."""
