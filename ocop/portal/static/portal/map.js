/* OCOP sales-point map, drawn with Leaflet and no tile server: the background is our own administrative
   geography (every current commune centroid as a faint dot on a canvas, the 34 provinces as labels),
   fetched from data-background; the points come from the json_script named by data-points. The HTML
   list beside the map holds the same points, so the map is only an enhancement. Text is set with
   textContent, never as HTML. */
(function () {
  "use strict";
  var VIETNAM = [[8.2, 102.1], [23.4, 109.6]];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function popup(point, labels) {
    var box = el("div", "map-popup");
    box.appendChild(el("strong", null, point.name));
    box.appendChild(el("div", "muted", point.kind_label));
    box.appendChild(el("div", null, point.address + " — " + point.commune + (point.province ? ", " + point.province : "")));
    box.appendChild(el("div", "muted", labels.labelOpened + " " + point.opened_on));
    if (point.approximate) { box.appendChild(el("div", "approx", labels.labelApproximate)); }
    if (point.products.length) {
      box.appendChild(el("div", "popup-heading", labels.labelProducts));
      var list = el("ul", "products");
      point.products.forEach(function (product) {
        var item = el("li");
        var link = el("a", null, product.name);
        link.href = product.url;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" " + product.star + "★"));
        list.appendChild(item);
      });
      box.appendChild(list);
    } else {
      box.appendChild(el("div", "muted", labels.labelNone));
    }
    return box;
  }

  function drawBackground(map, url) {
    var renderer = L.canvas({ padding: 0.5 });
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { communes: [], provinces: [] }; })
      .then(function (data) {
        data.communes.forEach(function (c) {
          L.circleMarker(c, {
            renderer: renderer, radius: 1.6, stroke: false, fillColor: "#6b8f77", fillOpacity: 0.45, interactive: false
          }).addTo(map);
        });
        data.provinces.forEach(function (p) {
          var label = L.marker([p.lat, p.lon], {
            icon: L.divIcon({ className: "province-label", html: "", iconSize: null }),
            interactive: false, keyboard: false, pane: "provinceLabels"
          }).addTo(map);
          label.getElement().appendChild(el("span", null, p.name));
        });
      })
      .catch(function () { /* the list beside the map still has every point */ });
  }

  function start(container) {
    if (typeof L === "undefined") { return; }
    var source = document.getElementById(container.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    container.textContent = "";
    var map = L.map(container, { zoomSnap: 0.25, minZoom: 4, maxZoom: 14, attributionControl: false });
    map.fitBounds(VIETNAM);
    map.createPane("provinceLabels").style.zIndex = 450;  // above the dots, below the sales points
    drawBackground(map, container.dataset.background);
    var markers = {};
    var bounds = [];
    points.forEach(function (point) {
      var icon = L.divIcon({
        className: "sales-marker kind-" + point.kind + (point.approximate ? " approximate" : ""),
        iconSize: [16, 16], popupAnchor: [0, -6]
      });
      var marker = L.marker([point.lat, point.lon], { icon: icon, title: point.name, alt: point.name, riseOnHover: true });
      marker.bindPopup(function () { return popup(point, container.dataset); });
      marker.addTo(map);
      markers[point.id] = marker;
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 }); }
    else if (bounds.length === 1) { map.setView(bounds[0], 8); }
    document.querySelectorAll("tr[data-point]").forEach(function (row) {
      var marker = markers[row.dataset.point];
      if (!marker) { return; }
      var button = el("button", "link show-on-map", container.dataset.labelShow);
      button.type = "button";
      button.addEventListener("click", function () {
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 8));
        marker.openPopup();
        container.scrollIntoView({ behavior: "smooth", block: "nearest" });
      });
      row.cells[0].appendChild(document.createElement("br"));
      row.cells[0].appendChild(button);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("sales-map");
    if (container) { start(container); }
  });
})();
