from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("<int:pk>/", views.task_detail, name="task_detail"),
    path("<int:pk>/tien-do/them/", views.progress_add, name="progress_add"),
    path("<int:pk>/hoan-thanh/", views.task_mark_done, name="task_mark_done"),
    path("<int:pk>/mo-lai/", views.task_reopen, name="task_reopen"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("bao-cao/", views.unit_report_list, name="unit_report_list"),
    path("bao-cao/<int:pk>/", views.unit_report_detail, name="unit_report_detail"),
    path("bao-cao/<int:pk>/sua/", views.unit_report_edit, name="unit_report_edit"),
    path("bao-cao/<int:pk>/nop/", views.unit_report_submit, name="unit_report_submit"),
    path("bao-cao/<int:pk>/duyet/", views.unit_report_approve, name="unit_report_approve"),
    path("bao-cao/<int:pk>/tra-lai/", views.unit_report_return, name="unit_report_return"),
    path("bao-cao/khoa-so/", views.period_close, name="period_close"),
]
