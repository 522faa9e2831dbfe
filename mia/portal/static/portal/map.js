// Progressive enhancement of the directory: the list stays the content; where JavaScript runs
// and a tile server is configured, a button offers a map of the listed places. Leaflet and the
// tiles load only after the visitor asks for the map (the tiles come from another host).
(function () {
  "use strict";

  function places(list) {
    return Array.prototype.filter
      .call(list.querySelectorAll("[data-lat][data-lng]"), function (item) {
        return isFinite(parseFloat(item.dataset.lat)) && isFinite(parseFloat(item.dataset.lng));
      })
      .map(function (item) {
        return {
          lat: parseFloat(item.dataset.lat),
          lng: parseFloat(item.dataset.lng),
          name: item.dataset.name || "",
          url: item.dataset.url || "",
        };
      });
  }

  function load(box, done) {
    if (window.L) {
      done();
      return;
    }
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = box.dataset.style;
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = box.dataset.script;
    script.onload = done;
    document.head.appendChild(script);
  }

  function popup(place) {
    var node = document.createElement(place.url ? "a" : "span");
    node.textContent = place.name;
    if (place.url) {
      node.href = place.url;
    }
    return node;
  }

  function draw(box, canvas, found) {
    canvas.hidden = false;
    var map = window.L.map(canvas, { scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    window.L.tileLayer(box.dataset.tiles, {
      maxZoom: 18,
      attribution: box.dataset.attribution,
    }).addTo(map);
    var bounds = [];
    found.forEach(function (place) {
      var marker = window.L.marker([place.lat, place.lng], { title: place.name, alt: place.name });
      marker.bindPopup(popup(place)).addTo(map);
      bounds.push([place.lat, place.lng]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    }
  }

  function setUp(box) {
    var list = document.getElementById(box.dataset.list);
    var found = list ? places(list) : [];
    var button = box.querySelector("[data-map-show]");
    var canvas = box.querySelector("[data-map-canvas]");
    if (!found.length || !button || !canvas || !box.dataset.tiles) {
      return;
    }
    box.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      load(box, function () {
        button.hidden = true;
        draw(box, canvas, found);
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), setUp);
})();
