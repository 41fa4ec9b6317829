/* A ward's bed check beside the plan grid, recomputed as the staffed beds are typed.
 *
 * The same arithmetic as inpatient/bedplan.py and inpatient/erlang.py: the week's
 * expected load A (occupied beds; from the server, it depends on last year only)
 * against the planned beds c, taken as whole beds; Erlang B by the stable
 * recursion B(k) = A·B(k−1) / (k + A·B(k−1)) is the share of admissions finding
 * the ward full, the occupancy the plan implies A·(1 − B) ÷ c. Red when B is above
 * its target, yellow when only the occupancy is above its target, green when both
 * are met; no light without a load or a plan (and red for no beds against a load).
 * The beds that meet the targets depend on the load alone and come from the server.
 */
(function () {
  "use strict";

  function blocking(load, beds) {
    var b = 1;
    for (var k = 1; k <= beds; k++) { b = load * b / (k + load * b); }
    return b;
  }

  /* {beds, occupancy, blocking, light} of one week; beds as typed (null: not planned). */
  function weekCheck(load, planned, targets) {
    var result = { beds: planned, occupancy: null, blocking: null, light: "" };
    if (load === null || load === undefined || planned === null || planned === undefined) { return result; }
    var beds = Math.trunc(planned);
    if (beds <= 0) {
      result.light = load > 0 ? "red" : "";
      return result;
    }
    result.blocking = blocking(load, beds);
    result.occupancy = load * (1 - result.blocking) / beds;
    if (result.blocking > targets.blocking) {
      result.light = "red";
    } else {
      result.light = result.occupancy > targets.occupancy ? "yellow" : "green";
    }
    return result;
  }

  var lang = (document.documentElement.lang || "sv").slice(0, 2) === "en" ? "en-GB" : "sv-SE";

  function fixed(digits) {
    return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  var whole = fixed(0), oneDecimal = fixed(1);

  function cell(tr, value, numeric) {
    var td = document.createElement("td");
    td.textContent = value;
    if (numeric) { td.className = "num"; }
    tr.appendChild(td);
    return td;
  }

  /* Draw the panel's weeks and counts for the plan row ``row`` (the staffed beds per "w<key>"). */
  function render(row, beds, text) {
    var body = document.getElementById("bed-check-body");
    if (!body) { return; }
    var counts = { red: 0, yellow: 0, green: 0 };
    body.textContent = "";
    beds.weeks.forEach(function (w) {
      var planned = row["w" + w.key];
      var check = weekCheck(w.load, planned === undefined ? null : planned, beds.targets);
      if (counts[check.light] !== undefined) { counts[check.light] += 1; }
      var tr = document.createElement("tr");
      tr.dataset.week = w.key;
      tr.dataset.light = check.light;
      cell(tr, String(w.week));
      cell(tr, check.beds === null ? "–" : whole.format(check.beds), true);
      cell(tr, w.load === null ? "–" : oneDecimal.format(w.load), true);
      cell(tr, check.occupancy === null ? "–" : whole.format(check.occupancy * 100) + "\u00a0%", true);
      cell(tr, check.blocking === null ? "–" : oneDecimal.format(check.blocking * 100) + "\u00a0%", true);
      cell(tr, w.needed === null ? "–" : String(w.needed), true);
      var badge = document.createElement("span");
      if (check.light) {
        badge.className = "badge " + check.light;
        badge.textContent = text[check.light];
      } else {
        // A dash, as the other columns of a week without plan or load: a badge would not fit.
        badge.textContent = "–";
        badge.title = text.noBedCheck;
      }
      cell(tr, "").appendChild(badge);
      body.appendChild(tr);
    });
    Object.keys(counts).forEach(function (colour) {
      var count = document.getElementById("bed-count-" + colour);
      if (count) { count.textContent = String(counts[colour]); }
    });
  }

  window.KPSPlanBeds = { render: render, weekCheck: weekCheck, blocking: blocking };
})();
