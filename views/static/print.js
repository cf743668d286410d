// ruydad print button: a <button data-print> prints the page (print.css
// lays a month out on one landscape A4 page). Without this script the
// browser's own print command does the same.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    if (e.target instanceof Element && e.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
