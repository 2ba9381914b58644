"""The XLSX export's workbook. openpyxl writes the workbook around the rows (styles, column
widths, the frozen bold heading); the rows are written here as the worksheet XML that
openpyxl's write-only worksheet writes for them, cell by cell, without a cell object per value,
and put into its worksheet part. The file is the one openpyxl alone would write.

A zip cannot be sent before it is complete: the rows go to a temporary file (on disk, not in
memory), then the workbook is written to another one, which is then streamed."""

import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from overseas.placements.files.columns import CHUNK_BYTES

# The part the rows go in: the workbook's one worksheet.
_SHEET_PART = "xl/worksheets/sheet1.xml"
_ROWS_END = b"</sheetData>"
# Excel's limit on a cell's text, which openpyxl applies by cutting the text.
_MAX_TEXT = 32767
# A cache keyed by values stops growing past this many entries.
_CACHE_LIMIT = 4096


def _escape(text: str) -> str:
    # What the XML writer escapes in an element's text.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value: float | Decimal) -> str:
    # As openpyxl writes a number (openpyxl.compat.safe_string): through a float, 16 digits.
    return "%.16g" % value  # noqa: UP031


class _Rows:
    """Worksheet rows as XML text. Each value is a `str`, `int`, `Decimal`, `date` or
    `datetime` (naive), or None (no cell); `formats[i]` is the number format of column i's
    numbers and dates (None: openpyxl's own, yyyy-mm-dd for a date)."""

    def __init__(self, sheet: Any, formats: Sequence[str | None], first_row: int) -> None:
        self._sheet = sheet
        self._epoch = sheet.parent.epoch
        self._columns = [
            (get_column_letter(i), number_format)
            for i, number_format in enumerate(formats, start=1)
        ]
        self._row = first_row - 1
        # ' s="N"' (or "") by the value's type and number format: each style is registered
        # with the workbook where openpyxl would first register it, so that the styles part
        # numbers them alike.
        self._styles: dict[tuple[type, str | None], str] = {}
        self._texts: dict[str, str] = {}
        self._days: dict[tuple[date, str | None], str] = {}

    def _style(self, value: Any, number_format: str | None) -> str:
        key = (type(value), number_format)
        style = self._styles.get(key)
        if style is None:
            cell = WriteOnlyCell(self._sheet, value=value)
            if number_format is not None:
                cell.number_format = number_format
            style = self._styles[key] = f' s="{cell.style_id}"' if cell.has_style else ""
        return style

    def xml(self, rows: Iterable[Sequence[Any]]) -> str:
        out: list[str] = []
        add = out.append
        # What follows a cell's reference, by value: codes, names and dates recur.
        texts, days = self._texts, self._days
        for values in rows:
            self._row += 1
            r = str(self._row)
            add(f'<row r="{r}">')
            for (letter, number_format), value in zip(self._columns, values, strict=True):
                if value is None:
                    continue
                kind = type(value)
                if kind is str:
                    rest = texts.get(value)
                    if rest is None:
                        rest = _remember(texts, value, _text(value))
                elif kind is int or kind is Decimal:
                    style = "" if number_format is None else self._style(value, number_format)
                    rest = f'{style} t="n"><v>{_number(value)}</v></c>'
                elif kind is date or kind is datetime:
                    rest = days.get((value, number_format))
                    if rest is None:
                        style = self._style(value, number_format)
                        number = _number(to_excel(value, self._epoch))
                        rest = f'{style} t="n"><v>{number}</v></c>'
                        _remember(days, (value, number_format), rest)
                else:
                    raise TypeError(f"no XLSX cell for {kind.__name__}")
                add(f'<c r="{letter}{r}"{rest}')
            add("</row>")
        return "".join(out)


def _remember(cache: dict[Any, str], key: Any, value: str) -> str:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()  # memory stays flat
    cache[key] = value
    return value


def _text(value: str) -> str:
    """A text cell after its reference, as openpyxl writes it (openpyxl.cell._writer)."""
    value = value[:_MAX_TEXT]
    if not value:
        return ' t="inlineStr" />'
    if len(value) > 1 and value[0] == "=":
        # A formula (the export's values never are one: columns.defuse).
        return f"><f>{_escape(value[1:])}</f><v /></c>"
    if value in ERROR_CODES:
        return f' t="e"><v>{value}</v></c>'
    stripped = value.strip()
    space = ' xml:space="preserve"' if stripped and stripped != value else ""
    return f' t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'


def _splice(frame: IO[bytes], rows: IO[bytes], out: IO[bytes]) -> None:
    """The workbook `frame` with the rows put at the end of its worksheet's data: every part
    copied as it is stored (order, compression, attributes, time)."""
    with (
        zipfile.ZipFile(frame) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename != _SHEET_PART:
                with target.open(info, "w") as part:
                    part.write(content)
                continue
            end = content.rindex(_ROWS_END)
            info.file_size = len(content) + rows.seek(0, 2)
            rows.seek(0)
            with target.open(info, "w") as part:
                part.write(content[:end])
                shutil.copyfileobj(rows, part, CHUNK_BYTES)
                part.write(content[end:])


def workbook(
    header: Sequence[str],
    widths: Sequence[float],
    formats: Sequence[str | None],
    chunks: Iterable[Iterable[Sequence[Any]]],
) -> Iterator[bytes]:
    """One sheet "placements": the bold header, frozen, then each chunk's rows."""
    with (
        tempfile.TemporaryFile() as rows,
        tempfile.TemporaryFile() as frame,
        tempfile.TemporaryFile() as spool,
    ):
        book = Workbook(write_only=True)
        sheet = book.create_sheet("placements")
        for position, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.freeze_panes = "A2"
        head = []
        for heading in header:
            cell = WriteOnlyCell(sheet, value=heading)
            cell.font = Font(bold=True)
            head.append(cell)
        sheet.append(head)
        writer = _Rows(sheet, formats, first_row=2)
        for chunk in chunks:
            rows.write(writer.xml(chunk).encode())
        book.save(frame)
        frame.seek(0)
        _splice(frame, rows, spool)
        spool.seek(0)
        while block := spool.read(CHUNK_BYTES):
            yield block
