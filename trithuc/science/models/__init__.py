"""Science records: ordering of science tasks from need to applied result, initiatives, and
expert-cooperation programmes."""

from .cooperation import CooperationProgram
from .execution import AppliedTask, Contract, Milestone, ResultAcceptance, ResultApplication
from .initiatives import Initiative
from .ordering import Call, Need, OrderingList, ScienceTask
from .selection import (
    Application,
    ConflictDeclaration,
    Council,
    CouncilMember,
    Criterion,
    DeclaredRelative,
    Score,
    TeamMember,
)

__all__ = [
    "AppliedTask",
    "Application",
    "Call",
    "ConflictDeclaration",
    "Contract",
    "CooperationProgram",
    "Council",
    "CouncilMember",
    "Criterion",
    "DeclaredRelative",
    "Initiative",
    "Milestone",
    "Need",
    "OrderingList",
    "ResultAcceptance",
    "ResultApplication",
    "ScienceTask",
    "Score",
    "TeamMember",
]
