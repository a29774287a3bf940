from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opbouw.api"
    label = "api"
    verbose_name = "API"
