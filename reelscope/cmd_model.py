"""`reelscope model train|evaluate`: the sponsorship text classifier, trained on the user's own store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from reelscope.errors import UserError
from reelscope.options import DbOption
from reelscope.output import say, write_jsonl

model_app = typer.Typer(help="Train and evaluate the sponsorship text classifier.", no_args_is_help=True)
MIN_PER_CLASS = 10

Fraction = Annotated[float, typer.Option(help="Share of texts held out for evaluation.", min=0.05, max=0.9)]


def default_model_path() -> Path:
    """Where `model train` writes by default: beside the default database."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "reelscope" / "sponsorship-model.json"


def _weak_split(db: str | None, test_fraction: float) -> tuple[list[str], list[int], list[str], list[int]]:
    from plugins.sponsorship.classifier import split, weak_labels
    from store.engine import database_url, get_engine, session
    from store.migrations import ensure_schema
    from store.repo import iter_posts

    engine = get_engine(db or database_url())
    ensure_schema(engine)
    with session(engine) as s:
        texts, labels = weak_labels(iter_posts(s))
    positives = sum(labels)
    if positives < MIN_PER_CLASS or len(labels) - positives < MIN_PER_CLASS:
        raise UserError(
            f"the database holds {positives} disclosed and {len(labels) - positives} clearly organic posts "
            f"with text; training needs at least {MIN_PER_CLASS} of each (crawl more first)"
        )
    return split(texts, labels, test_fraction)


AsJson = Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")]


def _print_metrics(metrics: dict[str, Any], title: str, as_json: bool) -> None:
    if as_json:
        write_jsonl([metrics])
        return
    table = Table(title=title)
    for key in ("model_version", "n", "positives", "precision", "recall", "f1", "accuracy"):
        table.add_column(key)
    table.add_row(
        *(
            str(metrics[k])
            for k in ("model_version", "n", "positives", "precision", "recall", "f1", "accuracy")
        )
    )
    Console().print(table)


@model_app.command("train")
def train_command(
    db: DbOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="Model file to write.")] = None,
    test_fraction: Fraction = 0.25,
    as_json: AsJson = False,
) -> None:
    """Train on weak labels from the store (disclosed posts with their markers removed vs organic posts).

    Prints precision, recall and F1 on the held-out share; detection uses the model when
    REELSCOPE_MODEL names the file.

    Examples:
      reelscope model train
      reelscope model train --db postgresql+psycopg://user@host/db --out model.json
    """
    from plugins.sponsorship.classifier import evaluate, train

    train_x, train_y, test_x, test_y = _weak_split(db, test_fraction)
    model = train(train_x, train_y)
    path = out or default_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    title = f"held out: {len(test_y)} of {len(test_y) + len(train_y)}"
    _print_metrics(evaluate(model, test_x, test_y), title, as_json)
    say(f"model {model.version} written to {path}; use it with REELSCOPE_MODEL={path}")


@model_app.command("evaluate")
def evaluate_command(
    model_path: Annotated[Path, typer.Option("--model", help="Model file written by `model train`.")],
    db: DbOption = None,
    test_fraction: Fraction = 0.25,
    as_json: AsJson = False,
) -> None:
    """Evaluate a model on the held-out share of the store's weak labels.

    Examples:
      reelscope model evaluate --model ~/.local/share/reelscope/sponsorship-model.json
    """
    from plugins.sponsorship.classifier import Model, evaluate

    if not model_path.is_file():
        raise UserError(f"{model_path}: no such file")
    try:
        model = Model.load(model_path)
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{model_path}: not a reelscope model ({exc})") from None
    _, _, test_x, test_y = _weak_split(db, test_fraction)
    _print_metrics(evaluate(model, test_x, test_y), f"held out: {len(test_y)}", as_json)


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.add_typer(model_app, name="model")
