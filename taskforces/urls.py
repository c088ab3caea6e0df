from django.urls import path

from . import views

app_name = "taskforces"

urlpatterns = [
    path("", views.taskforce_index, name="index"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("<slug:slug>/", views.taskforce_detail, name="detail"),
]
