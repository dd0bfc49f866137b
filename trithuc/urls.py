from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from trithuc.api.main import api

admin.site.site_header = "Quản trị hệ thống trithuc"
admin.site.site_title = "trithuc"

# A database that cannot be reached answers 503 with a Vietnamese page (trithuc/core/errors.py).
handler500 = "trithuc.core.errors.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="people:person_list", permanent=False), name="home"),
    path("tai-khoan/", include("trithuc.accounts.urls")),
    path("nhan-su/", include("trithuc.people.urls")),
    path("don-vi/", include("trithuc.orgunits.urls")),
    path("chuong-trinh/", include("trithuc.programs.urls")),
    path("nhiem-vu/", include("trithuc.tasks.urls")),
    path("can-bo/", include("trithuc.workforce.urls")),
    path("nhap-lieu/", include("trithuc.imports.urls")),
    path("bao-cao/", include("trithuc.reports.urls")),
    path("khoa-hoc/", include("trithuc.science.urls")),
    path("tham-gia/", include("trithuc.engagement.urls")),
    path("bao-ve-du-lieu/", include("trithuc.privacy.urls")),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/khoa-api/", include("trithuc.api.urls")),
    path("api/v1/", api.urls),
]
