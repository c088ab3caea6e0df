from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("oc4ids.json", views.oc4ids_download, name="oc4ids"),
]
