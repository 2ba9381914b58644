"""Placements as files: the CSV/XLSX import, its template, and the streamed export."""

from overseas.placements.files.columns import (
    COLUMNS,
    CSV_MEDIA_TYPE,
    NDJSON_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    CellError,
    Column,
    read_cell,
)
from overseas.placements.files.exporting import ExportFormat, audit_export, export_response
from overseas.placements.files.importing import import_file
from overseas.placements.files.template import TemplateFormat, template_response

__all__ = [
    "COLUMNS",
    "CSV_MEDIA_TYPE",
    "NDJSON_MEDIA_TYPE",
    "XLSX_MEDIA_TYPE",
    "CellError",
    "Column",
    "ExportFormat",
    "TemplateFormat",
    "audit_export",
    "export_response",
    "import_file",
    "read_cell",
    "template_response",
]
