"""Fast, explainable scoring with an exported linear text model: no scikit-learn, numpy only for batches.

card.py finds a model's files and checks their hashes against the card; npz.py reads the export
without numpy; analyzers.py and blocks.py are the TF-IDF blocks; linear.py explains one ad;
batch.py scores many at once. Importing this package imports neither numpy nor scikit-learn.
"""

from redflag.model.analyzers import TOKEN_PATTERN
from redflag.model.card import CARD_SUFFIX, FORMAT, load_pipeline, model_paths, read_card, verify
from redflag.model.linear import LinearModel, load

__all__ = [
    "CARD_SUFFIX", "FORMAT", "TOKEN_PATTERN", "LinearModel", "load", "load_pipeline", "model_paths", "read_card", "verify",
]
