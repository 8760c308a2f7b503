"""The city map: the data that static/js/city-map.js fetches and draws with Leaflet.

The pages do not carry the markers: with a thousand cities they would outweigh the page.
`static/js/city-map.js` fetches them from `cities:city_map` (JSON, same origin, so the
Content-Security-Policy's `connect-src 'self'` allows it) after the page has loaded. Each page
that shows the map also links its cities as plain HTML, so the map is an addition for readers
with JavaScript, never the only way to a city.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from cities.models import Region
from core.i18n import translated

# Okabe–Ito colours, told apart by readers with colour-vision deficiencies.
REGION_COLOURS = {
    Region.NORTH: "#0072b2",
    Region.NORTHEAST: "#d55e00",
    Region.CENTRAL: "#009e73",
    Region.EAST: "#cc79a7",
    Region.WEST: "#e69f00",
    Region.SOUTH: "#56b4e9",
}

# The source of static/map/thailand.geojson (public domain), credited under the map.
NATURAL_EARTH_URL = "https://www.naturalearthdata.com/"

# What a marker needs from a city, so the map's query reads nothing else.
MARKER_FIELDS = ("slug", "name_th", "name_en", "region", "latitude", "longitude")


def city_map_data(cities):
    """Everything the map script needs: one marker per city that has coordinates, the legend
    (the regions present, in the order of Region), the tile server if one is set, and the
    labels of the controls, clusters and credit.

    With no marker the script leaves the map hidden.
    """
    # One reverse() for all the cities (a thousand reverse() calls cost more than the query).
    prefix = reverse("cities:city_detail", kwargs={"slug": "-"}).removesuffix("-/")
    markers = []
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        name = translated(city, "name")
        markers.append(
            {
                "name": name.text,
                "lang": name.language,
                "url": f"{prefix}{city.slug}/",
                "lat": float(city.latitude),
                "lng": float(city.longitude),
                "region": city.region,
                "regionName": str(Region(city.region).label),
                "colour": REGION_COLOURS[city.region],
            }
        )
    present = {marker["region"] for marker in markers}
    return {
        "markers": markers,
        "legend": [
            {"region": region.value, "name": str(region.label), "colour": REGION_COLOURS[region]}
            for region in Region
            if region.value in present
        ],
        "tiles": {
            "url": settings.WECITIZENS_MAP_TILE_URL,
            "attribution": settings.WECITIZENS_MAP_TILE_ATTRIBUTION,
            "maxZoom": settings.WECITIZENS_MAP_MAX_ZOOM,
        },
        "labels": {
            "zoomIn": gettext("Zoom in"),
            "zoomOut": gettext("Zoom out"),
            # A cluster of markers, named for the screen readers that reach it with Tab.
            "cluster": gettext("{count} cities: {names}"),
            "baseAttribution": format_html(
                gettext("Boundaries: {source}"),
                source=format_html('<a href="{}">Natural Earth</a>', NATURAL_EARTH_URL),
            ),
        },
    }
