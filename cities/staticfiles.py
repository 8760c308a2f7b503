"""The city map's marker-cluster plugin, served from its pip package.

xstatic-leaflet-markercluster ships Leaflet.markercluster 1.4.1. A finder rather than a
STATICFILES_DIRS entry: the package's minified script names a source map it does not ship,
and collectstatic's manifest storage refuses a missing reference. Only the files the map
loads are offered: the readable build (whose source map is shipped) and the plugin's layout
CSS (the map styles its own cluster icons).
"""

import xstatic.pkg.leaflet_markercluster
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/leaflet.markercluster"
FILES = ("MarkerCluster.css", "leaflet.markercluster-src.js", "leaflet.markercluster-src.js.map")


class MarkerClusterFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=xstatic.pkg.leaflet_markercluster.BASE_DIR)
        self.storage.prefix = PREFIX  # where collectstatic puts them

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        directory, _slash, name = path.rpartition("/")
        if directory != PREFIX or name not in FILES:
            return []
        match = self.storage.path(name)
        return [match] if find_all else match

    def list(self, ignore_patterns):
        for name in FILES:
            yield name, self.storage
