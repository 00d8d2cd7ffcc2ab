from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from duban.documents import ParseError, check_size

ALLOWED = (".txt", ".htm", ".html", ".md", ".csv", ".tsv", ".xlsx", ".docx")
# What the office is told for the files it most often has instead (the reader's own message
# where it has one, so that the extension and the contents get the same answer).
NOT_READ = {
    ".xls": _("An old binary Office file (.xls/.doc): save it as .xlsx or .docx."),
    ".doc": _("An old binary Office file (.xls/.doc): save it as .xlsx or .docx."),
    ".wps": _("A WPS file: save it as .docx."),
    ".et": _("A WPS file: save it as .xlsx."),
    ".pdf": _(
        "A PDF file is not read: select all its text, paste it into a .txt file and upload that "
        "(lines broken at the page's width are joined again), or upload the report as a web "
        "page, DOCX or XLSX."
    ),
    ".ofd": _("An OFD file is not read: upload the report as text, a web page, DOCX or XLSX."),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_(
            "A published key-task report: TXT, HTML, Markdown, CSV, XLSX or DOCX, up to 20 MB."
        ),
    )
    government = forms.CharField(
        label=_("Government"),
        required=False,
        max_length=100,
        help_text=_("Only when the document does not name it, e.g. 北京市西城区人民政府."),
    )
    all_tables = forms.BooleanField(
        label=_("Import every table as its own plan"),
        required=False,
        help_text=_("By default only the completion table of a long report is imported."),
    )
    public = forms.BooleanField(label=_("Publish on the site"), required=False)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix in NOT_READ:
            raise forms.ValidationError(NOT_READ[suffix])
        if suffix not in ALLOWED:
            raise forms.ValidationError(
                _("This type of file is not read: use %(types)s.")
                % {"types": str(_(", ")).join(ALLOWED)}  # "、" in Chinese
            )
        try:
            check_size(upload.size or 0)
        except ParseError:
            raise forms.ValidationError(_("The file is over 20 MB.")) from None
        return upload
