// gongkai serve: reloads the page when the site is rebuilt. Injected only
// into pages served by the preview, never written into the built site.
// Long polling with XMLHttpRequest, so it works in old browsers too.
(function () {
  var generation = __GENERATION__;
  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/__gongkai/poll?since=' + generation, true);
    xhr.onload = function () {
      var now = parseInt(xhr.responseText, 10);
      if (xhr.status === 200 && now !== generation) {
        window.location.reload();
      } else {
        setTimeout(poll, xhr.status === 200 ? 0 : 2000);
      }
    };
    xhr.onerror = function () { setTimeout(poll, 2000); };
    xhr.send();
  }
  poll();
})();
