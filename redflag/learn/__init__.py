"""Learning from labelled ads: training the model and fitting fusion weights (the only code importing scikit-learn)."""
