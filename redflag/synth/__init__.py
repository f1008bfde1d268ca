"""Synthetic job-ad generator: labelled honest and exploitative/fraudulent ads with evidence spans."""

from redflag.synth.dataset import generate, write_csv

__all__ = ["generate", "write_csv"]
