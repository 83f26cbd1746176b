(function () {
  "use strict";
  var table = document.getElementById("rows");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var text = document.getElementById("filter");
  var host = document.getElementById("host-filter");
  var sortSelect = document.getElementById("sort-select");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var toggles = Array.prototype.slice.call(document.querySelectorAll(".counts button"));

  function sortValue(row, column) {
    var cell = row.cells[column];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim().toLowerCase();
  }

  function sortBy(column, descending) {
    var numeric = headers[column].getAttribute("data-type") === "number";
    var ordered = rows.slice().sort(function (a, b) {
      var x = sortValue(a, column), y = sortValue(b, column);
      var result = numeric ? parseFloat(x) - parseFloat(y) : (x < y ? -1 : x > y ? 1 : 0);
      if (result === 0) { result = rows.indexOf(a) - rows.indexOf(b); }
      return descending ? -result : result;
    });
    ordered.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (th, i) {
      if (i === column) { th.setAttribute("aria-sort", descending ? "descending" : "ascending"); }
      else { th.removeAttribute("aria-sort"); }
    });
    sortSelect.value = column + ":" + (descending ? "desc" : "asc");
  }

  function applyFilter() {
    var needle = text.value.trim().toLowerCase();
    var wantedHost = host.value;
    var statuses = {};
    toggles.forEach(function (button) { statuses[button.getAttribute("data-status")] = button.getAttribute("aria-pressed") === "true"; });
    var visible = 0;
    rows.forEach(function (row) {
      var show = statuses[row.getAttribute("data-status")] !== false
        && (wantedHost === "" || row.getAttribute("data-host") === wantedHost)
        && (needle === "" || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !show;
      if (show) { visible++; }
    });
    shown.textContent = visible + " of " + rows.length + " rows shown";
    empty.style.display = visible === 0 ? "block" : "none";
  }

  headers.forEach(function (th, column) {
    th.tabIndex = 0;
    function activate() { sortBy(column, th.getAttribute("aria-sort") === "ascending"); }
    th.addEventListener("click", activate);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(); } });
  });
  sortSelect.addEventListener("change", function () {
    var parts = sortSelect.value.split(":");
    sortBy(parseInt(parts[0], 10), parts[1] === "desc");
  });
  toggles.forEach(function (button) {
    button.addEventListener("click", function () {
      button.setAttribute("aria-pressed", button.getAttribute("aria-pressed") === "true" ? "false" : "true");
      applyFilter();
    });
  });
  text.addEventListener("input", applyFilter);
  host.addEventListener("change", applyFilter);
  // A link can carry the view: #q=TEXT&host=NAME&status=expired,critical&sort=COLUMN:asc|desc
  function applyLocation() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) { wanted[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1)); }
    });
    if (wanted.q !== undefined) { text.value = wanted.q; }
    if (wanted.host !== undefined) { host.value = wanted.host; }
    if (wanted.status !== undefined) {
      var statuses = wanted.status.split(",");
      toggles.forEach(function (button) {
        button.setAttribute("aria-pressed", statuses.indexOf(button.getAttribute("data-status")) >= 0 ? "true" : "false");
      });
    }
    if (wanted.sort !== undefined) {
      var parts = wanted.sort.split(":");
      var column = parseInt(parts[0], 10);
      if (column >= 0 && column < headers.length) { sortBy(column, parts[1] === "desc"); }
    }
  }
  applyLocation();
  window.addEventListener("hashchange", function () { applyLocation(); applyFilter(); });
  applyFilter();
})();
