from django.urls import path

from . import views

app_name = "cycles"

urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("occurrences/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("occurrences/<int:pk>/problems/new/", views.occurrence_raise_problem, name="occurrence_raise_problem"),
    path("occurrences/<int:pk>/agenda/", views.agenda_view, name="agenda"),
    path("occurrences/<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("duties/", views.duty_list, name="duties"),
    path("duties/new/", views.duty_edit, name="duty_new"),
    path("duties/seed/", views.duties_seed, name="duties_seed"),
    path("duties/<int:pk>/edit/", views.duty_edit, name="duty_edit"),
    path("duties/<int:pk>/occurrences/new/", views.adhoc_occurrence_new, name="adhoc_new"),
    path("compliance/", views.compliance_view, name="compliance"),
    path("problems/", views.problem_list, name="problems"),
    path("problems/new/", views.problem_new, name="problem_new"),
    path("problems/<int:pk>/", views.problem_detail, name="problem"),
    path("problems/<int:pk>/resolve/", views.problem_resolve, name="problem_resolve"),
    path("problems/<int:pk>/reassign/", views.problem_reassign, name="problem_reassign"),
    path("problems/<int:pk>/redate/", views.problem_redate, name="problem_redate"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("deliveries/", views.delivery_list, name="deliveries"),
    path("deliveries/<int:pk>/retry/", views.delivery_retry, name="delivery_retry"),
]
