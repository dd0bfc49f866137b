from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("mau/<slug:kind>/", views.template_download, name="template_download"),
    path("xuat/<slug:kind>/", views.export, name="export"),
    path("<int:pk>/", views.batch_detail, name="batch_detail"),
    path("<int:pk>/tien-do/", views.batch_progress, name="batch_progress"),
    path("<int:pk>/quyet-dinh/", views.batch_decide, name="batch_decide"),
    path("<int:pk>/luu/", views.batch_commit, name="batch_commit"),
    path("<int:pk>/bao-loi/", views.batch_error_report, name="batch_error_report"),
]
