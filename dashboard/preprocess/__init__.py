"""Preprocessing: articles in, tidy evidence-backed tables out (`python -m dashboard.preprocess`)."""

PIPELINE_VERSION = "0.1.15"  # raised whenever the tables change for the same input: older corpora count as stale
