from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("them/", views.person_create, name="person_create"),
    path("chon/", views.person_options, name="person_options"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("<int:pk>/cong-tac/them/", views.employment_add, name="employment_add"),
    path("<int:pk>/van-bang/them/", views.qualification_add, name="qualification_add"),
]
