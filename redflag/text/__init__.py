"""Reading the ad's text: normalisation with an offset map back to the original (normalise), the gaps
between words (gaps), broken-up disguised words (splits) and the disguise tables (lookalikes, from
data/lookalikes.toml)."""
