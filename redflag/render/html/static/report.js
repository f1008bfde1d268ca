// Draws every chart from the figure data embedded beside it; nothing is fetched.
(function () {
  "use strict";
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"] };
  function draw() {
    var boxes = document.querySelectorAll(".chart[data-figure]");
    var pending = [];
    boxes.forEach(function (box) {
      var spec = JSON.parse(document.getElementById(box.getAttribute("data-figure")).textContent);
      pending.push(Plotly.newPlot(box, spec.data, spec.layout, config));
    });
    Promise.all(pending).then(function () { document.body.setAttribute("data-charts", "drawn"); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
