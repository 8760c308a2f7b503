/* The city map: one marker per city, coloured by region, each opening its city page.
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

  var figure = document.getElementById("city-map-figure");
  if (figure) { figure.hidden = false; }
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
})();
