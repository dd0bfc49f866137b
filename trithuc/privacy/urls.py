from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.access_log, name="access_log"),
    path("nguoi/<int:pk>/", views.person_privacy, name="person_privacy"),
    path("nguoi/<int:pk>/yeu-cau/", views.request_create, name="request_create"),
    path("yeu-cau/", views.request_list, name="request_list"),
    path("yeu-cau/<int:pk>/", views.request_detail, name="request_detail"),
    path("su-co/", views.incident_list, name="incident_list"),
    path("su-co/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("luu-tru/", views.retention, name="retention"),
]
