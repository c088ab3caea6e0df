from django.urls import path

from . import views

app_name = "maps"

urlpatterns = [
    path("map/", views.map_page, name="map"),
    path("map/projects.geojson", views.projects_geojson, name="projects_geojson"),
    path("map/boundaries.geojson", views.boundaries_geojson, name="boundaries"),
    path("map/projects/<int:pk>/location/", views.location_edit, name="location"),
    path("map/projects/<int:pk>/location/photo/", views.location_from_photo_view, name="location_photo"),
    path("map/projects/<int:pk>/location/clear/", views.location_clear_view, name="location_clear"),
]
