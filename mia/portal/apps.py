from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "mia.portal"
    verbose_name = _("Integration network portal")
