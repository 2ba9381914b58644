"""Recruitment notices: an enterprise's notice to the department before it recruits in the
province, acknowledged or rejected by an officer (docs/notices.md)."""
