from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("<slug:code>/", views.dashboard, name="dashboard"),
    path("<slug:code>/chi-tieu/<slug:indicator>/", views.indicator_rows, name="indicator_rows"),
]
