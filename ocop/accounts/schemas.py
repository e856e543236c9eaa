"""API schemas of personal API tokens."""

import datetime as dt

from ninja import Field, Schema


class ApiTokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100, description="Tên gợi nhớ, ví dụ “Báo cáo tỉnh”")
    expires_on: dt.date | None = Field(None, description="Hết hạn sau ngày này (để trống: không hết hạn)")


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(..., description="8 ký tự đầu của mã (sau “ocop_”), để nhận ra mã")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    status: str = Field(..., description="active, expired hoặc revoked")


class ApiTokenCreatedOut(ApiTokenOut):
    secret: str = Field(..., description="Mã bí mật: chỉ hiện một lần, hãy lưu lại ngay")
