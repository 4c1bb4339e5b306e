"""`housing-guide`: the operators' console command."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from actions.arabic_numbers import isolate_content
from actions.content_check import check_content
from actions.db.engine import build_engine, build_session_factory
from actions.db.migrate import upgrade_to_head
from actions.db.models import Role
from actions.i18n.catalog import LOCALES_DIR
from actions.privacy.purge import purge_closed_tickets
from actions.services.counsellors import AccountError, create_counsellor
from actions.settings import SUPPORTED_LANGUAGES, get_settings


def _read_password() -> str:
    """Read the password from the terminal without echo, or as one line of piped stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise AccountError("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _migrate(_args: argparse.Namespace) -> int:
    upgrade_to_head(get_settings().database_url)
    print("database is at the newest schema")
    return 0


def _create_counsellor(args: argparse.Namespace) -> int:
    engine = build_engine(get_settings().database_url)
    try:
        counsellor = create_counsellor(
            build_session_factory(engine), args.email, _read_password(), Role(args.role)
        )
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"created {counsellor.role.value} {counsellor.email}")
    return 0


def _check_content(args: argparse.Namespace) -> int:
    content_dir = args.content_dir or get_settings().content_dir
    problems = check_content(content_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"content check failed: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    count = len(list(content_dir.glob("*/*.md")))
    print(f"content check passed: {count} articles in {', '.join(SUPPORTED_LANGUAGES)}")
    return 0


def _isolate_numbers(args: argparse.Namespace) -> int:
    content_dir = args.content_dir or get_settings().content_dir
    changed = isolate_content(content_dir, LOCALES_DIR)
    for path in changed:
        print(f"isolated the numbers in {path}")
    print(f"{len(changed)} file(s) changed")
    return 0


def _purge(args: argparse.Namespace) -> int:
    settings = get_settings()
    days = args.days if args.days is not None else settings.purge_closed_after_days
    engine = build_engine(settings.database_url)
    try:
        count = purge_closed_tickets(build_session_factory(engine), days)
    finally:
        engine.dispose()
    print(f"personal data removed from {count} ticket(s) closed more than {days} days ago")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="housing-guide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)

    account = commands.add_parser(
        "create-counsellor", help="create a counsellor account (password read from stdin)"
    )
    account.add_argument("email")
    account.add_argument("--role", choices=[r.value for r in Role], default=Role.COUNSELLOR.value)
    account.set_defaults(run=_create_counsellor)

    purge = commands.add_parser(
        "purge", help="remove personal data of tickets closed more than PURGE_CLOSED_AFTER_DAYS ago"
    )
    purge.add_argument("--days", type=int, default=None)
    purge.set_defaults(run=_purge)

    content = commands.add_parser("content", help="curated content tools")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser(
        "check", help="fail on missing topics, bad front matter or URLs, stale reviews, raw HTML"
    )
    check.add_argument("--content-dir", type=Path, default=None)
    check.set_defaults(run=_check_content)
    isolate = content_commands.add_parser(
        "isolate", help="keep every number in the Arabic content and catalog left to right"
    )
    isolate.add_argument("--content-dir", type=Path, default=None)
    isolate.set_defaults(run=_isolate_numbers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
