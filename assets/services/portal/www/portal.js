/*
 * portal.js - reload the status page when mpd's state changes.
 * Read-only: polls state.php with GET every 3 s (and when the tab becomes
 * visible again) and reloads when the hash differs from the page's.
 * No forms, no other requests, no page content built from data.
 */
(function () {
	'use strict';
	var tag = document.querySelector('meta[name="mpd-state-hash"]');
	var shown = tag ? tag.getAttribute('content') : '';
	var busy = false;

	function poll() {
		if (busy || document.hidden) {
			return;
		}
		busy = true;
		fetch('/state.php', { cache: 'no-store', credentials: 'omit' })
			.then(function (r) { return r.ok ? r.json() : null; })
			.then(function (j) {
				busy = false;
				if (j && typeof j.hash === 'string' && j.hash !== shown) {
					window.location.reload();
				}
			})
			.catch(function () { busy = false; });
	}

	window.setInterval(poll, 3000);
	document.addEventListener('visibilitychange', poll);
}());
