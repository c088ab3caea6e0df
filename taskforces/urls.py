from django.urls import path

from .common import views
from .registry import extra_urlpatterns

app_name = "taskforces"

urlpatterns = [
    path("", views.taskforce_index, name="index"),
    path("files/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    # Custom views of single ledgers (lead → project, supervision visit form, ...), before the generic ones.
    *extra_urlpatterns(),
    path("<slug:slug>/", views.taskforce_detail, name="detail"),
    path("<slug:slug>/<slug:key>/new/", views.entry_create, name="entry_create"),
    path("<slug:slug>/<slug:key>/export.xlsx", views.entry_export, name="export"),
    path("<slug:slug>/<slug:key>/<int:pk>/", views.entry_detail, name="entry"),
    path("<slug:slug>/<slug:key>/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<slug:slug>/<slug:key>/<int:pk>/files/", views.attachment_upload, name="attachment_upload"),
]
