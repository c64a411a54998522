// Start Pagefind's search UI on the search page (the index is built with the site).
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  new PagefindUI({ element: "#search", bundlePath: root.dataset.bundle, showImages: false });
});
