"""The law as dated data: the working calendar deadlines are counted in (docs/law.md)."""
