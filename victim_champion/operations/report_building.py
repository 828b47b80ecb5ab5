"""Build a report from this laptop's own records, and print it."""

from __future__ import annotations

from victim_champion.content.report_labels import report_labels
from victim_champion.core.reporting import Report, ReportPeriod, build_report
from victim_champion.operations.workspace import Workspace
from victim_champion.store.repositories.report_fact_repository import read_report_facts


def count_report(workspace: Workspace, period: ReportPeriod) -> Report:
    """Count the period from this laptop's records, with the published suppression rules."""
    return build_report(read_report_facts(workspace.store), period, report_labels())


def report_pdf(report: Report) -> bytes:
    """The report as a PDF (reportlab is imported on first print: it costs ~200 ms)."""
    from victim_champion.documents.report_document import build_report_pdf

    return build_report_pdf(report)
