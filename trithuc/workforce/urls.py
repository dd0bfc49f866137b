from django.urls import path

from . import views

app_name = "workforce"
urlpatterns = [
    path("", views.index, name="index"),
    # training
    path("dao-tao/", views.course_list, name="course_list"),
    path("dao-tao/them/", views.course_create, name="course_create"),
    path("dao-tao/<int:pk>/", views.course_detail, name="course_detail"),
    path("dao-tao/<int:pk>/cu-di-hoc/", views.enrollment_add, name="enrollment_add"),
    path(
        "dao-tao/hoc-vien/<int:pk>/tinh-trang/", views.enrollment_status, name="enrollment_status"
    ),
    path("dao-tao/ke-hoach/", views.training_plan, name="training_plan"),
    # ratings
    path("danh-gia/", views.rating_list, name="rating_list"),
    path("danh-gia/ghi/", views.rating_set, name="rating_set"),
    path("danh-gia/<int:pk>/sua/", views.rating_edit, name="rating_edit"),
    # succession and careers
    path("quy-hoach/", views.succession_list, name="succession_list"),
    path("quy-hoach/them/", views.succession_add, name="succession_add"),
    path("quy-hoach/<int:pk>/dua-ra/", views.succession_remove, name="succession_remove"),
    path("quy-hoach/ung-vien/", views.candidate_list, name="candidates"),
    path("bo-nhiem/", views.career_list, name="career_list"),
    path("bo-nhiem/ghi/", views.career_record, name="career_record"),
    # honours
    path("khen-thuong/", views.award_list, name="award_list"),
    path("khen-thuong/ghi/", views.award_record, name="award_record"),
    path("khen-thuong/de-nghi/", views.nomination_list, name="nomination_list"),
    path("khen-thuong/de-nghi/them/", views.nomination_create, name="nomination_create"),
    path("khen-thuong/de-nghi/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("khen-thuong/de-nghi/<int:pk>/trinh/", views.nomination_submit, name="nomination_submit"),
    path(
        "khen-thuong/de-nghi/<int:pk>/cham-diem/", views.nomination_score, name="nomination_score"
    ),
    path(
        "khen-thuong/de-nghi/<int:pk>/ket-luan/", views.nomination_decide, name="nomination_decide"
    ),
    # attraction
    path("thu-hut/", views.case_list, name="case_list"),
    path("thu-hut/them/", views.case_apply, name="case_apply"),
    path("thu-hut/chinh-sach/", views.policy_list, name="policy_list"),
    path("thu-hut/kinh-phi/", views.budget, name="budget"),
    path("thu-hut/<int:pk>/", views.case_detail, name="case_detail"),
    path(
        "thu-hut/<int:pk>/tham-dinh/", views.case_action, {"name": "appraise"}, name="case_appraise"
    ),
    path("thu-hut/<int:pk>/quyet-dinh/", views.case_action, {"name": "decide"}, name="case_decide"),
    path("thu-hut/<int:pk>/bat-dau/", views.case_action, {"name": "start"}, name="case_start"),
    path(
        "thu-hut/<int:pk>/chi-ho-tro/", views.case_action, {"name": "pay"}, name="disbursement_add"
    ),
    path("thu-hut/<int:pk>/ket-thuc/", views.case_action, {"name": "end"}, name="case_end"),
    # the ĐA 01 structure of the workforce
    path("co-cau/", views.structure, name="structure"),
]
