"""Options shared by several commands, each declared once, and the choices they take."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from redflag.levels import LEVELS

if TYPE_CHECKING:
    from redflag.config import Config


class Format(str, Enum):
    """Output formats of `check` and `rules`."""

    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    """Output formats of `check`: the framed terminal report, plain text to paste, Markdown, or JSON."""

    terminal = "terminal"
    text = "text"
    markdown = "markdown"
    json = "json"


# The level names come from redflag.levels, the one definition of the levels, lowest first.
Level = Enum("Level", [(name, name) for name in LEVELS], type=str)
Level.__doc__ = "Risk levels, lowest first."

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
CheckFormatOpt = Annotated[Optional[CheckFormat], typer.Option(
    "--format", "-f", show_default=False,
    help="terminal (framed, in colour), text (plain, to paste into a chat or an e-mail), markdown or json; "
         "default: terminal when standard output is one, else text.")]
DetailsOpt = Annotated[bool, typer.Option("--details", help="The full report: every flag with its indicator, grades, phrases and rationale, triggers not counted, the model's terms, contact details found and the score's arithmetic.")]

# how ads are checked: the fields of redflag.config.Config
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes (e.g. FEE,DOC001).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes.")]
PackOpt = Annotated[Optional[list[Path]], typer.Option("--rules", help="An extra rule pack (TOML) to load beside the built-in ones.")]
ModelOpt = Annotated[Optional[Path], typer.Option("--model", help="A model file (.npz/.joblib) with its card beside it; default: the shipped model.")]
NoModelOpt = Annotated[bool, typer.Option("--no-model", help="Rules only: do not load the classifier.")]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Read the ad in this language (es, ru, ...) instead of detecting it.")]
UiLangOpt = Annotated[Optional[str], typer.Option("--ui-lang", help="Language of the report's titles and advice (default: the ad's, when redflag has it; else English).")]
RegionOpt = Annotated[Optional[str], typer.Option("--region", help="Default country for phone numbers without a country code (e.g. GB).")]
WeightsOpt = Annotated[Optional[Path], typer.Option("--weights", help="A fusion weights file from 'redflag train' or 'redflag evaluate --fit-weights'.")]
RedactOpt = Annotated[bool, typer.Option("--redact", help="Mask phone numbers, e-mails and handles in the output (stable tokens keep linking possible).")]

# how tables of ads are read and written (redflag.io.tables)
InputFormatOpt = Annotated[Optional[str], typer.Option("--input-format", help="csv, tsv, jsonl, json, xlsx or parquet; default: from the extension.")]
OutputFormatOpt = Annotated[Optional[str], typer.Option("--output-format", help="csv, jsonl or parquet; default: from the extension.")]
TextColOpt = Annotated[Optional[list[str]], typer.Option("--text-col", help="Text column(s), joined in the order given; default 'text', or EMSCAD's columns when present.")]
LabelColOpt = Annotated[Optional[str], typer.Option("--label-col", help="Label column (0/1, true/false or names); default 'fraudulent' for EMSCAD, else 'label'.")]
PositiveOpt = Annotated[Optional[str], typer.Option("--positive", help="The positive class, when labels are names.")]


def inputs_of(data: Path, config: Config) -> list[Path]:
    """Every file a command reads (the table, extra packs, the model and its card, weights): never to be written over."""
    from redflag.model.card import CARD_SUFFIX

    paths = [data, *map(Path, config.packs)]
    if config.model:
        model = Path(config.model)
        paths += [model, model.with_suffix(".npz"), model.with_suffix(".joblib"), model.with_name(model.stem + CARD_SUFFIX)]
    if config.weights:
        paths.append(Path(config.weights))
    return paths

# the case store (redflag.cases)
DbOpt = Annotated[Optional[str], typer.Option("--db", help="Case store: a SQLite file or postgresql://user@host/db; default: REDFLAG_DB or [tool.redflag] db.", show_default=False)]

# filters on the case store, shared by `cases search` and `report --db`
StoreLevelOpt = Annotated[Optional[Level], typer.Option("--level", help="At least this level.")]
HarmOpt = Annotated[Optional[str], typer.Option("--type", help="Kind of harm: labour, sexual or scam.")]
SeenOnOpt = Annotated[Optional[str], typer.Option("--source", help="Seen on this site or platform.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Seen on or after (YYYY-MM-DD, or an age such as 30d).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Seen before (YYYY-MM-DD or an age).")]
PhoneOpt = Annotated[Optional[str], typer.Option("--phone", help="Phone number, in any writing (+44 7700 900123, 07700900123).")]
HandleOpt = Annotated[Optional[str], typer.Option("--handle", help="Messenger or social handle (@name, t.me/name).")]
WordsOpt = Annotated[Optional[str], typer.Option("--text", help="Full-text words, all of them.")]
