"""Where a job-seeker can get help: help lines and reporting points per country, looked up offline.

``lines_for(country, lang)`` is the one lookup the report and any other front end use; the lines
themselves are data (``data/helplines.toml``), each with its official source and the day it was checked.
"""

from redflag.help.lines import HelpLine, INTERNATIONAL, all_lines, countries_of, lines_for
from redflag.help.lookup import country_of_phones, help_for

__all__ = ["HelpLine", "INTERNATIONAL", "all_lines", "countries_of", "lines_for", "country_of_phones", "help_for"]
