from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

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
    path("quan-tri/", admin.site.urls),
]
