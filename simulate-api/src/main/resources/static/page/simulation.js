// The simulation page's only script: "Unfold all" / "Fold all" for each call tree, and opening the
// folded frames above one a link points at (a bar of the gas icicle). The page reads fine without it.
(function () {
  'use strict';
  document.querySelectorAll('.tree-tools').forEach(function (tools) {
    var tree = tools.nextElementSibling;
    tools.hidden = false;
    tools.addEventListener('click', function (event) {
      var action = event.target.getAttribute('data-tree');
      if (!action) { return; }
      tree.querySelectorAll('details').forEach(function (details) { details.open = action === 'open'; });
    });
  });
  function reveal() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') { node.open = true; }
    }
    if (target) { target.scrollIntoView(); }
  }
  window.addEventListener('hashchange', reveal);
  reveal();
}());
