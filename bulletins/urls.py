from django.urls import path

from . import meeting_views, views

app_name = "bulletins"

urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings_view, name="settings"),
    # The live month: preview, print page, downloads, publish.
    path("<int:year>/<int:month>/", views.month_view, name="month"),
    path("<int:year>/<int:month>/print/", views.month_print, name="month_print"),
    path("<int:year>/<int:month>/bulletin.docx", views.month_docx, name="month_docx"),
    path("<int:year>/<int:month>/bulletin.xlsx", views.month_xlsx, name="month_xlsx"),
    path("<int:year>/<int:month>/bulletin.json", views.month_json, name="month_json"),
    path("<int:year>/<int:month>/publish/", views.publish, name="publish"),
    # Published versions, frozen.
    path("<int:year>/<int:month>/v<int:number>/", views.version_view, name="version"),
    path("<int:year>/<int:month>/v<int:number>/print/", views.version_print, name="version_print"),
    path("<int:year>/<int:month>/v<int:number>/bulletin.docx", views.version_docx, name="version_docx"),
    path("<int:year>/<int:month>/v<int:number>/bulletin.xlsx", views.version_xlsx, name="version_xlsx"),
    path("<int:year>/<int:month>/v<int:number>/bulletin.json", views.version_json, name="version_json"),
    # The executive deputy county head's monthly progress meeting.
    path("meeting/<int:year>/<int:month>/", meeting_views.meeting, name="meeting"),
    path("meeting/<int:year>/<int:month>/print/", meeting_views.meeting_print, name="meeting_print"),
    path("meeting/<int:year>/<int:month>/pack.docx", meeting_views.meeting_docx, name="meeting_docx"),
    path("meeting/occurrence/<int:pk>/", meeting_views.meeting_for_occurrence, name="meeting_occurrence"),
    path(
        "meeting/occurrence/<int:pk>/pack.docx", meeting_views.meeting_occurrence_docx, name="meeting_occurrence_docx"
    ),
]
