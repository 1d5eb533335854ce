"""The data update commands: `python -m portfolio template|import|validate|restore`.

Each goes through portfolio.ingest.pipeline (prepare -> changes -> commit)
and prints what the page would show, in Norwegian. Exit codes: 0 done (or
nothing to do), 1 invalid data, 2 the command cannot run (unknown snapshot,
missing file), 3 conflict.
"""

from __future__ import annotations

import sys

from portfolio import fmt
from portfolio.ingest import pipeline, preview
from portfolio.ingest.reading import Upload
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import update as T


def run_command(command: str, args, data_dir) -> int:
    """Run one of the update commands; return the exit code. Prints, never
    raises for bad input."""
    out, err = sys.stdout, sys.stderr
    store = Store(data_dir)

    def say(text: str = "", to=None) -> None:
        print(text, file=to or out)

    if command == "template":
        return _template(store, args, say, err)

    if command == "restore":
        try:
            old = store.get(args.snapshot_id)
        except SnapshotNotFound:
            say(T.UNKNOWN_SNAPSHOT.format(snapshot_id=args.snapshot_id), err)
            return 2
        prepared = pipeline.prepare_restore(store, old.snapshot_id)
        return _report_and_commit(prepared, store, args.author, args.note, say, err, commit_it=True)

    uploads = []
    for path in args.files:
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except OSError:
            say(T.CLI["file_missing"].format(path=path), err)
            return 2
    prepared = pipeline.prepare(uploads, store, base_id=args.base)
    if command == "import" and not prepared.ok:
        from portfolio.store import audit

        audit.record_rejected(data_dir, who=args.author, origin="cli",
                              files=[str(p) for p in args.files], problems=prepared.problems)
    if command == "validate":
        return _report_and_commit(prepared, store, None, None, say, err, commit_it=False)
    return _report_and_commit(prepared, store, args.author, args.note, say, err, commit_it=True)


def _template(store: Store, args, say, err) -> int:
    try:
        meta = store.get(args.snapshot) if args.snapshot else store.latest()
    except SnapshotNotFound:
        say(T.UNKNOWN_SNAPSHOT.format(snapshot_id=args.snapshot), err)
        return 2
    from portfolio.ingest import template as workbook

    data = workbook.template(store.read_frames(meta.snapshot_id), meta) if meta else workbook.template(None, None)
    args.out.write_bytes(data)
    if meta is None:
        say(T.TEMPLATE_EMPTY_WRITTEN.format(path=args.out))
    else:
        say(T.TEMPLATE_WRITTEN.format(snapshot_id=meta.snapshot_id, path=args.out))
    return 0


def _report_and_commit(prepared: pipeline.Prepared, store: Store, author, note, say, err, *,
                       commit_it: bool) -> int:
    if not prepared.ok:
        say(T.INVALID.format(count=len(prepared.problems)), err)
        for problem in prepared.problems:
            say(f"  {problem}", err)
        return 1
    if commit_it:
        for value, message in ((author, T.AUTHOR_REQUIRED), (note, T.NOTE_REQUIRED)):
            if not (value or "").strip():
                say(message, err)
                return 1
    if not commit_it:
        say(T.VALID)
    for line in preview.sources_text(prepared):
        say(f"  {line}")
    say(preview.base_line(prepared))
    if prepared.unchanged:
        base = prepared.base
        say(T.NO_CHANGES.format(snapshot_id=base.snapshot_id, date=fmt.date(base.created)))
        return 0
    found = pipeline.changes(prepared, store)
    say(preview.change_count(len(found)))
    for line in preview.summary_lines(found):
        say(f"  {line}")
    if not commit_it:
        if prepared.is_stale:
            say(pipeline.conflict_message(prepared.base, store.latest()), err)
        return 0
    outcome = pipeline.commit(prepared, store, author=author, note=note)
    say(outcome.message, err if outcome.kind in ("conflict", "invalid") else None)
    return outcome.exit_code
