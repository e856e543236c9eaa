"""Shared pages: the home page (a dashboard for officers, a welcome for everyone else)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ocop.registry import selectors as registry_selectors


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        context["summary"] = registry_selectors.registry_summary_for_user(user=request.user)
    return render(request, "core/home.html", context)
