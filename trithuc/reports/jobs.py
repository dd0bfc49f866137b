"""Background work of the reports app: takes an id, calls the service that does the work.

Kept in ``jobs.py`` so that "task" keeps meaning the program's nhiệm vụ."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def review_report_generate_job(report_id: int) -> str:
    """Draft the review report ``report_id``: DOCX, statistics workbook and, if it can, PDF."""
    report = services.review_report_generate(report_id=report_id)
    return report.status
