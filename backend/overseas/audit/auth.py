"""Who may read the audit log: administrators."""

from overseas.auth.dependencies import AdminPrincipal

AuditReader = AdminPrincipal
