from django.apps import AppConfig


class OrgUnitsConfig(AppConfig):
    name = "trithuc.orgunits"
    label = "orgunits"
    verbose_name = "Đơn vị, cơ quan"
