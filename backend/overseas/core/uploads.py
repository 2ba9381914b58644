"""Files people attach to records: signed scans (PDF, images) and office documents.
Its type is read from its first bytes, not from the name or the header the client sent."""

from overseas.core.errors import ValidationFailed

MAX_FILE_BYTES = 10 * 1024 * 1024

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 and Word 97-2003
_BY_SIGNATURE = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
_OFFICE = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_OLD_OFFICE = {".xls": "application/vnd.ms-excel", ".doc": "application/msword"}
ACCEPTED = "PDF, PNG, JPEG, XLSX, XLS, DOCX or DOC"
MEDIA_TYPES = (
    *(kind for _, kind in _BY_SIGNATURE),
    *_OFFICE.values(),
    *_OLD_OFFICE.values(),
)


def media_type(name: str, content: bytes) -> str:
    """The file's type, or 422 naming `file` when it is empty, too large or not accepted."""
    if not content:
        raise ValidationFailed.one("file", "the file is empty", "file_empty")
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed.one(
            "file",
            f"at most {MAX_FILE_BYTES // (1024 * 1024)} MiB",
            "file_too_large",
            {"max_mib": MAX_FILE_BYTES // (1024 * 1024)},
        )
    for signature, kind in _BY_SIGNATURE:
        if content.startswith(signature):
            return kind
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if content.startswith(_ZIP) and suffix in _OFFICE:
        return _OFFICE[suffix]
    if content.startswith(_OLE) and suffix in _OLD_OFFICE:
        return _OLD_OFFICE[suffix]
    raise ValidationFailed.one(
        "file", f"not a {ACCEPTED} file", "file_type", {"accepted": ACCEPTED}
    )


def safe_name(name: str | None) -> str:
    """The file's own name without any folder, at most 255 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return (base or "bao-cao")[:255]
