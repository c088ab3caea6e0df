from django.urls import path

from . import views

app_name = "problems"

urlpatterns = [
    path("", views.problem_list, name="list"),
    path("new/", views.problem_new, name="new"),
    path("<int:pk>/", views.problem_detail, name="problem"),
    path("<int:pk>/resolve/", views.problem_resolve, name="resolve"),
    path("<int:pk>/reassign/", views.problem_reassign, name="reassign"),
    path("<int:pk>/redate/", views.problem_redate, name="redate"),
]
