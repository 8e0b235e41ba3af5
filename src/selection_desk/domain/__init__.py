"""The domain of a selection campaign: plain, immutable values with no I/O and no Qt."""

from selection_desk.domain.model import (
    Assignment,
    AuditEntry,
    Campaign,
    CampaignData,
    Conflict,
    Criterion,
    Decision,
    Dossier,
    Juror,
    Method,
    Outcome,
    Review,
    ReviewStatus,
    Role,
    RubricLevel,
    Score,
)

__all__ = [
    "Assignment",
    "AuditEntry",
    "Campaign",
    "CampaignData",
    "Conflict",
    "Criterion",
    "Decision",
    "Dossier",
    "Juror",
    "Method",
    "Outcome",
    "Review",
    "ReviewStatus",
    "Role",
    "RubricLevel",
    "Score",
]
