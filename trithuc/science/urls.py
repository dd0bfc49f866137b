from django.urls import path

from . import views

app_name = "science"
urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/chuyen-gia/", views.expert_finder, name="expert_finder"),
    path("nhiem-vu/<int:pk>/ap-dung/", views.result_add, name="result_add"),
    path("de-xuat/", views.need_list, name="need_list"),
    path("de-xuat/them/", views.need_add, name="need_add"),
    path("ho-so/<int:pk>/", views.application_detail, name="application_detail"),
    path("ho-so/<int:pk>/cam-ket/", views.declare, name="declare"),
    path("ho-so/<int:pk>/cham-diem/", views.score, name="score"),
    path("phan-bien/", views.review_list, name="review_list"),
    path("hoi-dong/<int:pk>/tong-hop/", views.council_summary, name="council_summary"),
    path("sang-kien/", views.initiative_list, name="initiative_list"),
    path("hop-tac/", views.cooperation_list, name="cooperation_list"),
]
