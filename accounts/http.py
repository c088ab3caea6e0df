"""The request type of views behind the login (accounts.middleware lets no anonymous request reach them)."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """`request.user` is a logged-in `User`, never `AnonymousUser` (see LoginRequiredEverywhereMiddleware)."""

    user: User
