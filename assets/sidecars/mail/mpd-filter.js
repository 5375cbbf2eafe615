// mpd-filter.js - https://mail.<runtime>.mpd.test/?q=TEXT opens MailDev's
// inbox with TEXT in its search box (the list filtered), the way
// https://mail.<project>.mpd.test/ lands on that project's mail.
(function () {
	'use strict';
	var q = new URLSearchParams(window.location.search).get('q');
	var tries = 0;
	function apply() {
		var input = document.querySelector('input.search-input');
		var ng = window.angular;
		if (input && ng && ng.element(input).controller('ngModel')) {
			input.value = q;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			return;
		}
		if (++tries < 200) {
			window.setTimeout(apply, 25);
		}
	}
	if (q) {
		apply();
	}
}());
