from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "trithuc.engagement"
    label = "engagement"
    verbose_name = "Tham gia: góp ý, hiến kế, đối thoại, hội"
