from django.urls import path

from . import views
from .excel import views as excel_views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/progress/", views.progress_entry, name="progress_entry"),
    # Excel import and export (projects/excel/views.py)
    path("projects/import/", excel_views.project_import, name="import"),
    path("projects/import/<int:pk>/", excel_views.import_preview, name="import_preview"),
    path("projects/import/<int:pk>/confirm/", excel_views.import_confirm, name="import_confirm"),
    path("projects/import/<int:pk>/discard/", excel_views.import_discard, name="import_discard"),
    path("projects/progress/import/", excel_views.progress_import, name="progress_import"),
    path("projects/progress/form.xlsx", excel_views.progress_form, name="progress_form"),
    path("projects/template.xlsx", excel_views.project_template, name="template"),
    path("projects/export.xlsx", excel_views.project_export, name="export"),
]
