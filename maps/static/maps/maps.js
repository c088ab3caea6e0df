/* The project map (maps app): the overview (/map/), the location editor, the small maps on the project
   page and the dashboard. Data come from json_script elements and data- attributes: no inline script, so
   that a Content-Security-Policy without 'unsafe-inline' can be added. Text is built with textContent. */
(function () {
  "use strict";
  if (!window.L) { return; }
  var L = window.L;

  var COUNTY_CENTRE = [35.46, 112.40];
  var COUNTY_ZOOM = 10;
  var COLOURS = { red: "#dc3545", yellow: "#ffc107", green: "#20c997", grey: "#8a94a6" };
  var RATE_FILLS = ["#eef4fb", "#cfe0f3", "#a9c8ea", "#7eabdc", "#4f88c6", "#1f5fa8"];
  var NO_RATE_FILL = "#f1f1f1";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } }).then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + url); }
      return r.json();
    });
  }

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = value;
    return el;
  }

  function format(template, n) { return String(template).replace("%(n)s", n); }

  /* How close to zoom on one project: without a base map only the boundaries give context. */
  function closeZoom(config, close, plain) { return config.base_layer === "tianditu" ? close : plain; }

  /* A Leaflet map with the configured background: 天地图 (vector map and its labels) or none. */
  function createMap(el, config, options) {
    var map = L.map(el, Object.assign({ zoomSnap: 0.25, maxZoom: 18 }, options || {}));
    map.attributionControl.setPrefix("Leaflet");
    if (config.base_layer === "tianditu" && config.tianditu_key) {
      var url = "https://t{s}.tianditu.gov.cn/DataServer?T={layer}&x={x}&y={y}&l={z}&tk=" +
        encodeURIComponent(config.tianditu_key);
      L.tileLayer(url, { layer: "vec_w", subdomains: "01234567", maxZoom: 18, attribution: "© 天地图" }).addTo(map);
      L.tileLayer(url, { layer: "cva_w", subdomains: "01234567", maxZoom: 18 }).addTo(map);
    } else {
      el.classList.add("yc-map-neutral");
    }
    map.setView(COUNTY_CENTRE, COUNTY_ZOOM);
    return map;
  }

  function rateClass(rate) {
    if (rate === null || rate === undefined) { return -1; }
    var value = parseFloat(rate);
    if (isNaN(value)) { return -1; }
    return value >= 100 ? 5 : Math.max(0, Math.floor(value / 20));
  }

  /* The township boundaries; filled by completion rate when `townships` (name -> figures) is given. */
  function addBoundaries(map, data, townships, options) {
    options = options || {};
    var layer = L.geoJSON(data, {
      style: function (feature) {
        var figures = townships ? townships[feature.properties.name] : null;
        var cls = figures ? rateClass(figures.completion_rate) : -1;
        return {
          color: "#6b7a90", weight: 1, opacity: 0.9, dashArray: data.approximate ? "4 3" : null,
          fillColor: townships ? (cls < 0 ? NO_RATE_FILL : RATE_FILLS[cls]) : "#ffffff",
          fillOpacity: townships ? 0.75 : 0.35
        };
      },
      interactive: Boolean(options.popups),
      onEachFeature: function (feature, layer) {
        var name = feature.properties.name;
        if (options.labels) {
          layer.bindTooltip(name, { permanent: true, direction: "center", className: "township-label" });
        }
        if (options.popups && townships) {
          var figures = townships[name];
          var box = document.createElement("div");
          box.className = "project-popup";
          box.appendChild(text("div", "name", name));
          if (figures) {
            var labels = options.labels || {};
            box.appendChild(text("div", "meta", figures.count + " " + (labels.projects || "")));
            box.appendChild(text("div", "", (labels.annual_plan || "") + " " + figures.annual_plan));
            box.appendChild(text("div", "", (labels.completed || "") + " " + figures.completed));
            box.appendChild(text("div", "", (labels.completion_rate || "") + " " +
              (figures.completion_rate === null ? "—" : figures.completion_rate + "%")));
          }
          layer.bindPopup(box);
        }
      }
    }).addTo(map);
    return layer;
  }

  function popupFor(feature, labels) {
    var p = feature.properties;
    var box = document.createElement("div");
    box.className = "project-popup";
    box.appendChild(text("div", "name", p.name));
    box.appendChild(text("div", "meta", p.tier_label + (p.township ? " · " + p.township : "")));
    var table = document.createElement("table");
    [
      [labels.annual_plan, p.annual_plan + " " + labels.ten_thousand_yuan],
      [labels.completed, p.completed + " " + labels.ten_thousand_yuan],
      [labels.completion_rate, p.completion_rate === null ? labels.no_rate : p.completion_rate + "%"],
      [labels.vs_time_progress, p.vs_time_progress === null ? labels.no_rate :
        (parseFloat(p.vs_time_progress) > 0 ? "+" : "") + p.vs_time_progress]
    ].forEach(function (row) {
      var tr = document.createElement("tr");
      tr.appendChild(text("td", "", row[0]));
      tr.appendChild(text("td", "num", row[1]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    var link = text("a", "", labels.open);
    link.href = p.url;
    box.appendChild(link);
    return box;
  }

  /* The projects: circles coloured by the register's red / yellow / green, sized by annual plan; a line or
     area in the same colour. GeoJSON's `style` would also restyle the circles, so each part is styled here. */
  function projectLayer(data, options) {
    var plans = data.features.map(function (f) { return parseFloat(f.properties.annual_plan) || 0; });
    var maxPlan = Math.max.apply(null, [1].concat(plans));
    var small = Boolean(options.small);

    function markerStyle(p) {
      var plan = parseFloat(p.annual_plan) || 0;
      return {
        radius: (small ? 3 : 4) + (small ? 7 : 14) * Math.sqrt(plan / maxPlan),
        color: "#ffffff", weight: 1.5, opacity: 1, fillColor: COLOURS[p.colour] || COLOURS.grey, fillOpacity: 0.9
      };
    }

    function shapeStyle(p) {
      return { color: COLOURS[p.colour] || COLOURS.grey, weight: 4, opacity: 0.85, fillOpacity: 0.2 };
    }

    function restyle(layer, p) {
      if (layer instanceof L.CircleMarker) { layer.setStyle(markerStyle(p)); }
      else if (layer.setStyle) { layer.setStyle(shapeStyle(p)); }
      else if (layer.eachLayer) { layer.eachLayer(function (child) { restyle(child, p); }); }
    }

    return L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var options = markerStyle(feature.properties);
        options.className = "project-marker marker-" + feature.properties.colour;
        return L.circleMarker(latlng, options);
      },
      onEachFeature: function (feature, layer) {
        restyle(layer, feature.properties);
        if (options.labels) {
          layer.bindPopup(popupFor(feature, options.labels));
        } else {
          layer.bindTooltip(feature.properties.name);
          layer.on("click", function () { window.location.href = feature.properties.url; });
        }
      }
    });
  }

  function overview(el) {
    var config = readJson("map-config");
    var labels = config.labels;
    var map = createMap(el, config);
    var status = document.getElementById("map-status");
    Promise.all([getJson(config.boundaries_url), getJson(config.geojson_url)]).then(function (results) {
      var boundaries = results[0];
      var data = results[1];
      var area = addBoundaries(map, boundaries, data.townships, { labels: labels, popups: true });
      var projects = projectLayer(data, { labels: labels, small: el.clientWidth < 576 }).addTo(map);
      var bounds = data.features.length ? projects.getBounds() : area.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds.pad(0.05), { maxZoom: 13 }); }
      if (status) {
        status.textContent = format(labels.located, data.features.length) +
          (data.unlocated ? "，" + format(labels.unlocated, data.unlocated) : "");
      }
      var note = document.getElementById("boundary-note");
      if (note && boundaries.approximate) { note.textContent = labels.approximate; }
      el.setAttribute("data-loaded", String(data.features.length));
    }).catch(function () {
      if (status) { status.textContent = labels.failed; }
    });
  }

  function drawShape(map, shape, colour) {
    return L.geoJSON(shape, { style: { color: colour || "#0b3d91", weight: 4, opacity: 0.8, fillOpacity: 0.2 } }).addTo(map);
  }

  function miniLocation(el) {
    var config = readJson("map-config");
    var data = readJson("location-data");
    if (!config || !data || !data.point) { return; }
    var map = createMap(el, config, { scrollWheelZoom: false });
    var latlng = [data.point[1], data.point[0]];
    getJson(config.boundaries_url).then(function (b) { addBoundaries(map, b, null, { labels: true }).bringToBack(); });
    if (data.shape) {
      var layer = drawShape(map, data.shape);
      map.fitBounds(layer.getBounds().extend(latlng).pad(0.2), { maxZoom: closeZoom(config, 15, 12) });
    } else {
      map.setView(latlng, closeZoom(config, 14, 11));
    }
    L.circleMarker(latlng, { radius: 7, color: "#ffffff", weight: 2, fillColor: "#0b3d91", fillOpacity: 0.95 })
      .bindTooltip(data.name).addTo(map);
  }

  function miniProjects(el) {
    var config = readJson("dashboard-map-config");
    if (!config) { return; }
    var map = createMap(el, config, { scrollWheelZoom: false });
    Promise.all([getJson(config.boundaries_url), getJson(config.geojson_url)]).then(function (results) {
      var area = addBoundaries(map, results[0], results[1].townships, {});
      projectLayer(results[1], { small: true }).addTo(map);
      if (area.getBounds().isValid()) { map.fitBounds(area.getBounds(), { padding: [4, 4] }); }
      el.setAttribute("data-loaded", String(results[1].features.length));
    });
  }

  /* The location editor: a click sets the point (mode "point") or adds a vertex (line, area). */
  function locationEditor(el) {
    var config = readJson("map-config");
    var data = readJson("location-data");
    var form = document.getElementById("location-form");
    var input = form.querySelector("[name=coordinates]");
    var shapeInput = form.querySelector("[name=shape]");
    var sourceInput = form.querySelector("[name=source]");
    var map = createMap(el, config);
    var marker = null;
    var vertices = [];
    var shapeLayer = null;

    getJson(config.boundaries_url).then(function (b) {
      addBoundaries(map, b, null, { labels: true }).bringToBack();
    });

    function mode() {
      var checked = document.querySelector("input[name=draw-mode]:checked");
      return checked ? checked.value : "point";
    }

    function chooseWgs84() {
      var radio = form.querySelector("input[name=crs][value=wgs84]");
      if (radio) { radio.checked = true; }
    }

    function setPoint(latlng, fromMap) {
      if (marker) { marker.setLatLng(latlng); } else {
        marker = L.marker(latlng, { draggable: true }).addTo(map);
        marker.on("dragend", function () { setPoint(marker.getLatLng(), true); });
      }
      if (fromMap) {
        var ll = L.latLng(latlng);
        input.value = ll.lng.toFixed(6) + "," + ll.lat.toFixed(6);
        chooseWgs84();
        sourceInput.value = "map";
      }
    }

    function geometry() {
      var coords = vertices.map(function (v) { return [Number(v.lng.toFixed(7)), Number(v.lat.toFixed(7))]; });
      if (mode() === "LineString" && coords.length >= 2) { return { type: "LineString", coordinates: coords }; }
      if (mode() === "Polygon" && coords.length >= 3) {
        return { type: "Polygon", coordinates: [coords.concat([coords[0]])] };
      }
      return null;
    }

    function redraw() {
      if (shapeLayer) { map.removeLayer(shapeLayer); shapeLayer = null; }
      var shape = geometry();
      shapeLayer = L.layerGroup().addTo(map);
      if (shape) { drawShape(map, shape).addTo(shapeLayer); }
      vertices.forEach(function (v) {
        L.circleMarker(v, { radius: 4, color: "#0b3d91", weight: 2, fillColor: "#ffffff", fillOpacity: 1 }).addTo(shapeLayer);
      });
      if (vertices.length) { shapeInput.value = shape ? JSON.stringify(shape) : ""; }
    }

    map.on("click", function (e) {
      if (mode() === "point") { setPoint(e.latlng, true); return; }
      vertices.push(e.latlng);
      if (!marker) { setPoint(vertices[0], true); }
      redraw();
    });
    document.querySelectorAll("input[name=draw-mode]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (vertices.length) { redraw(); } });
    });
    document.getElementById("shape-undo").addEventListener("click", function () { vertices.pop(); redraw(); shapeInput.value = geometry() ? shapeInput.value : ""; });
    document.getElementById("shape-clear").addEventListener("click", function () {
      vertices = []; shapeInput.value = ""; redraw();
      if (data.shape && shapeLayer) { data.shape = null; }
      if (existingShape) { map.removeLayer(existingShape); existingShape = null; }
    });
    input.addEventListener("input", function () { sourceInput.value = "typed"; });

    var existingShape = null;
    if (data.shape) {
      existingShape = drawShape(map, data.shape, "#6f42c1");
      var t = data.shape.type;
      if (t === "LineString" || t === "Polygon") {
        var ring = t === "LineString" ? data.shape.coordinates : data.shape.coordinates[0].slice(0, -1);
        vertices = ring.map(function (c) { return L.latLng(c[1], c[0]); });
        var radio = document.getElementById(t === "LineString" ? "mode-line" : "mode-polygon");
        if (radio) { radio.checked = true; }
        map.removeLayer(existingShape);
        existingShape = null;
        redraw();
      }
    }
    (data.photos || []).forEach(function (photo) {
      L.circleMarker([photo.point[1], photo.point[0]], {
        radius: 6, color: "#ffffff", weight: 2, fillColor: "#fd7e14", fillOpacity: 0.95, className: "photo-marker"
      }).bindTooltip(photo.name).addTo(map);
    });
    if (data.point) {
      var latlng = L.latLng(data.point[1], data.point[0]);
      setPoint(latlng, false);
      map.setView(latlng, closeZoom(config, 15, 12));
    }
  }

  function start() {
    document.querySelectorAll("[data-map]").forEach(function (el) {
      var kind = el.getAttribute("data-map");
      if (kind === "overview") { overview(el); }
      else if (kind === "location") { locationEditor(el); }
      else if (kind === "mini-location") { miniLocation(el); }
      else if (kind === "mini-projects") { miniProjects(el); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
