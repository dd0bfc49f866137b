from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/tien-do/", views.review_progress, name="review_progress"),
    path("<int:pk>/tai/<str:kind>/", views.review_download, name="review_download"),
    path("so-thong-ke/", views.statistics_download, name="statistics"),
    path("co-cau/", views.structure, name="structure"),
]
