"""Residents' "was this helpful?" answers, and their sums per article for the content team."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, sessionmaker

from actions.db.engine import transaction
from actions.db.models import ArticleFeedback


@dataclass(frozen=True)
class FeedbackTotals:
    topic: str
    language: str
    helpful: int
    not_helpful: int


def record_feedback(
    factory: sessionmaker[Session],
    topic: str,
    language: str,
    helpful: bool,
    orientation_session: bool = False,
) -> None:
    """Store one verdict; nothing about the resident or the conversation is kept."""
    with transaction(factory) as session:
        session.add(
            ArticleFeedback(
                topic=topic,
                language=language,
                helpful=helpful,
                orientation_session=orientation_session,
            )
        )


def feedback_totals(session: Session) -> list[FeedbackTotals]:
    """Helpful / not helpful counts per article and language, least helpful first."""
    not_helpful = func.sum(case((ArticleFeedback.helpful.is_(False), 1), else_=0))
    helpful = func.sum(case((ArticleFeedback.helpful.is_(True), 1), else_=0))
    rows = session.execute(
        select(ArticleFeedback.topic, ArticleFeedback.language, helpful, not_helpful)
        .group_by(ArticleFeedback.topic, ArticleFeedback.language)
        .order_by(not_helpful.desc(), ArticleFeedback.topic, ArticleFeedback.language)
    ).all()
    return [FeedbackTotals(topic, language, int(yes), int(no)) for topic, language, yes, no in rows]
