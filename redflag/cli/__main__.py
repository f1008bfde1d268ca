"""`python -m redflag.cli`: the same as the `redflag` command."""

from redflag.cli.app import main

main()
