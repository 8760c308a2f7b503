"""The city map: the data that static/js/city-map.js draws with Leaflet.

The page carries the data in a `json_script` element (no inline script, so a strict
Content-Security-Policy holds) and always lists the same cities as plain links, so the map is
an addition for readers with JavaScript and map tiles, never the only way to a city.
"""

from django.conf import settings
from django.utils.translation import gettext

from cities.models import Region
from wecitizens.i18n import translated

# Okabe–Ito colours, told apart by readers with colour-vision deficiencies.
REGION_COLOURS = {
    Region.NORTH: "#0072b2",
    Region.NORTHEAST: "#d55e00",
    Region.CENTRAL: "#009e73",
    Region.EAST: "#cc79a7",
    Region.WEST: "#e69f00",
    Region.SOUTH: "#56b4e9",
}


def city_map_data(cities):
    """Everything the map script needs, for cities that have coordinates.

    Returns None when no city can be placed, so the page can leave the map out.
    """
    markers = [
        {
            "name": translated(city, "name").text,
            "lang": translated(city, "name").language,
            "url": city.get_absolute_url(),
            "lat": float(city.latitude),
            "lng": float(city.longitude),
            "region": city.region,
            "regionName": str(Region(city.region).label),
            "colour": REGION_COLOURS[city.region],
        }
        for city in cities
        if city.latitude is not None and city.longitude is not None
    ]
    if not markers:
        return None
    return {
        "markers": markers,
        "tiles": {
            "url": settings.WECITIZENS_MAP_TILE_URL,
            "attribution": settings.WECITIZENS_MAP_TILE_ATTRIBUTION,
            "maxZoom": settings.WECITIZENS_MAP_MAX_ZOOM,
        },
        "labels": {
            "zoomIn": gettext("Zoom in"),
            "zoomOut": gettext("Zoom out"),
        },
    }


def regions_on_map(map_data):
    """[(region value, label, colour)] for the legend, in the order of Region."""
    if not map_data:
        return []
    present = {marker["region"] for marker in map_data["markers"]}
    return [
        (region.value, region.label, REGION_COLOURS[region])
        for region in Region
        if region.value in present
    ]
