"""``python -m redflag``: the same command line as ``redflag``."""

from redflag.cli import main

main()
