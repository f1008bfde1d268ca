"""Formatters: they take finished results and a stream, and never detect anything themselves."""
