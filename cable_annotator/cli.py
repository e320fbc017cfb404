"""The command line: the same use cases as the window, for scripts and quick work.

Bad input never produces a traceback: every expected failure becomes one sentence on
stderr naming the file or cable, and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from . import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cable-annotator",
        usage="%(prog)s [-h] [--version] [--project PATH] [FILE ... | COMMAND ...]",
        description="Read, tag and annotate diplomatic cables (FRUS). "
                    "Without a command, opens the window: FILE arguments name a project "
                    "(.cableproj) to open and documents (.txt, .xml) to import into it; "
                    "a window already open on that project takes them.",
    )
    _add_common_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser("import", help="import FRUS documents (plain text), volumes "
                              "(TEI) or raw telegrams (AAD, PlusD)")
    imp.add_argument("--volume", metavar="ID",
                     help="volume id for plain-text documents, e.g. frus1969-76ve11p2")
    imp.add_argument("--as", dest="as_format", choices=("frus", "text", "telegram"),
                     default=None,
                     help="read plain text as a FRUS page (frus), keep it verbatim as a "
                          "text document (text) or read raw State Department telegrams "
                          "(telegram: AAD, PlusD); by default the importer guesses and says so")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")

    lst = commands.add_parser("list", help="list the cables of the project")
    lst.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="show one cable with its structure")
    show.add_argument("cable_id", metavar="CABLE_ID")
    show.add_argument("--json", action="store_true", help="print JSON")

    find = commands.add_parser("search", help="search the text and footnotes of every cable")
    find.add_argument("query", metavar="QUERY",
                      help='words (all must occur), "a phrase" in quotes, prefix* with a star')
    find.add_argument("--limit", type=_positive, default=200, metavar="N",
                      help="at most N hits (default 200)")
    find.add_argument("--json", action="store_true", help="print JSON")

    ann = commands.add_parser("annotate", help="annotate a passage of a cable by its quote")
    ann.add_argument("cable_id", metavar="CABLE_ID")
    ann.add_argument("--quote", required=True, help="the exact text of the passage")
    ann.add_argument("--theme", action="append", default=[], metavar="NAME",
                     help="a theme to apply (repeatable)")
    ann.add_argument("--note", default="", help="a note on the passage")
    ann.add_argument("--occurrence", type=int, default=1, metavar="N",
                     help="which occurrence of the quote (default 1)")
    ann.add_argument("--part", default="body", metavar="body|footnote:N",
                     help="the part of the cable holding the quote (default body)")

    themes = commands.add_parser("themes", help="list or add themes of the codebook")
    themes.add_argument("--json", action="store_true", help="print JSON")
    theme_commands = themes.add_subparsers(dest="theme_command", metavar="SUBCOMMAND")
    add = theme_commands.add_parser("add", help="add a theme")
    add.add_argument("name")
    add.add_argument("--color", help="colour as #rrggbb")
    add.add_argument("--parent", help="name of the parent theme")

    merge = commands.add_parser("merge", help="merge a colleague's copy of the project")
    merge.add_argument("other", type=Path, metavar="OTHER",
                       help="the other project file (.cableproj); it is not changed")
    merge.add_argument("--json", action="store_true", help="print the report as JSON")

    conflicts = commands.add_parser("conflicts", help="list merge conflicts still to resolve")
    conflicts.add_argument("--json", action="store_true", help="print JSON")

    resolve = commands.add_parser("resolve", help="resolve a merge conflict")
    resolve.add_argument("annotation_id", metavar="ANNOTATION_ID",
                         help="either annotation of the conflict (see 'conflicts')")
    resolve.add_argument("--keep", required=True,
                         choices=["mine", "theirs", "both", "keep", "delete"],
                         help="both changed: mine, theirs or both; deleted on one side: "
                              "keep or delete")

    prefs = commands.add_parser("preferences",
                                help="show or set your author name (recorded on edits)")
    prefs.add_argument("--author", metavar="NAME",
                       help="your name on annotations and exports ('' = login name)")

    export = commands.add_parser("export", help="export annotations")
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    csv_parser = formats.add_parser("csv", help="CSV, one row per annotation")
    csv_parser.add_argument("-o", "--output", default="-", metavar="FILE",
                            help="file to write (default: standard output)")
    csv_parser.add_argument("--long", action="store_true",
                            help="one row per annotation and theme (long format)")
    csv_parser.add_argument("--excel", action="store_true",
                            help="start with a byte-order mark so Excel reads UTF-8")
    qdpx = formats.add_parser("qdpx", help="REFI-QDA project (ATLAS.ti, MAXQDA, NVivo, "
                                           "QualCoder)")
    qdpx.add_argument("-o", "--output", required=True, metavar="FILE", type=Path)
    qdc = formats.add_parser("qdc", help="REFI-QDA codebook (the themes alone)")
    qdc.add_argument("-o", "--output", required=True, metavar="FILE", type=Path)
    jsonld = formats.add_parser("jsonld", help="W3C Web Annotation collection (JSON-LD)")
    jsonld.add_argument("-o", "--output", default="-", metavar="FILE",
                        help="file to write (default: standard output)")
    return parser


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--project", metavar="PATH", type=Path,
                        help="project file (.cableproj); default: the default project")


def build_window_parser() -> argparse.ArgumentParser:
    """``cable-annotator [--project PATH] [FILE…]``: the window, as the desktop starts it
    (``Exec=cable-annotator %F``, so a menu launch passes no argument at all)."""
    parser = argparse.ArgumentParser(prog="cable-annotator")
    _add_common_options(parser)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="a project (.cableproj) to open, documents (.txt, .xml) to import")
    return parser


def _is_window_launch(argv: Sequence[str]) -> bool:
    """True unless the first argument that is not an option names a command (so a file
    called like a command is given as ``./list``); -h before it shows the full help."""
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
        elif token == "--":
            return True
        elif token == "--project":
            skip_next = True
        elif token in ("-h", "--help"):
            return False
        elif not token.startswith("-") or token == "-":
            return token not in _HANDLERS
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cable-annotator`` and ``python -m cable_annotator``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _is_window_launch(argv):
        window_args = build_window_parser().parse_args(argv)
        return _open_window(window_args.project, window_args.files)
    args = build_parser().parse_args(argv)
    handler = _HANDLERS[args.command]
    from .importers.errors import ImportCancelled, ImportFailed
    from .services.annotating import AnnotationError
    from .services.codebook import CodebookError
    from .services.exporting import ExportFailed
    from .storage.errors import ProjectError

    try:
        return handler(args)
    except (ProjectError, ImportFailed, AnnotationError, CodebookError, ExportFailed) as error:
        print(f"cable-annotator: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ImportCancelled:
        print("cable-annotator: import cancelled; nothing was stored.", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cable-annotator: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _open_window(project_path: Path | None, files: list[Path]) -> int:
    try:
        from .ui.window.app import run_app
    except ImportError as error:
        print(f"cable-annotator: the window cannot start: {error}.", file=sys.stderr)
        return EXIT_ERROR
    return run_app(project_path, files)


# Commands that may start a new project file at --project; the others only read or change
# an existing one, so a mistyped path is reported instead of silently creating a file.
_CREATING_COMMANDS = {"import"}


def _project(args: argparse.Namespace):
    from .file_safety import exists_at_all
    from .services.projects import open_project
    from .storage.errors import ProjectError

    creating = args.command in _CREATING_COMMANDS or getattr(args, "theme_command", None)
    if args.project is not None and not creating and not exists_at_all(
            args.project.expanduser()):
        raise ProjectError(
            f"{args.project} does not exist; start it with "
            f"'cable-annotator --project {args.project} import FILE'.")
    return open_project(args.project)


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _progress_printer(label: str) -> Callable[[int, int], None]:
    """A counter on stderr for long imports: updated in place on a terminal, a single
    closing line otherwise (so logs stay readable)."""
    live = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if total <= 1:
            return
        if done == total:
            print(f"{label}: {done}/{total} documents", file=sys.stderr, flush=True)
        elif live and done % 5 == 0:
            print(f"{label}: {done}/{total} documents", end="\r", file=sys.stderr, flush=True)
    return report


_EXCHANGE_SUFFIXES = {".qdpx", ".qdc", ".jsonld"}


def _import_exchange(project, path: Path) -> None:
    """A REFI-QDA project or codebook, or a W3C Web Annotation collection."""
    if path.suffix.lower() == ".jsonld":
        from .services.web_annotation import import_jsonld

        report = import_jsonld(project, path)
    else:
        from .services.refi_qda import import_refi

        report = import_refi(project, path)
    print(f"Imported {report.summary()}")


def _cmd_import(args: argparse.Namespace) -> int:
    from .services.importing import import_files

    with _project(args) as project:
        for path in args.files:
            if path.suffix.lower() in _EXCHANGE_SUFFIXES:
                _import_exchange(project, path)
                continue
            report = import_files(project, [path], volume=args.volume,
                                  progress=_progress_printer(path.name),
                                  as_format=args.as_format)
            for summary in report.cables:
                date = summary.date or "undated"
                number = f"{summary.number}. " if summary.number else ""
                print(f"{summary.id}\t{number}{summary.title}\t{date}")
            for reading in report.readings:
                other = "text" if reading.format == "frus" else "frus"
                hint = f"; give --as {other} to read it otherwise" if reading.guessed else ""
                print(f"cable-annotator: {path.name} {reading.describe()}{hint}.",
                      file=sys.stderr)
            for warning in report.warnings:
                print(f"cable-annotator: {warning}.", file=sys.stderr)
            if report.moved_annotations:
                print(f"cable-annotator: {report.moved_annotations} annotation(s) found their "
                      f"unchanged passages at new places in the re-imported text of "
                      f"{path.name}.", file=sys.stderr)
            if report.approximate_annotations:
                print(f"cable-annotator: {report.approximate_annotations} annotation(s) were "
                      f"placed on slightly changed wording in {path.name} (their quote and "
                      "context still match closely; the quote is kept as highlighted).",
                      file=sys.stderr)
            if report.orphaned_annotations:
                print(f"cable-annotator: {report.orphaned_annotations} annotation(s) could not "
                      f"be placed in the re-imported text of {path.name}; they are kept as "
                      "orphaned (listed as not found, exported without offsets).",
                      file=sys.stderr)
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from .services.queries import list_cables

    with _project(args) as project:
        cables = list_cables(project)
    if args.json:
        _print_json([{"id": c.id, "volume": c.volume, "number": c.number, "title": c.title,
                      "date": c.date, "kind": c.kind, "annotations": c.annotation_count}
                     for c in cables])
    else:
        for c in cables:
            heading = f"{c.number}. {c.title}" if c.number else c.title
            print(f"{c.id}\t{heading}\t{c.date or 'undated'}\t"
                  f"{c.annotation_count} annotation(s)")
    return EXIT_OK


def cable_as_json(cable, volume=None) -> dict:
    """The JSON shape of ``show --json``: the cable, its structure and what it mentions."""
    from .domain.citation import cite

    persons = {p.id: p for p in volume.persons} if volume else {}
    terms = {t.id: t for t in volume.terms} if volume else {}
    return {
        "id": cable.id, "volume": cable.volume, "number": cable.number, "title": cable.title,
        "kind": cable.kind, "date": cable.date, "place": cable.place, "subject": cable.subject,
        "sender": cable.sender, "recipient": cable.recipient,
        "classification": cable.classification, "telegram_number": cable.telegram_number,
        "signature": cable.signature, "file_number": cable.file_number,
        "chapter": cable.chapter,
        "compilation": cable.compilation, "citation": cite(cable, volume),
        "text": cable.text,
        "paragraphs": [{"label": b.label, "kind": b.kind, "start": b.start, "end": b.end}
                       for b in cable.blocks],
        "pages": [{"label": p.label, "start": p.offset} for p in cable.pages],
        "footnotes": [{"key": n.key, "marker": n.marker, "kind": n.kind, "offset": n.offset,
                       "text": n.text,
                       "paragraphs": [asdict(b) for b in n.blocks],
                       "references": [asdict(r) for r in n.references]}
                      for n in cable.footnotes],
        "references": [asdict(r) for r in cable.references],
        "emphasis": [asdict(s) for s in cable.spans],
        "persons": [asdict(persons[p]) if p in persons else {"id": p} for p in cable.persons],
        "terms": [asdict(terms[t]) if t in terms else {"id": t} for t in cable.terms],
        "telegram": cable.telegram.to_json() if cable.telegram is not None else None,
    }


def _cmd_show(args: argparse.Namespace) -> int:
    from .cli_telegram import link_json, link_lines, telegram_lines
    from .services.queries import load_cable, load_volume
    from .services.telegram_links import links_from, links_to

    with _project(args) as project:
        cable = load_cable(project, args.cable_id)
        volume = load_volume(project, cable.volume)
        cites, cited_by = links_from(project, cable), links_to(project, cable)
    if args.json:
        _print_json({**cable_as_json(cable, volume),
                     "links": [link_json(link) for link in cites + cited_by]})
        return EXIT_OK
    print(f"{cable.number}. {cable.title}" if cable.number else cable.title)
    facts = [("Id", cable.id), ("Date", cable.date or "unknown"), ("Kind", cable.kind),
             ("Subject", cable.subject), ("Classification", cable.classification)]
    for label, value in facts:
        if value:
            print(f"{label}: {value}")
    for line in telegram_lines(cable) + link_lines(cites, cited_by):
        print(line)
    print()
    print(cable.text)
    for note in cable.footnotes:
        print(f"\n[{note.marker}] {note.text}")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from .services.queries import load_cable
    from .services.search import search

    with _project(args) as project:
        hits = search(project, args.query, limit=args.limit)
        cables = {cable_id: load_cable(project, cable_id)
                  for cable_id in dict.fromkeys(hit.cable_id for hit in hits)}
    pages = [cables[hit.cable_id].page_range(hit.part, hit.start, hit.end) for hit in hits]
    if args.json:
        _print_json([{"cable_id": hit.cable_id, "number": hit.number, "title": hit.title,
                      "part": hit.part, "start": hit.start, "end": hit.end, "page": page,
                      "snippet": hit.snippet} for hit, page in zip(hits, pages, strict=True)])
        return EXIT_OK
    for hit, page in zip(hits, pages, strict=True):
        print(f"{hit.cable_id}\t{hit.part}\tp. {page or '?'}\t{hit.snippet}")
    if not hits:
        print(f"cable-annotator: nothing in {args.project or 'the project'} matches "
              f"{args.query!r}.", file=sys.stderr)
    return EXIT_OK


def _parse_part(value: str) -> str:
    """``footnote:1`` (command-line spelling) → ``footnote 1`` (stored part name)."""
    value = value.strip()
    if value == "body":
        return value
    if value.startswith("footnote:"):
        return "footnote " + value.split(":", 1)[1].strip()
    if value.startswith("footnote "):
        return value
    from .services.annotating import AnnotationError

    raise AnnotationError(f"--part must be 'body' or 'footnote:N', not {value!r}.")


def _cmd_annotate(args: argparse.Namespace) -> int:
    from .services.annotating import AnnotationError, annotate_quote
    from .services.queries import find_theme, load_cable

    if not args.theme:
        raise AnnotationError("Give at least one --theme for the annotation.")
    if args.occurrence < 1:
        raise AnnotationError("--occurrence counts from 1.")
    part = _parse_part(args.part)
    with _project(args) as project:
        theme_ids = [find_theme(project, name).id for name in args.theme]
        change = annotate_quote(project, args.cable_id, args.quote, theme_ids, note=args.note,
                                occurrence=args.occurrence, part=part)
        times = load_cable(project, args.cable_id).part_text(part).count(args.quote)
    annotation = change.annotation
    if times > 1:  # a script tagging by quote should know which one it got
        print(f"cable-annotator: {args.quote!r} occurs {times} times in {args.cable_id} "
              f"({part}); annotated occurrence {args.occurrence} (at {annotation.start}); "
              "--occurrence N picks another.", file=sys.stderr)
    print(f"{annotation.id}\t{annotation.cable_id}\t{annotation.part}\t"
          f"{annotation.start}–{annotation.end}")
    return EXIT_OK


def _cmd_themes(args: argparse.Namespace) -> int:
    from .domain.annotation import theme_path, tree_order
    from .services.codebook import add_theme
    from .services.queries import find_theme, list_themes, theme_usage

    with _project(args) as project:
        if args.theme_command == "add":
            parent_id = find_theme(project, args.parent).id if args.parent else None
            change = add_theme(project, args.name, color=args.color, parent_id=parent_id)
            print(f"{change.theme.id}\t{change.theme.name}\t{change.theme.color}")
            return EXIT_OK
        themes = list_themes(project)
        usage = theme_usage(project)
    by_id = {t.id: t for t in themes}
    shortcut = {t.id: str(i + 1) for i, t in enumerate(themes[:9])}
    ordered = tree_order(themes)
    if args.json:
        _print_json([{"id": t.id, "name": t.name, "path": theme_path(t, by_id),
                      "color": t.color, "parent": by_id[t.parent_id].name
                      if t.parent_id in by_id else None,
                      "shortcut": shortcut.get(t.id),
                      "description": t.description, "annotations": usage.get(t.id, 0)}
                     for t, _depth in ordered])
    else:
        for t, depth in ordered:
            print(f"{shortcut.get(t.id, ' ')}  {t.color}  {'  ' * depth}{t.name}\t"
                  f"{usage.get(t.id, 0)}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .services.exporting import export_csv, stdout_writer

    if args.format in ("qdpx", "qdc"):
        from .services.refi_qda import export_qdc, export_qdpx

        with _project(args) as project:
            writer = export_qdpx if args.format == "qdpx" else export_qdc
            report = writer(project, args.output)
        print(f"Wrote {report.summary()}", file=sys.stderr)
        return EXIT_OK
    if args.format == "jsonld":
        from .services.web_annotation import export_jsonld

        with _project(args) as project:
            if args.output == "-":
                with stdout_writer() as out:
                    export_jsonld(project, out)
            else:
                count = export_jsonld(project, Path(args.output))
                print(f"Wrote {count} annotation(s) to {args.output}", file=sys.stderr)
        return EXIT_OK
    with _project(args) as project:
        if args.output == "-":
            with stdout_writer() as out:
                export_csv(project, out, long=args.long, excel=args.excel)
        else:
            rows = export_csv(project, Path(args.output), long=args.long, excel=args.excel)
            print(f"Wrote {rows} row(s) to {args.output}", file=sys.stderr)
    return EXIT_OK


def _conflict_json(conflict) -> dict:
    return {"kind": conflict.kind, "cable_id": conflict.cable_id, "quote": conflict.quote,
            "mine": conflict.mine_id, "theirs": conflict.theirs_id,
            "deleted_by": conflict.deleted_by}


def _conflict_line(conflict) -> str:
    ids = " / ".join(i for i in (conflict.mine_id, conflict.theirs_id) if i)
    quote = " ".join(conflict.quote.split())
    return f"{conflict.kind}\t{conflict.cable_id}\t{ids}\t“{quote[:60]}”"


def _cmd_merge(args: argparse.Namespace) -> int:
    from .services.merging import merge_project

    with _project(args) as project:
        report = merge_project(project, args.other)
    if args.json:
        _print_json({
            "source": report.source, "added": report.added, "updated": report.updated,
            "skipped": report.skipped, "deleted": report.deleted, "orphaned": report.orphaned,
            "cables_added": report.cables_added, "cables_differing": report.cables_differing,
            "themes_added": report.themes_added,
            "themes_matched_by_name": report.themes_matched_by_name,
            "theme_differences": report.theme_differences,
            "conflicts": [_conflict_json(c) for c in report.conflicts]})
        return EXIT_OK
    print(report.summary())
    for cable_id in report.cables_differing:
        print(f"text differs\t{cable_id}\tours kept; their annotations placed on it")
    for difference in report.theme_differences:
        print(f"theme\t{difference}")
    if report.orphaned:
        print(f"orphaned\t{report.orphaned} of their annotation(s) could not be placed on "
              "our text")
    for conflict in report.conflicts:
        print(_conflict_line(conflict))
    if report.conflicts:
        print("cable-annotator: resolve each conflict with 'cable-annotator resolve ID --keep "
              "mine|theirs|both' (or keep|delete), or in the window.", file=sys.stderr)
    return EXIT_OK


def _cmd_conflicts(args: argparse.Namespace) -> int:
    from .services.merge_conflicts import open_conflicts

    with _project(args) as project:
        conflicts = open_conflicts(project)
    if args.json:
        _print_json([_conflict_json(c) for c in conflicts])
    else:
        for conflict in conflicts:
            print(_conflict_line(conflict))
    return EXIT_OK


def _cmd_resolve(args: argparse.Namespace) -> int:
    from .services.annotating import AnnotationError
    from .services.merge_conflicts import open_conflicts, resolve_conflict

    with _project(args) as project:
        found = [c for c in open_conflicts(project)
                 if args.annotation_id in (c.mine_id, c.theirs_id)]
        if not found:
            raise AnnotationError(f"Annotation {args.annotation_id} is in no merge conflict "
                                  f"in {project.path}.")
        try:
            resolve_conflict(project, found[0], args.keep)
        except ValueError as error:
            raise AnnotationError(str(error)) from error
    print(f"resolved\t{args.annotation_id}\t{args.keep}")
    return EXIT_OK


def _cmd_preferences(args: argparse.Namespace) -> int:
    from .services import preferences

    if args.author is not None:
        preferences.set_author(args.author)
    print(f"author\t{preferences.author()}")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "preferences": _cmd_preferences,
    "merge": _cmd_merge,
    "conflicts": _cmd_conflicts,
    "resolve": _cmd_resolve,
    "import": _cmd_import,
    "list": _cmd_list,
    "show": _cmd_show,
    "search": _cmd_search,
    "annotate": _cmd_annotate,
    "themes": _cmd_themes,
    "export": _cmd_export,
}


if __name__ == "__main__":
    sys.exit(main())
