from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "trithuc.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ, báo cáo định kỳ"
