from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "trithuc.programs"
    label = "programs"
    verbose_name = "Chương trình, mục tiêu, chỉ tiêu"
