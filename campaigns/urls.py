from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_index, name="index"),
    path("settings/<int:year>/", views.settings_edit, name="settings"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/unit-target/", views.indicator_unit_target, name="indicator_unit_target"),
    path("records/<slug:kind>/new/", views.record_create, name="record_create"),
    path("records/<slug:kind>/<int:pk>/", views.record_detail, name="record_detail"),
    path("records/<slug:kind>/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("pipeline/<int:pk>/approval/", views.pipeline_approval, name="pipeline_approval"),
    path("pipeline/<int:pk>/start/", views.pipeline_start, name="pipeline_start"),
    path("flowcharts/new/", views.flowchart_upload, name="flowchart_upload"),
    path("flowcharts/<int:pk>/file/", views.flowchart_file, name="flowchart_file"),
    path("rankings/publish/", views.ranking_publish, name="ranking_publish"),
    path("rankings/<int:pk>/", views.ranking_detail, name="ranking"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/export.xlsx", views.campaign_export, name="export"),
    path("<slug:slug>/indicators/new/", views.indicator_create, name="indicator_create"),
]
