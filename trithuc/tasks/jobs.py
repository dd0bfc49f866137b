"""Background work of the tasks app: thin wrappers that take ids and ISO dates and call a service.

Kept in ``jobs.py`` so that "task" keeps meaning the program's nhiệm vụ."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from trithuc.programs.models import Program

from . import services


@task()
def unit_reports_generate_job(program_id: int, up_to: str) -> int:
    """Create the expected unit reports of a program for periods begun by ``up_to`` (YYYY-MM-DD)."""
    program = Program.objects.get(pk=program_id)
    return services.unit_reports_generate(program=program, up_to=dt.date.fromisoformat(up_to))


@task()
def unit_reports_remind_job(day: str) -> int:
    """Email the units whose reports fall due soon after ``day`` (YYYY-MM-DD)."""
    return services.unit_reports_remind(day=dt.date.fromisoformat(day))
