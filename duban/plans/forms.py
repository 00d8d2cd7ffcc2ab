from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from duban.documents import ParseError, check_size
from duban.text_fields import ShortText

ALLOWED = (".txt", ".htm", ".html", ".md", ".csv", ".tsv", ".xlsx", ".docx", ".pdf")
# What the office is told for the files it most often has instead (the reader's own message
# where it has one, so that the extension and the contents get the same answer).
NOT_READ = {
    ".xls": _("An old binary Office file (.xls/.doc): save it as .xlsx or .docx."),
    ".doc": _("An old binary Office file (.xls/.doc): save it as .xlsx or .docx."),
    ".wps": _("A WPS file: save it as .docx."),
    ".et": _("A WPS file: save it as .xlsx."),
    ".ofd": _("An OFD file is not read: upload the report as text, a web page, DOCX or XLSX."),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_(
            "A published key-task report: TXT, HTML, Markdown, CSV, XLSX, DOCX or PDF (with its "
            "text, not a scan), up to 20 MB."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the report's text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            "Copied out of a PDF or a web page: lines broken at the page's width are joined again."
        ),
    )
    government = ShortText(
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

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data["file"]
        if upload is None:
            return None
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

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        has_file, has_text = bool(data.get("file")), bool((data.get("text") or "").strip())
        if "file" in self.errors:
            return data
        if has_file and has_text:
            self.add_error("text", _("Upload a file or paste a text, not both."))
        elif not has_file and not has_text:
            self.add_error("file", _("Choose a file, or paste the report's text below."))
        return data

    def document(self) -> tuple[str, bytes]:
        """The name and bytes of what was uploaded or pasted (a valid form's)."""
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return upload.name or "", upload.read()
        # The name the preview and the plan's source show ("粘贴的文本.txt").
        return f"{gettext('pasted text')}.txt", self.cleaned_data["text"].encode("utf-8")

    @staticmethod
    def pasted(name: str) -> bool:
        """Whether an upload's name is a pasted text's, in any of the site's languages."""
        names = set()
        for code, _label in settings.LANGUAGES:
            with translation.override(code):
                names.add(f"{gettext('pasted text')}.txt")
        return name in names
