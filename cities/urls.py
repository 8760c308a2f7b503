from django.urls import path

from cities import views

app_name = "cities"

urlpatterns = [
    path("", views.CityListView.as_view(), name="city_list"),
    path("map.json", views.city_map, name="city_map"),
    path("<slug:slug>/", views.CityDetailView.as_view(), name="city_detail"),
]
