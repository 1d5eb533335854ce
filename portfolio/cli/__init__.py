"""The command line: `python -m portfolio COMMAND` (or `portfolio COMMAND`
in the project's environment). Every command honours PORTFOLIO_DATA.

Commands live one module each: `snapshots` and `verify` (snapshots.py),
`diff` (diff.py), `template`, `validate`, `import`, `restore` (update.py),
`export-public` (export.py), `publish` (publish.py), `export` and `migrate-store` (store.py),
`meeting-pack` (meeting_pack.py), `import-decidim` (decidim.py). The demo and generated data sets are made by
the tools outside the package (`python -m tools.demo_data`,
`python -m tools.generate`). Nothing here imports Streamlit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portfolio import config, texts
from portfolio.cli import decidim, diff, export, meeting_pack, publish, snapshots, store
from portfolio.model.validate import ValidationFailed
from portfolio.store import lake

T = texts.CLI

# argparse looks its own words up through gettext at run time
argparse._ = lambda message: texts.ARGPARSE.get(message, message)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portfolio", description=T["description"])
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    snapshots.add_parsers(commands)
    diff.add_parser(commands)
    _add_update_parsers(commands)
    export.add_parser(commands)
    publish.add_parser(commands)
    store.add_parsers(commands)
    meeting_pack.add_parser(commands)
    decidim.add_parser(commands)
    return parser


# -- data updates: template, import, validate, restore (portfolio.cli.update) -----

UPDATE_COMMANDS = ("template", "import", "validate", "restore")


def _add_update_parsers(commands) -> None:
    from portfolio.texts import update as U

    C = U.CLI
    template = commands.add_parser("template", help=C["template"], description=C["template"])
    template.add_argument("out", type=Path, metavar="FIL", help=C["template_out"])
    template.add_argument("--snapshot", default=None, metavar="ID", help=C["template_snapshot"])
    for name in ("import", "validate"):
        command = commands.add_parser(name, help=C[name], description=C[name])
        command.add_argument("files", type=Path, nargs="+", metavar="FIL", help=C["files"])
        if name == "import":
            command.add_argument("--author", required=True, metavar="NAVN", help=C["author"])
            command.add_argument("--note", required=True, metavar="TEKST", help=C["note"])
        command.add_argument("--base", default=None, metavar="ID", help=C["base"])
    restore = commands.add_parser("restore", help=C["restore"], description=C["restore"])
    restore.add_argument("snapshot_id", metavar="ID", help=C["restore_id"])
    restore.add_argument("--author", required=True, metavar="NAVN", help=C["author"])
    restore.add_argument("--note", required=True, metavar="TEKST", help=C["note"])


def _run_update_command(args: argparse.Namespace) -> int:
    """Exit codes: 0 done (or nothing to do), 1 invalid data, 2 the command
    could not run (unknown snapshot, missing file, the store cannot be
    reached), 3 conflict. Never a traceback."""
    from portfolio.cli import update
    from portfolio.texts import update as U

    try:
        return update.run_command(args.command, args, config.data_dir())
    except (lake.LakeUnavailable, *lake.UNAVAILABLE, lake.SettingRefused) as err:
        return _unavailable(err)
    except Exception as err:
        print(U.UNEXPECTED.format(error=f"{type(err).__name__}: {err}"), file=sys.stderr)
        return 1


def _unavailable(err: Exception) -> int:
    """The store could not be reached (or its settings are refused): say why
    in Norwegian, with DuckDB's own text (secrets masked) on a line of its
    own; exit code 2."""
    from portfolio.texts import store as S

    if isinstance(err, lake.SettingRefused):
        print(S.SETTING_REFUSED[err.problem], file=sys.stderr)
        return 2
    if not isinstance(err, lake.LakeUnavailable):  # raised by a query: the store is the configured one
        err = lake.unavailable(lake.location(config.data_dir()), err)
    print(S.UNAVAILABLE[err.reason].format(where=err.where), S.UNAVAILABLE_NOTHING_CHANGED, file=sys.stderr)
    if err.__cause__ is not None:
        problem = " ".join(str(err.__cause__).split("\n\n")[0].split())
        print(S.UNAVAILABLE_DETAIL.format(problem=problem), file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "diff":
            return diff.run(args)
        if args.command == "export-public":
            return export.run(args)
        if args.command == "publish":
            return publish.run(args)
        if args.command == "export":
            return store.export(args)
        if args.command == "migrate-store":
            return store.migrate(args)
        if args.command == "meeting-pack":
            return meeting_pack.run(args)
        if args.command == "import-decidim":
            return decidim.run(args)
        if args.command == "verify":
            return snapshots.verify_all(args)
        if args.command in UPDATE_COMMANDS:
            return _run_update_command(args)
        return snapshots.snapshots(args)
    except (lake.LakeUnavailable, *lake.UNAVAILABLE, lake.SettingRefused) as err:
        return _unavailable(err)
    except ValidationFailed as err:
        print(T["invalid"], file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
