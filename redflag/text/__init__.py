"""Reading the ad's text: normalisation with an offset map back to the original (normalise), and the
disguise tables it undoes (lookalikes, from data/lookalikes.toml)."""
