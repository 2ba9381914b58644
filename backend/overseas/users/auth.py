"""Who may manage accounts: administrators only."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import AdminPrincipal
from overseas.auth.models import User
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.types import Id
from overseas.users import service

AccountManager = AdminPrincipal


def load_user(user_id: Id, session: SessionDep, _p: AccountManager) -> User:
    return service.get_user(session, user_id)


def load_user_for_write(
    user_id: Id, session: SessionDep, _p: AccountManager, if_match: IfMatchDep = None
) -> User:
    user = service.get_user(session, user_id)
    check_if_match(if_match, user.version)
    return user


UserDep = Annotated[User, Depends(load_user)]
UserForWrite = Annotated[User, Depends(load_user_for_write)]
