"""URLs of accounts, under /tai-khoan/."""

from django.urls import path

from ocop.accounts import views

app_name = "accounts"

urlpatterns = [
    path("ma-truy-cap/", views.token_list, name="token-list"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="token-revoke"),
]
