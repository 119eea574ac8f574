"""Preprocessing: articles in, tidy evidence-backed tables out (`python -m dashboard.preprocess`)."""

PIPELINE_VERSION = "0.1.0"
