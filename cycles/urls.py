from django.urls import path

from . import views

app_name = "cycles"

urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("occurrences/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("occurrences/<int:pk>/problems/new/", views.occurrence_raise_problem, name="occurrence_raise_problem"),
    path("occurrences/<int:pk>/agenda/", views.agenda_view, name="agenda"),
    path("duties/", views.duty_list, name="duties"),
    path("duties/new/", views.duty_edit, name="duty_new"),
    path("duties/seed/", views.duties_seed, name="duties_seed"),
    path("duties/<int:pk>/edit/", views.duty_edit, name="duty_edit"),
    path("duties/<int:pk>/occurrences/new/", views.adhoc_occurrence_new, name="adhoc_new"),
    path("compliance/", views.compliance_view, name="compliance"),
]
