// ruydad date picker: progressive enhancement only. Forms work without it;
// with it, every <input data-jalali-date> gets a button that opens a Jalali
// month (rendered by the server at /picker/{year}/{month}, so the calendar
// arithmetic stays in one place) and fills the field with the chosen day.
(function () {
  "use strict";
  var fa = "۰۱۲۳۴۵۶۷۸۹";
  function latin(s) {
    return s.replace(/[۰-۹]/g, function (d) { return String(fa.indexOf(d)); })
            .replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x660); });
  }
  function monthOf(value) {
    var m = /^\s*(\d{3,4})[\/-](\d{1,2})/.exec(latin(value || ""));
    return m ? m[1] + "/" + Number(m[2]) : "";
  }
  function enhance(input) {
    var wrap = document.createElement("span");
    wrap.className = "picker-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "picker-open";
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.textContent = "تقویم";
    button.setAttribute("aria-label", "انتخاب تاریخ از تقویم برای " + (input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "تاریخ"));
    wrap.appendChild(button);
    var pop = document.createElement("div");
    pop.className = "picker";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", "تقویم");
    pop.hidden = true;
    wrap.appendChild(pop);

    function close(focusButton) {
      pop.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (focusButton) { button.focus(); }
    }
    function load(month, focusSelector) {
      var path = "/picker" + (month ? "/" + month : "");
      fetch(path, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.text();
      }).then(function (html) {
        pop.innerHTML = html;
        var target = pop.querySelector(focusSelector || ".picker-day.today") || pop.querySelector(".picker-day");
        if (target) { target.focus(); }
      }).catch(function () { close(true); });
    }
    button.addEventListener("click", function () {
      if (!pop.hidden) { close(true); return; }
      pop.hidden = false;
      button.setAttribute("aria-expanded", "true");
      var value = latin(input.value);
      load(monthOf(value), value ? '.picker-day[data-value="' + input.value.trim() + '"]' : null);
    });
    pop.addEventListener("click", function (ev) {
      var t = ev.target.closest("button");
      if (!t) { return; }
      if (t.dataset.month) { load(t.dataset.month, ".picker-nav[data-month='" + t.dataset.month + "']"); return; }
      if (t.dataset.value) {
        input.value = t.dataset.value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        close(false);
        input.focus();
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
    document.addEventListener("click", function (ev) {
      if (!pop.hidden && !wrap.contains(ev.target)) { close(false); }
    });
  }
  document.querySelectorAll("input[data-jalali-date]").forEach(enhance);
})();
