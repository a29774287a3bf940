"""Write login, logout, failed-login and lockout events to the audit log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from opbouw.core.audit import Action, audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action=Action.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))
    audit_record(action=Action.LOGIN_FAILED, actor_name=username, request=request)


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender: Any, request: Any, username: str | None = None, **kwargs: Any) -> None:
    audit_record(action=Action.LOCKED_OUT, actor_name=username or "", request=request)
