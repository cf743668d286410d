// ruydad date picker: progressive enhancement only. Without it a date field
// is text, read as people write dates (۲۵ آذر ۱۴۰۵, 1405.9.25). With it,
// every <input data-jalali-date> opens a Jalali month when it is focused or
// clicked (and from its button). The month is rendered by the server at
// /picker, so the calendar arithmetic and the reading of typed dates stay
// in one place. It starts at the field's date, else the form's other dates,
// else the day or month page the form was opened from, else today; its
// lists jump to a month and a year. Down arrow moves into the month, the
// arrows move between days, Escape closes it and returns to the field;
// typing in the field closes it.
(function () {
  "use strict";
  var pagePath = /\/calendar\/(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?\/?$/;

  // cameFrom is the day or month the form was opened from: its ?date= or
  // ?start=, or the calendar page that linked to it.
  function cameFrom() {
    var q = new URLSearchParams(location.search);
    if (q.get("date") || q.get("start")) { return q.get("date") || q.get("start"); }
    try {
      var r = new URL(document.referrer);
      var m = r.origin === location.origin && pagePath.exec(r.pathname);
      if (m) { return m[1] + "/" + m[2] + (m[3] ? "/" + m[3] : ""); }
    } catch (e) { /* no referrer */ }
    return "";
  }

  var count = 0;
  function enhance(input) {
    var wrap = document.createElement("span");
    wrap.className = "picker-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var name = input.labels && input.labels[0] ? input.labels[0].textContent.replace("*", "").trim() : "تاریخ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "picker-open";
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.textContent = "تقویم";
    button.setAttribute("aria-label", "انتخاب تاریخ از تقویم برای " + name);
    wrap.appendChild(button);
    var pop = document.createElement("div");
    pop.className = "picker";
    pop.id = "picker-" + (++count);
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", "تقویم " + name);
    pop.hidden = true;
    wrap.appendChild(pop);
    // A text field that opens a popup is a combobox (ARIA 1.2), its popup
    // the month dialog.
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-haspopup", "dialog");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", pop.id);
    var quiet = false; // the field takes focus back from the picker: do not reopen

    function expanded(open) {
      input.setAttribute("aria-expanded", String(open));
      button.setAttribute("aria-expanded", String(open));
    }
    function backToField() {
      quiet = true;
      input.focus();
      quiet = false;
    }
    function close(focusField) {
      if (pop.hidden) { return; }
      pop.hidden = true;
      expanded(false);
      if (focusField) { backToField(); }
    }
    // where lists the texts the picker starts from, best first.
    function where() {
      var at = [input.value];
      if (input.form) {
        input.form.querySelectorAll("input[data-jalali-date]").forEach(function (other) {
          if (other !== input) { at.push(other.value); }
        });
      }
      at.push(cameFrom());
      return at.filter(function (s) { return s.trim() !== ""; })
               .map(function (s) { return "at=" + encodeURIComponent(s); }).join("&");
    }
    function dayToFocus() {
      return pop.querySelector(".picker-day.chosen") || pop.querySelector(".picker-day.today") || pop.querySelector(".picker-day");
    }
    // load shows a month (year/month, or "" for where the picker starts),
    // then focuses focus: a selector, "day", or nothing.
    function load(month, focus) {
      var q = where();
      fetch("/picker" + (month ? "/" + month : "") + (q ? "?" + q : ""), { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.text();
      }).then(function (html) {
        if (pop.hidden) { return; }
        pop.innerHTML = html;
        var target = focus === "day" ? dayToFocus() : focus ? pop.querySelector(focus) : null;
        if (target) { target.focus(); }
      }).catch(function () { close(false); });
    }
    function open(focusDay) {
      if (!pop.hidden) {
        if (focusDay) { var d = dayToFocus(); if (d) { d.focus(); } }
        return;
      }
      pop.hidden = false;
      expanded(true);
      load("", focusDay ? "day" : null);
    }

    input.addEventListener("focus", function () { if (!quiet) { open(false); } });
    input.addEventListener("click", function () { open(false); });
    // Typing needs no month over the fields below; a click or the down
    // arrow brings it back.
    input.addEventListener("input", function () { close(false); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !pop.hidden) { ev.preventDefault(); close(false); }
      else if (ev.key === "ArrowDown") { ev.preventDefault(); open(true); }
      else if (ev.key === "Tab") { close(false); }
    });
    button.addEventListener("click", function () {
      if (!pop.hidden) { close(true); return; }
      open(true);
    });
    // A click on the picker's blank parts keeps the focus where it is.
    pop.addEventListener("mousedown", function (ev) {
      if (!ev.target.closest("button, select")) { ev.preventDefault(); }
    });
    pop.addEventListener("click", function (ev) {
      var t = ev.target.closest("button");
      if (!t) { return; }
      if (t.dataset.month) { load(t.dataset.month, ".picker-nav[data-month='" + t.dataset.month + "']"); return; }
      if (t.dataset.value) {
        input.value = t.dataset.value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        close(true);
      }
    });
    pop.addEventListener("change", function (ev) {
      var year = pop.querySelector(".picker-year"), month = pop.querySelector(".picker-month");
      if (year && month && (ev.target === year || ev.target === month)) {
        load(year.value + "/" + month.value, "." + ev.target.className);
      }
    });
    pop.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { ev.preventDefault(); close(true); return; }
      var days = Array.prototype.slice.call(pop.querySelectorAll(".picker-day"));
      var i = days.indexOf(document.activeElement);
      if (i < 0) { return; }
      // Right to left: the left arrow goes forward in time.
      var step = { ArrowLeft: 1, ArrowRight: -1, ArrowDown: 7, ArrowUp: -7 }[ev.key];
      if (step && days[i + step]) { ev.preventDefault(); days[i + step].focus(); }
    });
    // Focus that leaves the field, its button and its month closes it.
    wrap.addEventListener("focusout", function () {
      setTimeout(function () {
        if (!wrap.contains(document.activeElement)) { close(false); }
      }, 0);
    });
    document.addEventListener("click", function (ev) {
      if (!wrap.contains(ev.target)) { close(false); }
    });
  }
  document.querySelectorAll("input[data-jalali-date]").forEach(enhance);
})();
