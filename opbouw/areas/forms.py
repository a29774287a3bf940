from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.core.csvread import UnreadableFile, read_upload


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Kolommen: code, naam, bovenliggende_code; eventueel code_synthetisch "
                    "(ja/nee) en bron. Scheiding met komma of puntkomma, UTF-8."),
        error_messages={"required": _("Kies een bestand."),
                        "empty": _("Het gekozen bestand is leeg.")},
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        try:
            return read_upload(self.cleaned_data["file"], max_bytes=self.MAX_BYTES)
        except UnreadableFile as exc:
            raise forms.ValidationError(str(exc)) from exc
