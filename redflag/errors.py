"""Errors that the CLI turns into a one-line message and exit code 2."""


class RedflagError(Exception):
    """Base for every error a user can cause (bad input, bad option, bad model file)."""


class InputError(RedflagError):
    """The ad or file given cannot be read as text."""


class RulePackError(RedflagError):
    """A rule pack fails validation at load time."""


class ModelError(RedflagError):
    """A model file is missing, altered or not one of ours."""
