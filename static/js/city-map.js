/* The city map: one marker per city, coloured by region, each a link to the city page.
   Data comes from a json_script element (no inline script). The cities are listed on the page
   as plain links too, so without JavaScript, Leaflet or tiles nothing is lost. */
(function () {
  "use strict";
  var canvas = document.getElementById("city-map");
  if (!canvas || !window.L) { return; }
  var source = document.getElementById(canvas.getAttribute("data-map-source"));
  if (!source) { return; }
  var data;
  try { data = JSON.parse(source.textContent); } catch (error) { return; }
  if (!data.markers || !data.markers.length) { return; }

  canvas.hidden = false;
  var map = L.map(canvas, { scrollWheelZoom: false, zoomControl: false, attributionControl: true });
  canvas.setAttribute("aria-label", data.labels.map);
  canvas.setAttribute("role", "region");
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
    var link = document.createElement("a");
    link.href = city.url;
    link.className = "map-marker";
    link.style.setProperty("--marker-colour", city.colour);
    link.setAttribute("aria-label", city.name + " (" + city.regionName + ")");
    link.setAttribute("lang", city.lang);
    var icon = L.divIcon({ html: link, className: "map-marker-box", iconSize: [22, 22] });
    // The link itself takes focus and clicks; Leaflet's own keyboard handling would make
    // the marker a second, nameless focus stop.
    L.marker([city.lat, city.lng], { icon: icon, keyboard: false, title: city.name })
      .addTo(map);
    bounds.push([city.lat, city.lng]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
})();
