from django.urls import path

from . import views

app_name = "orgunits"
urlpatterns = [
    path("", views.orgunit_tree, name="orgunit_tree"),
    path("<int:pk>/", views.orgunit_detail, name="orgunit_detail"),
]
