from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, Feedback


class FeedbackForm(forms.Form):
    """The answer and an optional comment; ``website`` is a field people never see and bots fill in."""

    page = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("War diese Seite hilfreich?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie eine Antwort."),
            "invalid_choice": _("Bitte wählen Sie eine Antwort."),
        },
    )
    comment = forms.CharField(
        label=_("Kommentar (freiwillig, bitte ohne Namen, Adressen oder Telefonnummern)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={"max_length": _("Der Kommentar ist zu lang: höchstens %(limit_value)d Zeichen.")},
    )
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [Feedback.Kind.HELPFUL, Feedback.Kind.NOT_HELPFUL]
        if language and language != settings.LANGUAGE_CODE:
            kinds.append(Feedback.Kind.TRANSLATION)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["page"].error_messages = {
            "required": _("Diese Seite gibt es nicht mehr."),
            "invalid": _("Diese Seite gibt es nicht mehr."),
        }

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
