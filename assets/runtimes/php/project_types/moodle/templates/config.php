<?php  // Moodle configuration file of an mpd project (yours: mpd never rewrites it)

// mpd's settings for this project (generated from its mpd.env)
require_once(__DIR__ . '/config-mpd.php');

// Your own settings go here; they win over the ones above.

// Moodle 5.1 and later keep lib/ under public/
if (is_file(__DIR__ . '/public/lib/setup.php')) {
    require_once(__DIR__ . '/public/lib/setup.php');
} else {
    require_once(__DIR__ . '/lib/setup.php');
}
// There is no php closing tag in this file; it is intentional.
