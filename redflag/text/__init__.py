"""Reading the ad's text: normalisation with an offset map back to the original."""
