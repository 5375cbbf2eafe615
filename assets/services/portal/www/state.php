<?php
/*
 * state.php - the read-only JSON view portal.js polls: {"hash": "<sha256>"}
 * over every state file the page shows and the service probes.  The page
 * reloads when the hash differs from the one it was rendered with.
 *
 * Portal rules as in index.php: no program execution, no request input,
 * no writes, no redirects; it only reads /mpd-state.
 */

declare(strict_types=1);

require '/usr/share/mpd-portal/lib/portal.php';

header('Content-Type: application/json');
header('Cache-Control: no-store');

$in = portal_inputs();
$problems = [];
$probes = portal_probe_all(portal_services($in, $problems));
echo json_encode(['hash' => portal_hash($in, $probes)]), "\n";
