from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.events import Action, Outcome

from .selectors import EventFilter


class EventFilterForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    username = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All")), *Action.choices])
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("All")), *Outcome.choices])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # forwarded as Form takes them
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field, forms.ChoiceField)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def filters(self) -> EventFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return EventFilter(
            since=data.get("since"),
            until=data.get("until"),
            username=data.get("username", ""),
            action=data.get("action", ""),
            outcome=data.get("outcome", ""),
        )
