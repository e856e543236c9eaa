"""Shared pages: the home page (a dashboard for officers, a welcome for everyone else)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ocop.accounts.scoping import scope_of
from ocop.monitoring import selectors as monitoring_selectors
from ocop.registry import selectors as registry_selectors

HOME_PLANS = 5


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        context["summary"] = registry_selectors.registry_summary_for_user(user=request.user)
        if not scope_of(request.user).is_empty:
            context["plans"] = list(monitoring_selectors.plans_for_user(user=request.user)[:HOME_PLANS])
    return render(request, "core/home.html", context)
