/* The production plan grid: activities as rows, ISO weeks as columns grouped by schedule period.
 *
 * Built on Tabulator (static/vendor/tabulator) for rendering, range selection,
 * keyboard navigation and copying. Pasting, filling, spreading a year total
 * and undo are done here, so each of them is one step to undo (Tabulator's
 * own history records cell by cell and not pastes). Saving sends every
 * changed cell in one request with the revision it is based on; a 409 shows
 * what others changed and lets the user take their changes in without
 * losing any of their own.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("grid-data").textContent);
  var text = JSON.parse(document.getElementById("grid-text").textContent);
  var csrf = document.querySelector("#grid-actions [name=csrfmiddlewaretoken]");
  var editable = data.version.editable;
  var revision = data.version.revision;
  var numberFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 });
  var weekFields = data.weeks.map(function (w) { return "w" + w.key; });
  var weekByField = {};
  data.weeks.forEach(function (w) { weekByField["w" + w.key] = w; });
  var base = {};  // "activityId:field" -> the saved value (number or null)
  var undoStack = [];
  var redoStack = [];
  var conflictCells = {};

  function el(id) { return document.getElementById(id); }

  function say(message, kind) {
    var box = el("grid-status");
    box.textContent = message;
    box.className = "grid-status " + (kind || "");
  }

  /* "1 234,5" or "12.5" as Excel and people write them; null for empty; NaN for anything else. */
  function parseNumber(value) {
    if (value === null || value === undefined) { return null; }
    if (typeof value === "number") { return value >= 0 && isFinite(value) ? Math.round(value * 100) / 100 : NaN; }
    var s = String(value).replace(/[\s\u00a0\u202f']/g, "").replace(",", ".");
    if (s === "") { return null; }
    if (!/^\d+(\.\d+)?$/.test(s)) { return NaN; }
    return Math.round(parseFloat(s) * 100) / 100;
  }

  function format(value) {
    return value === null || value === undefined || value === "" ? "" : numberFormat.format(value);
  }

  function totalsOf(row) {
    var totals = { p1: 0, p2: 0, p3: 0, p4: 0, t1: 0, t2: 0, t3: 0, year: 0 };
    data.weeks.forEach(function (w) {
      var v = row["w" + w.key] || 0;
      if (w.period) { totals["p" + w.period] += v; }
      totals["t" + w.tertial] += v;
      totals.year += v;
    });
    Object.keys(totals).forEach(function (k) { totals[k] = Math.round(totals[k] * 100) / 100; });
    return totals;
  }

  var rows = data.activities.map(function (a) {
    var row = { id: a.id, name: a.name, profession: a.profession, minutes: a.minutes };
    var values = data.values[a.id] || {};
    data.weeks.forEach(function (w) {
      var v = values[w.key];
      row["w" + w.key] = v === undefined ? null : v;
      base[a.id + ":w" + w.key] = row["w" + w.key];
    });
    return Object.assign(row, totalsOf(row));
  });

  function weekTooltip(w) {
    return text.week + " " + w.week + " · " + w.monday + " · " + w.days + " " + text.workingDays +
      (w.holidays ? " · " + w.holidays : "") + (w.summer ? " · " + text.summer : "");
  }

  function cellClass(w) {
    return "week" + (w.days < 5 ? " short-week" : "") + (w.summer ? " summer-week" : "");
  }

  function numberFormatter(cell) {
    var row = cell.getRow().getData();
    var key = row.id + ":" + cell.getField();
    var element = cell.getElement();
    var changed = weekByField[cell.getField()] && row[cell.getField()] !== base[key];
    element.classList.toggle("dirty", Boolean(changed));
    element.classList.toggle("conflict", Boolean(conflictCells[key]));
    return format(cell.getValue());
  }

  function validNumber(cell, value) {
    var n = parseNumber(value);
    return n === null || !isNaN(n);
  }

  function sumCalc(values) {
    var s = 0;
    values.forEach(function (v) { s += v || 0; });
    return Math.round(s * 100) / 100;
  }

  var commonWeek = {
    hozAlign: "right", headerHozAlign: "center", headerSort: false, width: 54, resizable: false,
    formatter: numberFormatter, bottomCalc: sumCalc, bottomCalcFormatter: function (c) { return format(c.getValue()); },
    accessorClipboard: function (v) { return v === null || v === undefined ? "" : String(v).replace(".", ","); },
  };

  function weekColumn(w) {
    return Object.assign({}, commonWeek, {
      title: String(w.week), field: "w" + w.key, headerTooltip: weekTooltip(w), cssClass: cellClass(w),
      editor: editable ? "input" : false, editorParams: { selectContents: true },
      validator: editable ? [{ type: validNumber }] : [],
      mutatorEdit: function (value) { return parseNumber(value); },
    });
  }

  function totalColumn(title, field, tooltip) {
    return Object.assign({}, commonWeek, { title: title, field: field, cssClass: "total", width: 66, headerTooltip: tooltip, editor: false });
  }

  // The year total stays in view beside the activity while the weeks scroll; Tabulator freezes
  // whole columns reliably, but not frozen column groups on the right.
  var columns = [{
    title: text.activity, field: "name", frozen: true, width: 190, headerSort: false, resizable: false,
    tooltip: function (e, cell) { return cell.getData().profession + " · " + cell.getData().minutes + " min"; },
    bottomCalc: function () { return text.sum; },
  }, Object.assign(totalColumn(text.year, "year", text.yearTotal), { frozen: true })];
  data.periods.forEach(function (p) {
    var weekColumns = data.weeks.filter(function (w) { return w.period === p.number; }).map(weekColumn);
    weekColumns.push(totalColumn("Σ P" + p.number, "p" + p.number, text.periodTotal + " " + p.number));
    columns.push({ title: text.period + " " + p.number + " (v " + p.first + "–" + p.last + ")", headerHozAlign: "center", columns: weekColumns });
  });
  columns.push({
    title: text.tertials, headerHozAlign: "center",
    columns: [totalColumn("T1", "t1", text.tertial + " 1"), totalColumn("T2", "t2", text.tertial + " 2"), totalColumn("T3", "t3", text.tertial + " 3")],
  });

  var table = new Tabulator("#plan-grid", {
    data: rows,
    index: "id",
    layout: "fitData",
    columns: columns,
    selectableRange: 1,
    selectableRangeColumns: true,
    selectableRangeRows: true,
    rowHeader: { resizable: false, frozen: true, width: 34, hozAlign: "center", formatter: "rownum", headerSort: false, cssClass: "range-header-col" },
    editTriggerEvent: "dblclick",
    clipboard: "copy",
    clipboardCopyStyled: false,
    clipboardCopyConfig: { rowHeaders: false, columnHeaders: false, columnCalcs: false, formatCells: false },
    clipboardCopyRowRange: "range",
    history: false,
    columnCalcs: "table",
  });

  /* ---------- changes, totals, undo ---------- */

  function activeRange() {
    var ranges = table.getRanges();
    return ranges.length ? ranges[0] : null;
  }

  /* The top-left cell of the range, as a cell component. */
  function startCell(range) {
    var cells = range ? range.getStructuredCells() : [];
    return cells.length && cells[0].length ? cells[0][0] : null;
  }

  function rangeCells() {
    var range = activeRange();
    if (!range) { return null; }
    var structured = range.getStructuredCells();
    return structured.map(function (cells) {
      return cells.filter(function (c) { return weekByField[c.getField()]; });
    }).filter(function (cells) { return cells.length; });
  }

  /* Apply [{id, field, value}] as one step; returns the step's changes with their old values. */
  function apply(edits, recordAs) {
    var byRow = {};
    var changes = [];
    edits.forEach(function (e) {
      var row = table.getRow(e.id);
      var old = row.getData()[e.field];
      old = old === undefined ? null : old;
      if (old === e.value) { return; }
      changes.push({ id: e.id, field: e.field, old: old, value: e.value });
      (byRow[e.id] = byRow[e.id] || {})[e.field] = e.value;
    });
    Object.keys(byRow).forEach(function (id) {
      var row = table.getRow(Number(id));
      var next = Object.assign({}, row.getData(), byRow[id]);
      row.update(Object.assign(byRow[id], totalsOf(next)));
      row.reformat();
    });
    if (changes.length && recordAs !== false) {
      undoStack.push(changes);
      redoStack.length = 0;
    }
    changed();
    return changes;
  }

  function changed() {
    table.recalc();
    updateCapacity();
    var dirty = pendingCells().length;
    el("grid-dirty").textContent = dirty ? text.unsaved.replace("%s", dirty) : text.allSaved;
    el("grid-save").disabled = !editable || dirty === 0;
    el("grid-undo").disabled = undoStack.length === 0;
    el("grid-redo").disabled = redoStack.length === 0;
  }

  function undo() {
    var step = undoStack.pop();
    if (!step) { return; }
    apply(step.map(function (c) { return { id: c.id, field: c.field, value: c.old }; }), false);
    redoStack.push(step);
    changed();
    say(text.undone);
  }

  function redo() {
    var step = redoStack.pop();
    if (!step) { return; }
    apply(step.map(function (c) { return { id: c.id, field: c.field, value: c.value }; }), false);
    undoStack.push(step);
    changed();
  }

  table.on("cellEdited", function (cell) {
    if (!weekByField[cell.getField()]) { return; }
    var id = cell.getRow().getData().id;
    var old = cell.getOldValue();
    var value = cell.getValue();
    // Tabulator has already set the value; record it as one step and refresh the row's totals.
    cell.getRow().update(totalsOf(cell.getRow().getData()));
    if ((old === undefined ? null : old) !== value) {
      undoStack.push([{ id: id, field: cell.getField(), old: old === undefined ? null : old, value: value }]);
      redoStack.length = 0;
    }
    cell.getRow().reformat();
    changed();
  });

  table.on("validationFailed", function () { say(text.notANumber, "error"); });

  /* ---------- paste, fill, spread, clear ---------- */

  function parseClipboard(raw) {
    var lines = raw.replace(/\r\n?/g, "\n").split("\n");
    if (lines.length && lines[lines.length - 1] === "") { lines.pop(); }
    return lines.map(function (line) { return line.split("\t"); });
  }

  function paste(raw) {
    var range = activeRange();
    if (!range) { say(text.selectFirst, "error"); return; }
    var start = startCell(range);
    var col = start ? weekFields.indexOf(start.getField()) : -1;
    if (col < 0) { say(text.pasteInWeeks, "error"); return; }
    var matrix = parseClipboard(raw);
    var bad = [];
    var parsed = matrix.map(function (line, r) {
      return line.map(function (value, c) {
        var n = parseNumber(value);
        if (typeof n === "number" && isNaN(n)) { bad.push("”" + value.slice(0, 20) + "” (" + (r + 1) + ":" + (c + 1) + ")"); }
        return n;
      });
    });
    if (bad.length) {
      say(text.pasteRefused + " " + bad.slice(0, 5).join(", "), "error");
      return;
    }
    var tableRows = table.getRows("active");
    var startRow = tableRows.indexOf(start.getRow());
    var cells = rangeCells();
    var edits = [];
    var single = parsed.length === 1 && parsed[0].length === 1;
    if (single && cells && (cells.length > 1 || cells[0].length > 1)) {
      // One value pasted onto a selection fills the selection, as in Excel.
      cells.forEach(function (rowCells) {
        rowCells.forEach(function (c) { edits.push({ id: c.getRow().getData().id, field: c.getField(), value: parsed[0][0] }); });
      });
    } else {
      var cut = false;
      parsed.forEach(function (line, r) {
        var row = tableRows[startRow + r];
        if (!row) { cut = true; return; }
        line.forEach(function (value, c) {
          var field = weekFields[col + c];
          if (!field) { cut = true; return; }
          edits.push({ id: row.getData().id, field: field, value: value });
        });
      });
      if (cut) { say(text.pasteCut, "warning"); }
    }
    var changes = apply(edits);
    if (!cut) { say(text.pasted.replace("%s", changes.length)); }
  }

  function fillRight() {
    var cells = rangeCells();
    if (!cells) { say(text.selectFirst, "error"); return; }
    var edits = [];
    cells.forEach(function (rowCells) {
      var first = rowCells[0];
      var value = first.getValue();
      var targets = rowCells.length > 1 ? rowCells.slice(1).map(function (c) { return c.getField(); })
        : weekFields.slice(weekFields.indexOf(first.getField()) + 1);
      targets.forEach(function (field) { edits.push({ id: first.getRow().getData().id, field: field, value: value }); });
    });
    say(text.filled.replace("%s", apply(edits).length));
  }

  function clearRange() {
    var cells = rangeCells();
    if (!cells) { return; }
    var edits = [];
    cells.forEach(function (rowCells) {
      rowCells.forEach(function (c) { edits.push({ id: c.getRow().getData().id, field: c.getField(), value: null }); });
    });
    say(text.cleared.replace("%s", apply(edits).length));
  }

  /* Whole numbers in proportion to the weights, adding up to the rounded total (largest remainder). */
  function spread(total, weights) {
    var sum = weights.reduce(function (a, b) { return a + b; }, 0);
    if (sum <= 0) { return null; }
    var exact = weights.map(function (w) { return total * w / sum; });
    var floors = exact.map(Math.floor);
    var missing = Math.round(total) - floors.reduce(function (a, b) { return a + b; }, 0);
    var order = exact.map(function (v, i) { return i; }).sort(function (a, b) {
      return (exact[b] - floors[b]) - (exact[a] - floors[a]) || a - b;
    });
    for (var i = 0; i < missing && i < order.length; i++) { floors[order[i]] += 1; }
    return floors;
  }

  function weightsFor(row, profile) {
    var days = data.weeks.map(function (w) { return w.days; });
    var weights = days;
    if (profile === "outcome") {
      var last = data.profile[row.id] || {};
      weights = data.weeks.map(function (w) { return last[String(Math.min(w.week, 52))] || 0; });
    } else if (profile === "current") {
      weights = weekFields.map(function (f) { return row[f] || 0; });
    } else if (profile === "summer") {
      weights = data.weeks.map(function (w) { return w.summer ? w.days * 0.5 : w.days; });
    }
    return weights.some(function (v) { return v > 0; }) ? weights : days;
  }

  function spreadTotal() {
    var total = parseNumber(el("spread-total").value);
    if (total === null || isNaN(total)) { say(text.totalNotANumber, "error"); el("spread-total").focus(); return; }
    var cells = rangeCells();
    if (!cells) { say(text.selectFirst, "error"); return; }
    var profile = el("spread-profile").value;
    var edits = [];
    cells.forEach(function (rowCells) {
      var row = rowCells[0].getRow().getData();
      var values = spread(total, weightsFor(row, profile));
      weekFields.forEach(function (field, i) { edits.push({ id: row.id, field: field, value: values[i] || null }); });
    });
    say(text.spreadDone.replace("%s", apply(edits).length));
  }

  /* ---------- capacity ---------- */

  function updateCapacity() {
    var needed = {};
    table.getData().forEach(function (row) {
      data.weeks.forEach(function (w) {
        var v = row["w" + w.key];
        if (!v || !w.period) { return; }
        var key = w.period + ":" + row.profession;
        needed[key] = (needed[key] || 0) + v * row.minutes / 60;
      });
    });
    var keys = {};
    Object.keys(needed).concat(Object.keys(data.capacity.available)).forEach(function (k) { keys[k] = true; });
    var body = el("capacity-body");
    body.textContent = "";
    var professions = Object.keys(data.capacity.professions);
    Object.keys(keys).sort(function (a, b) {
      var pa = a.split(":"), pb = b.split(":");
      return (pa[0] - pb[0]) || (professions.indexOf(pa[1]) - professions.indexOf(pb[1]));
    }).forEach(function (key) {
      var parts = key.split(":");
      var need = needed[key] || 0;
      var have = data.capacity.available[key] || 0;
      var light = "", label = text.noData;
      if (need > 0 && have <= 0) { light = "red"; label = text.red; }
      else if (have > 0) {
        var ratio = need / have;
        light = ratio < data.capacity.yellow ? "green" : (ratio <= data.capacity.red ? "yellow" : "red");
        label = text[light];
      }
      var tr = document.createElement("tr");
      [parts[0], data.capacity.professions[parts[1]] || parts[1], Math.round(need), Math.round(have),
        have > 0 ? Math.round(need / have * 100) + " %" : "–"].forEach(function (v, i) {
        var td = document.createElement("td");
        td.textContent = i >= 2 && typeof v === "number" ? numberFormat.format(v) : v;
        if (i >= 2) { td.className = "num"; }
        tr.appendChild(td);
      });
      var td = document.createElement("td");
      var badge = document.createElement("span");
      badge.className = "badge " + light;
      badge.textContent = label;
      td.appendChild(badge);
      tr.appendChild(td);
      tr.dataset.key = key;
      tr.dataset.light = light;
      body.appendChild(tr);
    });
  }

  /* ---------- save and conflicts ---------- */

  function pendingCells() {
    var cells = [];
    table.getData().forEach(function (row) {
      weekFields.forEach(function (field) {
        var v = row[field] === undefined ? null : row[field];
        if (v !== base[row.id + ":" + field]) {
          cells.push({ unit: data.unit.id, activity: row.id, week: weekByField[field].key, volume: v });
        }
      });
    });
    return cells;
  }

  function save() {
    var cells = pendingCells();
    if (!cells.length) { say(text.nothingToSave); return; }
    el("grid-save").disabled = true;
    say(text.saving);
    fetch(data.urls.save, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf.value, "X-KPS-Client": "grid", "Accept": "application/json" },
      body: JSON.stringify({ revision: revision, cells: cells }),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      if (result.status === 200) {
        cells.forEach(function (c) { base[c.activity + ":w" + c.week] = c.volume; delete conflictCells[c.activity + ":w" + c.week]; });
        revision = result.body.revision;
        el("conflict").hidden = true;
        table.getRows().forEach(function (r) { r.reformat(); });
        say(text.saved.replace("%s", result.body.changed).replace("%r", revision), "success");
      } else if (result.status === 409 && result.body.current_revision !== undefined) {
        showConflict(result.body);
      } else {
        var detail = result.body.detail || result.body;
        say((Array.isArray(detail) ? detail.join(" ") : (typeof detail === "string" ? detail : JSON.stringify(detail))) || text.saveFailed, "error");
      }
      changed();
    }).catch(function () {
      say(text.saveFailed, "error");
      changed();
    });
  }

  function showConflict(body) {
    var list = el("conflict-list");
    list.textContent = "";
    body.changes.forEach(function (c) {
      var li = document.createElement("li");
      li.textContent = c.user + " " + new Date(c.at).toLocaleString("sv-SE") + ": " + c.unit_name + ", " + c.activity_name +
        ", " + text.week.toLowerCase() + " " + (c.week % 100) + ": " + (format(c.old) || "–") + " → " + (format(c.new) || "–");
      list.appendChild(li);
    });
    el("conflict-text").textContent = body.detail;
    el("conflict").hidden = false;
    el("conflict").dataset.revision = body.current_revision;
    el("conflict").changes = body.changes;
    say(body.detail, "error");
    el("conflict-merge").focus();
  }

  /* Take the others' saved values in where the user has not changed the cell; keep the user's edits. */
  function mergeConflict() {
    var box = el("conflict");
    var taken = 0, kept = 0;
    (box.changes || []).forEach(function (c) {
      if (c.unit !== data.unit.id) { return; }
      var key = c.activity + ":w" + c.week;
      var row = table.getRow(c.activity);
      if (!row) { return; }
      var mine = row.getData()["w" + c.week];
      var untouched = (mine === undefined ? null : mine) === base[key];
      var theirs = c.new === null ? null : Number(c.new);
      base[key] = theirs;
      if (untouched) {
        apply([{ id: c.activity, field: "w" + c.week, value: theirs }], false);
        taken += 1;
      } else if (mine !== theirs) {
        conflictCells[key] = true;
        kept += 1;
      }
    });
    revision = Number(box.dataset.revision);
    box.hidden = true;
    undoStack.length = 0;
    redoStack.length = 0;
    table.getRows().forEach(function (r) { r.reformat(); });
    changed();
    say(text.merged.replace("%s", taken).replace("%k", kept), kept ? "warning" : "success");
  }

  /* ---------- wiring ---------- */

  var gridElement = el("plan-grid");
  gridElement.addEventListener("paste", function (e) {
    if (!editable || (e.target && e.target.tagName === "INPUT")) { return; }
    e.preventDefault();
    paste((e.clipboardData || window.clipboardData).getData("text/plain"));
  });

  gridElement.addEventListener("keydown", function (e) {
    if (e.target && e.target.tagName === "INPUT") { return; }
    var key = e.key;
    var mod = e.ctrlKey || e.metaKey;
    if (mod && (key === "z" || key === "Z") && !e.shiftKey) { e.preventDefault(); undo(); return; }
    if (mod && (key === "y" || key === "Y" || ((key === "z" || key === "Z") && e.shiftKey))) { e.preventDefault(); redo(); return; }
    if (!editable) { return; }
    if (mod && (key === "r" || key === "R")) { e.preventDefault(); fillRight(); return; }
    if (mod && (key === "s" || key === "S")) { e.preventDefault(); save(); return; }
    if (key === "Delete" || key === "Backspace") { e.preventDefault(); clearRange(); return; }
    if (!mod && !e.altKey && /^[0-9]$/.test(key)) {
      // Typing a digit starts editing the cell with it, as in a spreadsheet.
      var range = activeRange();
      var cell = startCell(range);
      if (!cell || !weekByField[cell.getField()]) { return; }
      e.preventDefault();
      cell.edit(true);
      var input = cell.getElement().querySelector("input");
      if (input) { input.value = key; setTimeout(function () { input.value = key; input.setSelectionRange(1, 1); }, 0); }
    }
  }, true);

  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S") && editable) { e.preventDefault(); save(); }
  });

  el("grid-save").addEventListener("click", save);
  el("grid-undo").addEventListener("click", undo);
  el("grid-redo").addEventListener("click", redo);
  if (editable) {
    el("grid-fill").addEventListener("click", fillRight);
    el("grid-clear").addEventListener("click", clearRange);
    el("spread-apply").addEventListener("click", spreadTotal);
    el("conflict-merge").addEventListener("click", mergeConflict);
  }
  el("grid-history").addEventListener("click", function () {
    var range = activeRange();
    var cell = startCell(range);
    if (!cell || !weekByField[cell.getField()]) { say(text.selectFirst, "error"); return; }
    var url = data.urls.cell_history + "?enhet=" + data.unit.id + "&aktivitet=" + cell.getRow().getData().id + "&vecka=" + weekByField[cell.getField()].key;
    window.open(url, "_blank");
  });
  el("unit-select").addEventListener("change", function (e) {
    if (pendingCells().length && !window.confirm(text.leaveUnsaved)) { e.target.value = String(data.unit.id); return; }
    window.location.search = "?enhet=" + e.target.value;
  });
  window.addEventListener("beforeunload", function (e) {
    if (pendingCells().length) { e.preventDefault(); e.returnValue = ""; }
  });

  table.on("tableBuilt", function () {
    changed();
    document.body.dataset.gridReady = "1";
  });

  window.kpsPlanGrid = { table: table, paste: paste, pending: pendingCells, save: save, undo: undo };
})();
