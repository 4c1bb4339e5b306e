"""Hand-off tickets as counsellors work them: list, read, claim, note, record contact, close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from babel import Locale
from fastapi import APIRouter, HTTPException, Request

from actions.api.deps import CurrentCounsellor, DbSession
from actions.api.schemas import (
    CloseIn,
    ContactAttemptIn,
    ContactAttemptOut,
    NoteIn,
    NoteOut,
    TicketOut,
    TicketSummaryOut,
)
from actions.content import ContentLibrary
from actions.db.models import Ticket, TicketStatus, Urgency
from actions.db.repositories import TicketRepository
from actions.handoff.periods import PERIOD_KEYS
from actions.i18n import formatting
from actions.i18n.catalog import Translator
from actions.services import ticket_workflow
from actions.services.ticket_workflow import WorkflowError

router = APIRouter(prefix="/api/tickets", tags=["counsellors"])
SUMMARY_LANGUAGE = "fi"  # any counsellor in Lahti can read the structured summary


def _fields(ticket: Ticket) -> dict[str, object]:
    """The row's columns, plus who claimed it (relationships are mapped explicitly)."""
    values: dict[str, object] = {c.key: getattr(ticket, c.key) for c in Ticket.__table__.columns}
    values["claimed_by"] = ticket.claimed_by.email if ticket.claimed_by else None
    return values


def _summary(ticket: Ticket) -> TicketSummaryOut:
    return TicketSummaryOut.model_validate(_fields(ticket))


def _contact_line(ticket: Ticket, fi: Translator) -> str:
    method = fi.gettext(f"handoff.method_{ticket.contact_method}") if ticket.contact_method else "–"
    return f"{method}: {ticket.contact_value or '–'}"


def _language_name(code: str | None, fi: Translator) -> str:
    """A language code in Finnish ("arabia"); anything else as the resident wrote it."""
    if not code:
        return "–"
    return Locale.parse(fi.language).languages.get(code, code) if code.isalpha() else code


def _time_line(ticket: Ticket, fi: Translator) -> str:
    if ticket.preferred_period in PERIOD_KEYS:
        return fi.gettext(PERIOD_KEYS[ticket.preferred_period])
    return ticket.preferred_time or "–"


def _interpreter_line(ticket: Ticket, fi: Translator) -> str:
    if ticket.interpreter_language:
        return _language_name(ticket.interpreter_language, fi)
    # Translators: counsellor summary: the resident needs no interpreter.
    return fi.gettext("summary.no_interpreter") if ticket.preferred_language else "–"


def finnish_summary(ticket: Ticket, content: ContentLibrary) -> list[tuple[str, str]]:
    """Label/value pairs in Finnish, so that any counsellor can triage the ticket."""
    fi = Translator(SUMMARY_LANGUAGE)
    topics = [
        article.title if (article := content.get(t, SUMMARY_LANGUAGE)) else t for t in ticket.topics
    ]
    rows = [
        # Translators: counsellor summary labels (shown in Finnish to every counsellor).
        (fi.gettext("summary.topics"), ", ".join(topics) or "–"),
        (fi.gettext("summary.urgency"), fi.gettext(f"urgency.{ticket.urgency.value}")),
        (
            fi.gettext("summary.reasons"),
            ", ".join(fi.gettext(f"reason.{r}") for r in ticket.urgency_reasons) or "–",
        ),
        (
            fi.gettext("summary.deadlines"),
            ", ".join(
                formatting.day(date.fromisoformat(d), SUMMARY_LANGUAGE) for d in ticket.deadlines
            )
            or "–",
        ),
        (
            fi.gettext("summary.amounts"),
            ", ".join(formatting.euros(Decimal(a), SUMMARY_LANGUAGE) for a in ticket.amounts)
            or "–",
        ),
        (fi.gettext("summary.arrears_months"), str(ticket.arrears_months or "–")),
        (fi.gettext("summary.language"), Translator(ticket.language).gettext("language.name")),
        (
            fi.gettext("summary.preferred_language"),
            _language_name(ticket.preferred_language, fi),
        ),
        (fi.gettext("summary.interpreter"), _interpreter_line(ticket, fi)),
        (fi.gettext("summary.contact"), _contact_line(ticket, fi)),
        (fi.gettext("summary.preferred_time"), _time_line(ticket, fi)),
        (fi.gettext("summary.description"), ticket.description or "–"),
    ]
    return rows


def ticket_out(ticket: Ticket, content: ContentLibrary) -> TicketOut:
    out = TicketOut.model_validate(_fields(ticket))
    out.notes = [
        NoteOut(body=n.body, author=n.author.email, created_at=n.created_at) for n in ticket.notes
    ]
    out.contact_attempts = [
        ContactAttemptOut(
            method=a.method,
            reached=a.reached,
            note=a.note,
            counsellor=a.counsellor.email,
            created_at=a.created_at,
        )
        for a in ticket.contact_attempts
    ]
    out.summary_fi = finnish_summary(ticket, content)
    return out


def _content(request: Request) -> ContentLibrary:
    library: ContentLibrary = request.app.state.content
    return library


def _run(
    session: DbSession, request: Request, reference: str, change: Callable[[], object]
) -> TicketOut:
    """Apply one workflow change and commit it; a WorkflowError becomes its HTTP answer."""
    try:
        change()
        session.commit()
    except WorkflowError as error:
        session.rollback()
        raise HTTPException(error.status_code, str(error)) from error
    return ticket_out(ticket_workflow.open_ticket(session, reference), _content(request))


@router.get("", response_model=list[TicketSummaryOut])
def list_tickets(
    _counsellor: CurrentCounsellor,
    session: DbSession,
    status: TicketStatus | None = None,
    urgency: Urgency | None = None,
    language: str | None = None,
    topic: str | None = None,
) -> list[TicketSummaryOut]:
    """List tickets, urgent and longest-waiting first; filter by status, urgency, language."""
    tickets = TicketRepository(session).list(status, urgency, language, topic)
    return [_summary(t) for t in tickets]


@router.get("/{reference}", response_model=TicketOut)
def read_ticket(
    reference: str, _counsellor: CurrentCounsellor, session: DbSession, request: Request
) -> TicketOut:
    """Read one ticket with its personal data, notes and contact attempts."""
    try:
        return ticket_out(ticket_workflow.open_ticket(session, reference), _content(request))
    except WorkflowError as error:
        raise HTTPException(error.status_code, str(error)) from error


@router.post("/{reference}/claim", response_model=TicketOut)
def claim_ticket(
    reference: str, counsellor: CurrentCounsellor, session: DbSession, request: Request
) -> TicketOut:
    """Claim a ticket (an admin may take over one claimed by someone else)."""
    return _run(
        session, request, reference, lambda: ticket_workflow.claim(session, reference, counsellor)
    )


@router.post("/{reference}/notes", response_model=TicketOut)
def add_note(
    reference: str,
    note: NoteIn,
    counsellor: CurrentCounsellor,
    session: DbSession,
    request: Request,
) -> TicketOut:
    """Add an internal note."""
    return _run(
        session,
        request,
        reference,
        lambda: ticket_workflow.add_note(session, reference, counsellor, note.body),
    )


@router.post("/{reference}/contact-attempts", response_model=TicketOut)
def record_contact_attempt(
    reference: str,
    attempt: ContactAttemptIn,
    counsellor: CurrentCounsellor,
    session: DbSession,
    request: Request,
) -> TicketOut:
    """Record a call, SMS, e-mail or visit, and whether the resident was reached."""
    return _run(
        session,
        request,
        reference,
        lambda: ticket_workflow.record_contact(
            session, reference, counsellor, attempt.method, attempt.reached, attempt.note
        ),
    )


@router.post("/{reference}/close", response_model=TicketOut)
def close_ticket(
    reference: str,
    body: CloseIn,
    counsellor: CurrentCounsellor,
    session: DbSession,
    request: Request,
) -> TicketOut:
    """Close a ticket with its outcome."""
    return _run(
        session,
        request,
        reference,
        lambda: ticket_workflow.close(session, reference, counsellor, body.outcome),
    )
