from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import TemplateView

from .views import associations as a
from .views import consultations as c
from .views import dialogues as d
from .views import ideas as i
from .views import selfservice as s

app_name = "engagement"
urlpatterns = [
    path(
        "",
        login_required(TemplateView.as_view(template_name="engagement/index.html")),
        name="index",
    ),
    path("dang-ky/", s.sign_up, name="sign_up"),
    path("cua-toi/", s.my_area, name="my_area"),
    path("cua-toi/dong-y/", s.consent_give, name="consent_give"),
    path("cua-toi/rut-dong-y/", s.consent_withdraw, name="consent_withdraw"),
    path("cua-toi/ho-so/", s.my_profile, name="my_profile"),
    path("cua-toi/tai-du-lieu/", s.my_data_download, name="my_data_download"),
    path("gop-y/", c.consultation_list, name="consultation_list"),
    path("gop-y/tao-moi/", c.consultation_create, name="consultation_create"),
    path("gop-y/<int:pk>/", c.consultation_detail, name="consultation_detail"),
    path("gop-y/<int:pk>/cong-bo/", c.consultation_publish, name="consultation_publish"),
    path("gop-y/<int:pk>/du-thao-moi/", c.version_add, name="version_add"),
    path("gop-y/<int:pk>/so-sanh/", c.version_compare, name="version_compare"),
    path("gop-y/<int:pk>/y-kien/", c.comment_add, name="comment_add"),
    path("gop-y/<int:pk>/tong-hop.xlsx", c.synthesis_xlsx_download, name="synthesis_xlsx"),
    path("gop-y/<int:pk>/tong-hop.docx", c.synthesis_docx_download, name="synthesis_docx"),
    path("gop-y/tep/<int:pk>/", c.attachment_download, name="attachment_download"),
    path("gop-y/y-kien/<int:pk>/an/", c.comment_hide, name="comment_hide"),
    path("gop-y/y-kien/<int:pk>/rut-lai/", c.comment_withdraw, name="comment_withdraw"),
    path("gop-y/y-kien/<int:pk>/tra-loi/", c.comment_answer, name="comment_answer"),
    path("hien-ke/", i.idea_list, name="idea_list"),
    path("hien-ke/gui/", i.idea_submit, name="idea_submit"),
    path("hien-ke/<int:pk>/", i.idea_detail, name="idea_detail"),
    path("hien-ke/<int:pk>/chuyen/", i.idea_assign, name="idea_assign"),
    path("hien-ke/<int:pk>/tra-loi/", i.idea_answer, name="idea_answer"),
    path("hien-ke/<int:pk>/ap-dung/", i.idea_implemented, name="idea_implemented"),
    path("hien-ke/<int:pk>/rut-lai/", i.idea_withdraw, name="idea_withdraw"),
    path("doi-thoai/", d.session_list, name="session_list"),
    path("doi-thoai/tao-moi/", d.session_create, name="session_create"),
    path("doi-thoai/<int:pk>/", d.session_detail, name="session_detail"),
    path("doi-thoai/<int:pk>/dang-ky/", d.session_register, name="session_register"),
    path("doi-thoai/<int:pk>/cau-hoi/", d.question_submit, name="question_submit"),
    path("doi-thoai/<int:pk>/da-to-chuc/", d.session_held, name="session_held"),
    path("doi-thoai/<int:pk>/cam-ket/", d.commitment_add, name="commitment_add"),
    path("doi-thoai/cau-hoi/<int:pk>/thich/", d.question_like, name="question_like"),
    path("doi-thoai/cau-hoi/<int:pk>/xu-ly/", d.question_moderate, name="question_moderate"),
    path("doi-thoai/cau-hoi/<int:pk>/tra-loi/", d.question_answer, name="question_answer"),
    path("doi-thoai/cau-hoi/<int:pk>/rut-lai/", d.question_withdraw, name="question_withdraw"),
    path("hoi/", a.association_list, name="association_list"),
    path("hoi/<int:pk>/", a.association_detail, name="association_detail"),
    path("hoi/<int:pk>/hoi-vien/", a.membership_add, name="membership_add"),
]
