"""Formatters: they lay out finished objects and never detect, score or read anything themselves.

The contract every formatter follows:

    render(obj, stream: TextIO, options: RenderOptions) -> None

``obj`` is a finished object (a Result, a rule, a summary, a report, clusters); ``stream`` is where the
text goes; ``options`` (``redflag.render.options.RenderOptions``) carries the few things a formatter may
be told (source name, original text, quiet, colour, width, output file, the report's words in the
result's ui language, looked up by the command), and each formatter reads only
the fields it needs. A module holds the formatters of one kind of object (``terminal``, ``jsonfmt``,
``catalogue``, ``explain``, ...); when it has more than one output form, each form is its own function
with the same signature (``render``, ``render_json``). Rich consoles are made by
``redflag.render.options.console`` so every formatter honours colour and width the same way.
"""
