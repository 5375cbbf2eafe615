<?php
/*
 * portal.php - reads mpd's state for the status page.  Library only: it
 * lives outside the document root and is never served itself.
 *
 * Portal rules (docs: spec "Portal"; checked by
 * tests/scripts/check-portal-rules.sh, and at run time by disable_functions
 * and open_basedir in php-portal.ini).  This code:
 *   - only READS files under /mpd-state (mounted read-only) and prints them;
 *   - runs no programs (nothing of the exec family, no backtick operator);
 *   - takes no request input at all: no query parameters, no posted data,
 *     no cookies, no uploads; it shows no HTML forms and redirects nowhere;
 *   - writes, renames and deletes nothing;
 *   - escapes everything it prints with h() (htmlspecialchars).
 * The only network use is a TCP connect to each service's own port to show
 * whether it answers (0.25 s timeout, closed at once).
 */

declare(strict_types=1);

const PORTAL_STATE_DIR = '/mpd-state';
const PORTAL_MAX_FILE = 4194304;
const PORTAL_PROBE_TIMEOUT = 0.25;
const PORTAL_ADMINER_URL = 'https://adminer.service.mpd.test/';

/* The services shown when mpd has not written portal/services.json. */
const PORTAL_DEFAULT_SERVICES = [
	['name' => 'dnsmasq', 'ip' => '10.163.0.3', 'dns' => 'dnsmasq.service.mpd.test',
	    'port' => 53, 'access' => 'DNS resolver (10.163.0.3:53)'],
	['name' => 'portal', 'ip' => '10.163.0.4', 'dns' => 'mpd.test',
	    'port' => 443, 'access' => 'https://mpd.test/'],
	['name' => 'fileaccess', 'ip' => '10.163.0.5', 'dns' => 'fileaccess.service.mpd.test',
	    'port' => 22, 'access' => 'ssh, scp, sftp (lands in /srv/backups)'],
	['name' => 'adminer', 'ip' => '10.163.0.6', 'dns' => 'adminer.service.mpd.test',
	    'port' => 8080, 'access' => 'https://adminer.service.mpd.test/'],
];

/* HTML-escape for text and attribute values. */
function h(?string $s): string
{
	return htmlspecialchars((string)$s, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

/* Contents of STATE/$rel, or null when it is absent, unreadable or larger
 * than PORTAL_MAX_FILE. */
function portal_read(string $rel): ?string
{
	$path = PORTAL_STATE_DIR . '/' . $rel;
	if (!is_file($path) || !is_readable($path)) {
		return null;
	}
	$size = filesize($path);
	if ($size === false || $size > PORTAL_MAX_FILE) {
		return null;
	}
	$text = file_get_contents($path, false, null, 0, PORTAL_MAX_FILE);
	return $text === false ? null : $text;
}

/* Every state file the page shows, relative path => contents (null when
 * absent).  The same list feeds the page and the change hash. */
function portal_inputs(): array
{
	$files = ['portal/display-name.txt', 'portal/services.json', 'projects.json',
	    'databases.json', 'current-state.json'];
	$metas = glob(PORTAL_STATE_DIR . '/runtimes/*/meta.json', GLOB_NOSORT);
	if (is_array($metas)) {
		sort($metas, SORT_STRING);
		foreach ($metas as $m) {
			$files[] = substr($m, strlen(PORTAL_STATE_DIR) + 1);
		}
	}
	$in = [];
	foreach ($files as $f) {
		$in[$f] = portal_read($f);
	}
	return $in;
}

/* The decoded JSON object of input $rel, or null (absent, or broken: then a
 * line is added to $problems). */
function portal_json(array $in, string $rel, array &$problems): ?array
{
	$text = $in[$rel] ?? null;
	if ($text === null) {
		return null;
	}
	$v = json_decode($text, true, 64);
	if (!is_array($v)) {
		$problems[] = $rel . ': not a JSON object (' . json_last_error_msg() . ')';
		return null;
	}
	return $v;
}

/* $a[$k] when it is a string (numbers are shown as text), else ''. */
function portal_str(array $a, string $k): string
{
	$v = $a[$k] ?? null;
	if (is_string($v)) {
		return $v;
	}
	if (is_int($v) || is_float($v)) {
		return (string)$v;
	}
	return '';
}

/* The VM name: first line of portal/display-name.txt, or "mpd". */
function portal_display_name(array $in): string
{
	$text = $in['portal/display-name.txt'] ?? '';
	$line = trim(strtok((string)$text, "\r\n") ?: '');
	if ($line === '') {
		return 'mpd';
	}
	/* at most 120 characters (UTF-8 aware; no mbstring needed) */
	return preg_match('/^.{1,120}/u', $line, $m) === 1 ? $m[0] : 'mpd';
}

/* The service list: portal/services.json {"services": [{name, ip, dns,
 * port, access}]} when mpd wrote it, else PORTAL_DEFAULT_SERVICES. */
function portal_services(array $in, array &$problems): array
{
	$doc = portal_json($in, 'portal/services.json', $problems);
	if ($doc === null || !isset($doc['services']) || !is_array($doc['services'])) {
		return PORTAL_DEFAULT_SERVICES;
	}
	$out = [];
	foreach ($doc['services'] as $s) {
		if (!is_array($s) || portal_str($s, 'name') === '') {
			continue;
		}
		$port = $s['port'] ?? 0;
		$out[] = [
			'name' => portal_str($s, 'name'),
			'ip' => portal_str($s, 'ip'),
			'dns' => portal_str($s, 'dns'),
			'port' => is_int($port) ? $port : 0,
			'access' => portal_str($s, 'access'),
		];
	}
	return $out;
}

/* Does ip:port accept a TCP connection?  true, false, or null when the
 * entry has no usable address (nothing is tried then). */
function portal_probe(string $ip, int $port): ?bool
{
	if (filter_var($ip, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4) === false ||
	    $port < 1 || $port > 65535) {
		return null;
	}
	$errno = 0;
	$errstr = '';
	$sock = @fsockopen('tcp://' . $ip, $port, $errno, $errstr, PORTAL_PROBE_TIMEOUT);
	if ($sock === false) {
		return false;
	}
	fclose($sock);
	return true;
}

/* The status word of each service, in list order. */
function portal_probe_all(array $services): array
{
	$out = [];
	foreach ($services as $s) {
		$r = portal_probe($s['ip'], $s['port']);
		$out[] = $r === null ? 'unknown' : ($r ? 'running' : 'down');
	}
	return $out;
}

/* A digest of everything the page shows: the inputs and the probes. */
function portal_hash(array $in, array $probes): string
{
	$ctx = hash_init('sha256');
	foreach ($in as $rel => $text) {
		hash_update($ctx, $rel . "\0" . ($text === null ? "-\0" : strlen($text) . "\0" . $text));
	}
	hash_update($ctx, implode(',', $probes));
	return hash_final($ctx);
}

/* One current-state word from the snapshot map $kind, or null. */
function portal_current(?array $snap, string $kind, string $name): ?string
{
	if ($snap === null || !isset($snap[$kind]) || !is_array($snap[$kind])) {
		return null;
	}
	$v = $snap[$kind][$name] ?? null;
	return is_string($v) ? $v : null;
}

/* The names in the snapshot map $kind (strings), or []. */
function portal_snapshot_names(?array $snap, string $kind): array
{
	if ($snap === null || !isset($snap[$kind]) || !is_array($snap[$kind])) {
		return [];
	}
	return array_map('strval', array_keys($snap[$kind]));
}

/* Adminer's query for a database host: pgsql= for PostgreSQL, server= for
 * MariaDB and MySQL; '' for engines Adminer is not linked for. */
function portal_adminer_link(string $engine, string $host, string $user, string $db): string
{
	if ($host === '') {
		return '';
	}
	$driver = $engine === 'postgres' ? 'pgsql' :
	    (($engine === 'mariadb' || $engine === 'mysql') ? 'server' : '');
	if ($driver === '') {
		return '';
	}
	$q = $driver . '=' . rawurlencode($host) . '&username=' . rawurlencode($user);
	if ($db !== '') {
		$q .= '&db=' . rawurlencode($db);
	}
	return PORTAL_ADMINER_URL . '?' . $q;
}

/* $url when it is an absolute http(s) URL, else '' (never a link). */
function portal_safe_url(string $url): string
{
	return preg_match('~^https?://[^\s<>"\']+$~i', $url) === 1 ? $url : '';
}

/* Everything the page shows, from the inputs. */
function portal_model(array $in): array
{
	$problems = [];
	$snap = portal_json($in, 'current-state.json', $problems);
	$services = portal_services($in, $problems);
	$probes = portal_probe_all($services);
	foreach ($services as $i => $s) {
		$services[$i]['current'] = $probes[$i];
	}

	/* runtimes: runtimes/<n>/meta.json, plus names only the snapshot knows */
	$runtimes = [];
	foreach ($in as $rel => $text) {
		if (strncmp($rel, 'runtimes/', 9) !== 0) {
			continue;
		}
		$m = portal_json($in, $rel, $problems);
		if ($m === null) {
			continue;
		}
		$name = portal_str($m, 'name');
		if ($name === '') {
			$name = basename(dirname($rel));
		}
		$runtimes[$name] = [
			'name' => $name,
			'runtime' => portal_str($m, 'runtime'),
			'ip' => portal_str($m, 'ip'),
			'requested' => portal_str($m, 'requested'),
		];
	}
	foreach (portal_snapshot_names($snap, 'runtimes') as $name) {
		if (!isset($runtimes[$name])) {
			$runtimes[$name] = ['name' => $name, 'runtime' => '', 'ip' => '', 'requested' => ''];
		}
	}
	ksort($runtimes, SORT_STRING);
	foreach ($runtimes as $name => $r) {
		$runtimes[$name]['current'] = portal_current($snap, 'runtimes', (string)$name);
		$runtimes[$name]['projects'] = 0;
	}

	/* projects: projects.json, plus names only the snapshot knows */
	$projects = [];
	$doc = portal_json($in, 'projects.json', $problems);
	foreach ((is_array($doc['projects'] ?? null) ? $doc['projects'] : []) as $p) {
		if (!is_array($p) || portal_str($p, 'name') === '') {
			continue;
		}
		$urls = [];
		foreach ((is_array($p['urls'] ?? null) ? $p['urls'] : []) as $u) {
			if (is_array($u) && portal_str($u, 'url') !== '') {
				$urls[] = ['label' => portal_str($u, 'label'),
				    'kind' => portal_str($u, 'kind'), 'url' => portal_str($u, 'url')];
			}
		}
		$name = portal_str($p, 'name');
		$projects[$name] = [
			'name' => $name,
			'type' => portal_str($p, 'type'),
			'runtime' => portal_str($p, 'runtimeName'),
			'engine' => portal_str($p, 'databaseEngine'),
			'version' => portal_str($p, 'databaseVersion'),
			'databaseId' => portal_str($p, 'databaseId'),
			'requested' => portal_str($p, 'requested'),
			'urls' => $urls,
		];
	}
	foreach (portal_snapshot_names($snap, 'projects') as $name) {
		if (!isset($projects[$name])) {
			$projects[$name] = ['name' => $name, 'type' => '', 'runtime' => '',
			    'engine' => '', 'version' => '', 'databaseId' => '',
			    'requested' => '', 'urls' => []];
		}
	}
	ksort($projects, SORT_STRING);
	foreach ($projects as $name => $p) {
		$projects[$name]['current'] = portal_current($snap, 'projects', (string)$name);
		if ($p['runtime'] !== '' && isset($runtimes[$p['runtime']])) {
			$runtimes[$p['runtime']]['projects']++;
		}
	}

	/* databases: databases.json, plus ids only the snapshot knows */
	$dbs = [];
	$doc = portal_json($in, 'databases.json', $problems);
	foreach ((is_array($doc['databases'] ?? null) ? $doc['databases'] : []) as $d) {
		if (!is_array($d) || portal_str($d, 'databaseId') === '') {
			continue;
		}
		$id = portal_str($d, 'databaseId');
		$dbs[$id] = [
			'id' => $id,
			'engine' => portal_str($d, 'engine'),
			'version' => portal_str($d, 'version'),
			'container' => portal_str($d, 'containerName'),
			'observed' => portal_str($d, 'status'),
		];
	}
	foreach (portal_snapshot_names($snap, 'databases') as $id) {
		if (!isset($dbs[$id])) {
			$dbs[$id] = ['id' => $id, 'engine' => '', 'version' => '',
			    'container' => '', 'observed' => ''];
		}
	}
	ksort($dbs, SORT_STRING);
	foreach ($dbs as $id => $d) {
		$cur = portal_current($snap, 'databases', (string)$id);
		$dbs[$id]['current'] = $cur ?? ($d['observed'] !== '' ? $d['observed'] : null);
		$dbs[$id]['projects'] = 0;
		foreach ($projects as $p) {
			if ($p['databaseId'] === (string)$id) {
				$dbs[$id]['projects']++;
			}
		}
	}

	return [
		'name' => portal_display_name($in),
		'services' => $services,
		'runtimes' => $runtimes,
		'projects' => $projects,
		'databases' => $dbs,
		'refreshedAt' => $snap === null ? '' : portal_str($snap, 'refreshedAt'),
		'hash' => portal_hash($in, $probes),
		'problems' => $problems,
	];
}
