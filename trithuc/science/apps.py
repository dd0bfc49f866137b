from django.apps import AppConfig


class ScienceConfig(AppConfig):
    name = "trithuc.science"
    label = "science"
    verbose_name = "Khoa học, công nghệ, hợp tác chuyên gia"
