"""The upload form of an import: which kind of data, and the Excel file."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ocop.exchange.importers.base import IMPORTERS, get_importer


class UploadForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(
        label=_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        error_messages={
            "required": _lazy("Hãy chọn tệp Excel cần nhập."),
            "empty": _lazy("Tệp rỗng (0 byte)."),
        },
    )

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if get_importer(kind) is None:
            raise forms.ValidationError(_("Loại dữ liệu không có: %(kind)s.") % {"kind": kind[:40]})
        return kind

    def clean_file(self):
        file = self.cleaned_data["file"]
        limit = settings.OCOP_IMPORT_MAX_BYTES
        if file.size > limit:
            raise forms.ValidationError(
                _("Tệp nặng %(size)s MB, vượt quá giới hạn %(limit)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
                % {"size": f"{file.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
            )
        return file


def kinds() -> list[str]:
    get_importer("")  # loads the importer modules
    return list(IMPORTERS)
