/* The production plan grid: activities as rows, ISO weeks as columns grouped by schedule period.
 *
 * Built on Tabulator (static/vendor/tabulator) for rendering, range selection,
 * keyboard navigation and copying. Pasting, filling, spreading a year total
 * and undo are done here, so each of them is one step to undo (Tabulator's
 * own history records cell by cell and not pastes). Saving sends every
 * changed cell in one request with the revision it is based on; a 409 shows
 * what others changed and lets the user take their changes in without
 * losing any of their own. Helpers: plan-numbers.js (parsing, spreading),
 * plan-edits.js (block operations), plan-capacity.js (the capacity panel),
 * plan-beds.js (a ward's bed check).
 *
 * A ward's staffed beds are a level, not a volume (``level`` rows): their period,
 * tertial and year columns show the mean per planned week, and the bottom row
 * leaves them out of the sums of visits and operations.
 *
 * Under each activity two read-only reference rows may follow (``ref``: last
 * year's outcome in the same ISO week, and what the latest booking snapshot has
 * booked); they are never edited, saved, summed in the bottom row or counted in
 * the capacity panel, and the legend's check boxes show or hide them.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("grid-data").textContent);
  var text = JSON.parse(document.getElementById("grid-text").textContent);
  var csrf = document.querySelector("#grid-actions [name=csrfmiddlewaretoken]");
  var editable = data.version.editable;
  var revision = data.version.revision;
  var numbers = window.KPSPlanNumbers;
  var parseNumber = numbers.parseNumber;
  var numberFormat = numbers.numberFormat;
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

  function format(value) {
    return value === null || value === undefined || value === "" ? "" : numberFormat.format(value);
  }

  function totalsOf(row) {
    if (row.level) { return meansOf(row); }
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

  /* A level's "totals": the mean over the weeks it is planned for, empty where none is. */
  function meansOf(row) {
    var sums = {}, counts = {};
    data.weeks.forEach(function (w) {
      var v = row["w" + w.key];
      if (v === null || v === undefined) { return; }
      var keys = w.period ? ["p" + w.period, "t" + w.tertial, "year"] : ["t" + w.tertial, "year"];
      keys.forEach(function (k) {
        sums[k] = (sums[k] || 0) + v;
        counts[k] = (counts[k] || 0) + 1;
      });
    });
    var means = {};
    ["p1", "p2", "p3", "p4", "t1", "t2", "t3", "year"].forEach(function (k) {
      means[k] = counts[k] ? Math.round(sums[k] / counts[k] * 100) / 100 : null;
    });
    return means;
  }

  function isPlanRow(row) { return !row.getData().ref; }

  /* A read-only row of reference values for one activity, or null when it has none. */
  function referenceRow(a, kind, name) {
    var values = (data.reference[kind] || {})[a.id];
    if (!values) { return null; }
    var row = { id: kind + ":" + a.id, ref: kind, activity: a.id, name: name };
    data.weeks.forEach(function (w) {
      var v = values[w.key];
      row["w" + w.key] = v === undefined ? null : v;
    });
    return Object.assign(row, totalsOf(row));
  }

  var rows = [];
  data.activities.forEach(function (a, i) {
    var row = { id: a.id, n: i + 1, name: a.name, profession: a.profession, minutes: a.minutes, level: a.level };
    var values = data.values[a.id] || {};
    data.weeks.forEach(function (w) {
      var v = values[w.key];
      row["w" + w.key] = v === undefined ? null : v;
      base[a.id + ":w" + w.key] = row["w" + w.key];
    });
    rows.push(Object.assign(row, totalsOf(row)));
    [referenceRow(a, "outcome", text.refOutcome.replace("%s", data.reference.outcome_year)),
     referenceRow(a, "booked", text.refBooked)].forEach(function (r) { if (r) { rows.push(r); } });
  });
  var shownReferences = { outcome: true, booked: true };

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
    var changed = !row.ref && weekByField[cell.getField()] && row[cell.getField()] !== base[key];
    element.classList.toggle("dirty", Boolean(changed));
    element.classList.toggle("conflict", Boolean(conflictCells[key]));
    return format(cell.getValue());
  }

  function validNumber(cell, value) {
    var n = parseNumber(value);
    return n === null || !isNaN(n);
  }

  /* The bottom row sums the plan's volumes only (no reference row, no level such as staffed
   * beds), and is empty when there are none; Tabulator passes the rows' data in the values' order. */
  function sumCalc(values, rowData) {
    var s = 0, counted = 0;
    values.forEach(function (v, i) {
      var row = rowData && rowData[i];
      if (row && (row.ref || row.level)) { return; }
      s += v || 0;
      counted += 1;
    });
    return counted ? Math.round(s * 100) / 100 : null;
  }

  function planCellEditable(cell) { return editable && !cell.getRow().getData().ref; }

  var commonWeek = {
    hozAlign: "right", headerHozAlign: "center", headerSort: false, width: 54, resizable: false,
    formatter: numberFormatter, bottomCalc: sumCalc, bottomCalcFormatter: function (c) { return format(c.getValue()); },
    accessorClipboard: function (v) { return v === null || v === undefined ? "" : String(v).replace(".", ","); },
  };

  function weekColumn(w) {
    return Object.assign({}, commonWeek, {
      title: String(w.week), field: "w" + w.key, headerTooltip: weekTooltip(w), cssClass: cellClass(w),
      editor: editable ? "input" : false, editable: planCellEditable, editorParams: { selectContents: true },
      validator: editable ? [{ type: validNumber }] : [],
      mutatorEdit: function (value) { return parseNumber(value); },
    });
  }

  function totalColumn(title, field, tooltip) {
    return Object.assign({}, commonWeek, {
      title: title, field: field, cssClass: "total", width: 66, headerTooltip: tooltip, editor: false,
      tooltip: function (e, cell) { return cell.getRow().getData().level ? text.levelMean : ""; },
    });
  }

  // The year total stays in view beside the activity while the weeks scroll; Tabulator freezes
  // whole columns reliably, but not frozen column groups on the right.
  var columns = [{
    title: text.activity, field: "name", frozen: true, width: 190, headerSort: false, resizable: false,
    tooltip: function (e, cell) {
      var d = cell.getData();
      if (d.ref) { return d.ref === "outcome" ? text.refOutcomeTip : text.refBookedTip; }
      return d.profession + " · " + d.minutes + " min";
    },
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
    rowHeader: {
      resizable: false, frozen: true, width: 34, hozAlign: "center", headerSort: false, cssClass: "range-header-col",
      formatter: function (cell) { return cell.getRow().getData().n || ""; },
    },
    rowFormatter: function (row) {
      var ref = row.getData().ref;
      if (ref) { row.getElement().classList.add("ref-row", "ref-" + ref); }
    },
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
      return cells.filter(function (c) { return weekByField[c.getField()] && isPlanRow(c.getRow()); });
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
    updateBeds();
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
    say(text.redone);
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

  /* ---------- paste, fill, spread, clear (plan-edits.js) ---------- */

  var edits = window.KPSPlanEdits({
    table: table, data: data, text: text, weekFields: weekFields, el: el, say: say, apply: apply,
    activeRange: activeRange, startCell: startCell, rangeCells: rangeCells, isPlanRow: isPlanRow,
  });
  var paste = edits.paste, fillRight = edits.fillRight, clearRange = edits.clearRange, spreadTotal = edits.spreadTotal;

  /* ---------- capacity ---------- */

  function updateCapacity() {
    var planRows = table.getData().filter(function (row) { return !row.ref; });
    window.KPSPlanCapacity.render(el("capacity-body"), planRows, data, text);
  }

  /* A ward's bed check follows its staffed beds as they are typed, as the capacity panel does. */
  function updateBeds() {
    if (!data.beds) { return; }
    var row = table.getData().filter(function (r) { return !r.ref && r.level; })[0];
    // Before Tabulator has its rows the server's panel, drawn from the same saved beds, stands.
    if (row) { window.KPSPlanBeds.render(row, data.beds, text); }
  }

  /* ---------- save and conflicts ---------- */

  function pendingCells() {
    var cells = [];
    table.getData().forEach(function (row) {
      if (row.ref) { return; }
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
    if (key === "Delete" || key === "Backspace") { e.preventDefault(); clearRange(); return; }
    if (!mod && !e.altKey && /^[0-9]$/.test(key)) {
      // Typing a digit starts editing the cell with it, as in a spreadsheet.
      var range = activeRange();
      var cell = startCell(range);
      if (!cell || !weekByField[cell.getField()] || !isPlanRow(cell.getRow())) { return; }
      e.preventDefault();
      cell.edit(true);
      var input = cell.getElement().querySelector("input");
      if (input) {
        // Tabulator may still put the old value in once the editor is drawn; keep the digit unless
        // the user has typed on meanwhile.
        input.value = key;
        input.addEventListener("input", function () { input.dataset.typed = "1"; }, { once: true });
        setTimeout(function () { if (!input.dataset.typed) { input.value = key; input.setSelectionRange(1, 1); } }, 0);
      }
    }
  }, true);

  // Ctrl+S is the document's alone, wherever the focus is (the grid, a cell's editor, a
  // button): the grid's handler above lets the event through, so saving there as well posted
  // the same cells twice and the second post met a false conflict.
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
    if (!cell || !weekByField[cell.getField()] || !isPlanRow(cell.getRow())) { say(text.selectFirst, "error"); return; }
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

  /* ---------- reference rows ---------- */

  function showReferences() {
    table.setFilter(function (row) { return !row.ref || shownReferences[row.ref]; });
  }

  ["outcome", "booked"].forEach(function (kind) {
    var box = el("show-" + kind);
    if (!box) { return; }
    box.addEventListener("change", function () {
      shownReferences[kind] = box.checked;
      showReferences();
    });
  });

  table.on("tableBuilt", function () {
    changed();
    document.body.dataset.gridReady = "1";
  });

  window.kpsPlanGrid = {
    table: table, paste: paste, pending: pendingCells, save: save, undo: undo, isPlanRow: isPlanRow,
  };
})();
