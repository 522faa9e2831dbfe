from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "mia.core"
    label = "core"
    verbose_name = "MiA"
    default = True


class MiAAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "mia.core.admin_site.MiAAdminSite"
