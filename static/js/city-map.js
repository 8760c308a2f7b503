/* The city map: one marker per city, coloured by region, each opening its city page.
   The markers are fetched as JSON from the canvas's data-map-url (same origin, no inline
   script), so the page stays light however many cities there are. The page links the cities
   as plain HTML too, so without JavaScript, Leaflet, the data or tiles nothing is lost: the
   map stays hidden. */
(function () {
  "use strict";
  var canvas = document.getElementById("city-map");
  if (!canvas || !window.L || !window.fetch) { return; }
  var url = canvas.getAttribute("data-map-url");
  if (!url) { return; }

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

  function draw(data) {
    if (!data || !data.markers || !data.markers.length) { return; }
    var figure = document.getElementById("city-map-figure");
    if (figure) { figure.hidden = false; }
    drawLegend(data.legend || []);
    var map = L.map(canvas, {
      scrollWheelZoom: false, zoomControl: false, attributionControl: true, keyboard: false,
    });
    L.control.zoom({ zoomInTitle: data.labels.zoomIn, zoomOutTitle: data.labels.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (data.tiles.url) {
      L.tileLayer(data.tiles.url, {
        attribution: data.tiles.attribution,
        maxZoom: data.tiles.maxZoom,
      }).addTo(map);
    }

    var bounds = [];
    data.markers.forEach(function (city) {
      var dot = document.createElement("span");
      dot.className = "map-marker";
      dot.style.setProperty("--marker-colour", city.colour);
      var icon = L.divIcon({ html: dot, className: "map-marker-box", iconSize: [24, 24] });
      // A pointer shortcut: keyboard and screen-reader users reach the same city pages through
      // the list of links on the page, which nearby markers on a small map could not offer.
      var marker = L.marker([city.lat, city.lng], { icon: icon, keyboard: false, title: city.name });
      marker.on("click", function () { window.location.href = city.url; });
      var label = document.createElement("span");
      var name = document.createElement("span");
      name.textContent = city.name;
      name.setAttribute("lang", city.lang);
      label.appendChild(name);
      label.appendChild(document.createTextNode(" · " + city.regionName));
      marker.bindTooltip(label, { direction: "top", offset: [0, -12] });
      marker.addTo(map);
      bounds.push([city.lat, city.lng]);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
  }

  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(draw)
    .catch(function () { /* No data, no map: the list of links remains. */ });
})();
