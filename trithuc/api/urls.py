from django.urls import path

from . import views

app_name = "apitokens"
urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
