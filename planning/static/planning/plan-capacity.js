/* The capacity panel beside the plan grid, recomputed as the user types.
 *
 * The same arithmetic as planning/capacity.py: hours needed per schedule
 * period and profession are volume × the activity's minutes / 60, against
 * HR's available hours; green below the yellow threshold, yellow up to and
 * including the red one, red above it; "missing" (HR-uppgift saknas) when
 * hours are needed but HR has no hours for the profession in the period.
 */
(function () {
  "use strict";

  var ROOM = "room-time";

  function needed(rows, weeks) {
    var hours = {};
    rows.forEach(function (row) {
      weeks.forEach(function (w) {
        var v = row["w" + w.key];
        if (!v || !w.period) { return; }
        var key = w.period + ":" + row.profession;
        hours[key] = (hours[key] || 0) + v * row.minutes / 60;
      });
    });
    return hours;
  }

  function light(need, have, capacity) {
    if (have === undefined || have === null) { return need > 0 ? "missing" : ""; }
    if (need > 0 && have <= 0) { return "red"; }
    if (have <= 0) { return ""; }
    var ratio = need / have;
    return ratio < capacity.yellow ? "green" : (ratio <= capacity.red ? "yellow" : "red");
  }

  function cell(tr, value, numeric) {
    var td = document.createElement("td");
    td.textContent = value;
    if (numeric) { td.className = "num"; }
    tr.appendChild(td);
    return td;
  }

  function render(body, rows, data, text) {
    var format = window.KPSPlanNumbers.numberFormat;
    var capacity = data.capacity;
    var need = needed(rows, data.weeks);
    var keys = {};
    Object.keys(need).concat(Object.keys(capacity.available)).forEach(function (k) { keys[k] = true; });
    // The operating-room council's decided room hours of the clinic, last in their period.
    var roomHours = capacity.room_hours || {};
    Object.keys(roomHours).forEach(function (p) { keys[p + ":" + ROOM] = true; });
    var professions = Object.keys(capacity.professions).concat([ROOM]);
    body.textContent = "";
    var period = null;
    Object.keys(keys).sort(function (a, b) {
      var pa = a.split(":"), pb = b.split(":");
      return (pa[0] - pb[0]) || (professions.indexOf(pa[1]) - professions.indexOf(pb[1]));
    }).forEach(function (key) {
      var parts = key.split(":");
      if (parts[0] !== period) {
        // A heading row per schedule period instead of a period column: the panel then fits
        // its column with the traffic light in view, also with English's longer words.
        period = parts[0];
        var head = document.createElement("tr");
        head.className = "period-row";
        var th = document.createElement("th");
        th.colSpan = 5;
        th.scope = "rowgroup";
        th.textContent = text.period + " " + period;
        head.appendChild(th);
        body.appendChild(head);
      }
      if (parts[1] === ROOM) {
        var room = document.createElement("tr");
        room.className = "room-time";
        cell(room, text.roomTime);
        cell(room, "–", true);
        cell(room, format.format(Math.round(roomHours[parts[0]])), true);
        cell(room, "–", true);
        cell(room, "");
        room.dataset.key = key;
        body.appendChild(room);
        return;
      }
      var n = need[key] || 0;
      var have = capacity.available[key];
      var colour = light(n, have, capacity);
      var tr = document.createElement("tr");
      cell(tr, capacity.professions[parts[1]] || parts[1]);
      cell(tr, format.format(Math.round(n)), true);
      cell(tr, have === undefined ? "–" : format.format(Math.round(have)), true);
      cell(tr, have > 0 ? Math.round(n / have * 100) + " %" : "–", true);
      var badge = document.createElement("span");
      badge.className = "badge " + colour;
      badge.textContent = colour ? text[colour] : text.noData;
      cell(tr, "").appendChild(badge);
      tr.dataset.key = key;
      tr.dataset.light = colour;
      body.appendChild(tr);
    });
  }

  window.KPSPlanCapacity = { render: render, needed: needed, light: light };
})();
