"""Rules: reviewed packs of red flags (schema, loader), matched by kind behind one interface (kinds, engine)."""
