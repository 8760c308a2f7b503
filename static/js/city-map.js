/* The city map: Thailand's provinces, drawn by the site from its own GeoJSON file (no tile
   server needed), and one marker per city, coloured by region, each opening its city page.
   Markers that would overlap are gathered into a numbered cluster that zooms in when chosen.
   Every marker and cluster is reachable with Tab and named for its cities; the page lists the
   cities as plain HTML too, so without JavaScript or the data the map stays hidden and nothing
   is lost. Map tiles are drawn over the provinces only when the site configures a tile server.
   The markers and the outline are fetched from the canvas's data attributes (same origin, no
   inline script). */
(function () {
  "use strict";
  var canvas = document.getElementById("city-map");
  if (!canvas || !window.L || !window.fetch) { return; }
  var url = canvas.getAttribute("data-map-url");
  var baseUrl = canvas.getAttribute("data-base-url");
  if (!url) { return; }
  // Beyond this zoom the simplified provinces are too coarse to show without tiles; a map of
  // few cities opens at a zoom that shows the provinces around them.
  var BASE_LAYER_MAX_ZOOM = 10;
  var BASE_LAYER_FIT_ZOOM = 6;

  function getJSON(address) {
    return fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  function drawLegend(legend) {
    var list = document.getElementById("city-map-legend");
    if (!list) { return; }
    legend.forEach(function (region) {
      var item = document.createElement("li");
      var dot = document.createElement("span");
      dot.className = "region-dot region-dot--" + region.region;
      dot.setAttribute("aria-hidden", "true");
      item.appendChild(dot);
      item.appendChild(document.createTextNode(region.name));
      list.appendChild(item);
    });
  }

  function drawThailand(map, outline, attribution) {
    if (!outline) { return; }
    map.createPane("country").style.zIndex = 150; // under tiles (200) and markers (600)
    L.geoJSON(outline, {
      pane: "country",
      interactive: false,
      attribution: attribution,
      style: function (feature) {
        return feature.properties.kind === "outline"
          ? { className: "map-country-outline", color: "#4a5a60", weight: 1.5, fill: false }
          : { className: "map-province", color: "#9aa8ad", weight: 0.6, fillColor: "#fbfaf5", fillOpacity: 1 };
      },
    }).addTo(map);
  }

  // Leaflet gives a keyboard marker tabindex="0" and role="button", but no name of its own
  // and nothing for Enter (it only opens popups): Enter and Space choose it as a click does.
  function makeAccessible(layer, labels) {
    var element = layer.getElement && layer.getElement();
    if (!element || !layer.getLatLng) { return; }
    element.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") { return; }
      event.preventDefault();
      layer.fire("click", { originalEvent: event, latlng: layer.getLatLng() }, true);
    });
    if (layer.getAllChildMarkers) {
      var names = layer.getAllChildMarkers().map(function (marker) { return marker.options.title; });
      element.setAttribute("aria-label", labels.cluster
        .replace("{count}", names.length).replace("{names}", names.join(", ")));
    } else if (layer.options && layer.options.title) {
      element.setAttribute("aria-label", layer.options.title);
      element.removeAttribute("title"); // the tooltip shows the name already
    }
  }

  function draw(data, outline) {
    if (!data || !data.markers || !data.markers.length) { return; }
    var figure = document.getElementById("city-map-figure");
    if (figure) { figure.hidden = false; }
    drawLegend(data.legend || []);
    var tiles = data.tiles.url ? data.tiles : null;
    var map = L.map(canvas, {
      scrollWheelZoom: false, zoomControl: false, attributionControl: true, keyboard: false,
      maxZoom: tiles ? tiles.maxZoom : BASE_LAYER_MAX_ZOOM,
    });
    L.control.zoom({ zoomInTitle: data.labels.zoomIn, zoomOutTitle: data.labels.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    // The credit names only the layer readers see: opaque tiles hide the provinces.
    drawThailand(map, outline, tiles ? null : data.labels.baseAttribution);
    if (tiles) {
      L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: tiles.maxZoom }).addTo(map);
    }

    map.on("layeradd", function (event) { makeAccessible(event.layer, data.labels); });
    var group = L.markerClusterGroup ? L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 28,
      iconCreateFunction: function (cluster) {
        var count = document.createElement("span");
        count.className = "map-cluster";
        count.textContent = cluster.getChildCount();
        return L.divIcon({ html: count, className: "map-marker-box", iconSize: [32, 32] });
      },
    }) : L.featureGroup();
    // A cluster chosen with the keyboard is gone once the map has zoomed in: keep the focus on
    // the map, on the first of the markers it opened into.
    group.on("animationend", function () {
      if (document.activeElement === document.body || !document.body.contains(document.activeElement)) {
        var first = canvas.querySelector(".leaflet-marker-icon");
        if (first) { first.focus(); }
      }
    });

    var bounds = [];
    data.markers.forEach(function (city) {
      var dot = document.createElement("span");
      dot.className = "map-marker";
      dot.style.setProperty("--marker-colour", city.colour);
      var icon = L.divIcon({ html: dot, className: "map-marker-box", iconSize: [24, 24] });
      var marker = L.marker([city.lat, city.lng], { icon: icon, keyboard: true, title: city.name });
      marker.on("click", function () { window.location.href = city.url; });
      var label = document.createElement("span");
      var cityName = document.createElement("span");
      cityName.textContent = city.name;
      cityName.setAttribute("lang", city.lang);
      label.appendChild(cityName);
      label.appendChild(document.createTextNode(" · " + city.regionName));
      marker.bindTooltip(label, { direction: "top", offset: [0, -12] });
      group.addLayer(marker);
      bounds.push([city.lat, city.lng]);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: tiles ? 9 : BASE_LAYER_FIT_ZOOM });
    group.addTo(map);
  }

  Promise.all([getJSON(url), baseUrl ? getJSON(baseUrl).catch(function () { return null; }) : null])
    .then(function (results) { draw(results[0], results[1]); })
    .catch(function () { /* No data, no map: the list of links remains. */ });
})();
