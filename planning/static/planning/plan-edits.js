/* Editing the plan grid by blocks: paste from Excel, fill right, clear, spread a year total.
 *
 * Each operation collects its cell edits and hands them to the grid's
 * ``apply``, which makes them one step to undo. Pasted text that is not a
 * number refuses the whole paste, so nothing half-changes.
 */
(function () {
  "use strict";

  window.KPSPlanEdits = function (grid) {
    var table = grid.table, data = grid.data, text = grid.text, weekFields = grid.weekFields;
    var el = grid.el, say = grid.say, apply = grid.apply;
    var activeRange = grid.activeRange, startCell = grid.startCell, rangeCells = grid.rangeCells;
    var numbers = window.KPSPlanNumbers;
    var parseNumber = numbers.parseNumber;

    function paste(raw) {
      var range = activeRange();
      if (!range) { say(text.selectFirst, "error"); return; }
      var start = startCell(range);
      var col = start ? weekFields.indexOf(start.getField()) : -1;
      if (col < 0) { say(text.pasteInWeeks, "error"); return; }
      var matrix = numbers.parseClipboard(raw);
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
      // Pasted lines go to the activities' rows, past any reference rows between them.
      var tableRows = table.getRows("active").filter(grid.isPlanRow);
      var startRow = tableRows.indexOf(start.getRow());
      if (startRow < 0) { say(text.pasteInPlan, "error"); return; }
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
      var levels = false;
      cells.forEach(function (rowCells) {
        var row = rowCells[0].getRow().getData();
        // A level (a ward's staffed beds) is not spread: every week gets the number given.
        levels = levels || Boolean(row.level);
        var values = row.level ? weekFields.map(function () { return total; }) : numbers.spread(total, weightsFor(row, profile));
        weekFields.forEach(function (field, i) { edits.push({ id: row.id, field: field, value: values[i] || null }); });
      });
      say((levels ? text.levelFilled : text.spreadDone).replace("%s", apply(edits).length));
    }

    return { paste: paste, fillRight: fillRight, clearRange: clearRange, spreadTotal: spreadTotal };
  };
})();
