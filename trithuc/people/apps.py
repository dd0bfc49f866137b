from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "trithuc.people"
    label = "people"
    verbose_name = "Đội ngũ trí thức, cán bộ"
