from django.urls import path

from .views import pages, steps

app_name = "science"
urlpatterns = [
    path("", pages.task_list, name="task_list"),
    path("nhiem-vu/<int:pk>/", pages.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/chuyen-gia/", pages.expert_finder, name="expert_finder"),
    path("nhiem-vu/<int:pk>/ap-dung/", steps.result_add, name="result_add"),
    path("ap-dung/<int:pk>/xoa/", steps.result_remove, name="result_remove"),
    path("nhiem-vu/<int:pk>/huy/", steps.task_cancel, name="task_cancel"),
    path("nhiem-vu/<int:pk>/dang-ky/", steps.application_add, name="application_add"),
    path("nhiem-vu/<int:pk>/hoi-dong/", steps.council_add, name="council_add"),
    path("nhiem-vu/<int:pk>/chon-chu-tri/", steps.selection_add, name="selection_add"),
    path("nhiem-vu/<int:pk>/hop-dong/", steps.contract_add, name="contract_add"),
    path("nhiem-vu/<int:pk>/moc-tien-do/", steps.milestone_add, name="milestone_add"),
    path("nhiem-vu/<int:pk>/nghiem-thu/", steps.acceptance_add, name="acceptance_add"),
    path("moc-tien-do/<int:pk>/bao-cao/", steps.milestone_report, name="milestone_report"),
    path("de-xuat/", pages.need_list, name="need_list"),
    path("de-xuat/them/", pages.need_add, name="need_add"),
    path("de-xuat/<int:pk>/khong-chon/", steps.need_reject, name="need_reject"),
    path("danh-muc/them/", steps.ordering_add, name="ordering_add"),
    path("danh-muc/<int:pk>/thong-bao/", steps.call_add, name="call_add"),
    path("ho-so/<int:pk>/", pages.application_detail, name="application_detail"),
    path("ho-so/<int:pk>/cam-ket/", pages.declare, name="declare"),
    path("ho-so/<int:pk>/cham-diem/", pages.score, name="score"),
    path("phan-bien/", pages.review_list, name="review_list"),
    path("hoi-dong/<int:pk>/tong-hop/", pages.council_summary, name="council_summary"),
    path("hoi-dong/<int:pk>/ket-thuc/", steps.council_close, name="council_close"),
    path("sang-kien/", pages.initiative_list, name="initiative_list"),
    path("sang-kien/them/", steps.initiative_add, name="initiative_add"),
    path("nguoi-than/them/", steps.relative_add, name="relative_add"),
    path("sang-kien/<int:pk>/cong-nhan/", steps.initiative_recognise, name="initiative_recognise"),
    path("sang-kien/<int:pk>/khong-cong-nhan/", steps.initiative_reject, name="initiative_reject"),
    path("hop-tac/", pages.cooperation_list, name="cooperation_list"),
    path("hop-tac/them/", steps.cooperation_add, name="cooperation_add"),
    path("hop-tac/<int:pk>/ket-qua/", steps.cooperation_update, name="cooperation_update"),
]
