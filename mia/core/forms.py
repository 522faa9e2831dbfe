from django.forms.renderers import DjangoTemplates


class KernFormRenderer(DjangoTemplates):
    """Renders form fields with the KERN design system's markup."""

    field_template_name = "core/forms/field.html"


class KernFormMixin:
    """Gives every widget the KERN input class (select and checkbox widgets theirs)."""

    fields: dict

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            kind = getattr(widget, "input_type", "")
            css = {
                "checkbox": "kern-form-check__checkbox",
                "radio": "kern-form-check__radio",
                "select": "kern-form-input__select",
            }.get(kind, "kern-form-input__input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
