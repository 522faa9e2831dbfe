from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "mia.clients"
    verbose_name = _("Client files")
    default_auto_field = "django.db.models.BigAutoField"
