<?php
/*
 * index.php - the mpd status page at https://mpd.test/ (read-only).
 *
 * Portal rules (spec "Portal"; checked by tests/scripts/check-portal-rules.sh):
 * no program execution of any kind, no HTML forms, no request input (query
 * parameters, posted data, cookies, uploads), no writes, no redirects.  It
 * reads /mpd-state through ../lib/portal.php and prints it escaped with h().
 * portal.js reloads the page when state.php reports a different state hash.
 */

declare(strict_types=1);

require '/usr/share/mpd-portal/lib/portal.php';

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');

$m = portal_model(portal_inputs());

/* A status word as a badge; null or '' shows as $empty. */
function badge(?string $word, string $empty = 'unknown'): string
{
	if ($word === null || $word === '') {
		return $empty === '' ? cell('') : badge($empty);
	}
	$w = $word;
	$cls = preg_match('/^[a-z-]+$/', $w) === 1 ? $w : 'unknown';
	return '<span class="badge s-' . h($cls) . '">' . h($w) . '</span>';
}

/* Text, or a dash when empty. */
function cell(string $s): string
{
	return $s === '' ? '<span class="none">&ndash;</span>' : h($s);
}

/* A link when $url is an absolute http(s) URL and $live, else plain text. */
function maybe_link(string $url, string $text, bool $live): string
{
	$safe = portal_safe_url($url);
	if ($safe === '' || !$live) {
		return h($text);
	}
	return '<a href="' . h($safe) . '" rel="noreferrer">' . h($text) . '</a>';
}
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="mpd-state-hash" content="<?= h($m['hash']) ?>">
<title><?= h($m['name']) ?></title>
<link rel="stylesheet" href="/portal.css">
<script src="/portal.js" defer></script>
</head>
<body>
<header>
<h1><?= h($m['name']) ?></h1>
<p class="sub">mpd status &middot; read-only &middot; updates itself when the state changes</p>
</header>
<main>

<?php if ($m['problems'] !== []): ?>
<section class="problems">
<h2>State files that could not be read</h2>
<ul>
<?php foreach ($m['problems'] as $p): ?>
<li><?= h($p) ?></li>
<?php endforeach; ?>
</ul>
</section>
<?php endif; ?>

<section id="projects">
<h2>Projects</h2>
<?php if ($m['projects'] === []): ?>
<p class="empty">No projects yet (<code>mpd create &lt;project&gt;</code>).</p>
<?php else: ?>
<table>
<thead><tr><th>Project</th><th>Type</th><th>Runtime</th><th>Database</th><th>Requested</th><th>Current</th><th>URLs</th></tr></thead>
<tbody>
<?php foreach ($m['projects'] as $p):
	$live = $p['current'] === 'running';
	$dbText = $p['engine'] === '' ? '' : $p['engine'] . ':' . $p['version'];
	$dbHost = $p['databaseId'] === '' ? '' : $p['databaseId'] . '.db.mpd.test';
	$adminer = portal_adminer_link($p['engine'], $dbHost, $p['name'], $p['name']);
?>
<tr>
<td class="name"><?= h($p['name']) ?></td>
<td><?= cell($p['type']) ?></td>
<td><?= cell($p['runtime']) ?></td>
<td><?php if ($dbText === ''): ?><?= cell('') ?><?php else: ?><?= maybe_link($adminer, $dbText, $adminer !== '') ?><?php if ($dbHost !== ''): ?><br><span class="dns"><?= h($dbHost) ?></span><?php endif; ?><?php endif; ?></td>
<td><?= badge($p['requested'], '') ?></td>
<td><?= badge($p['current']) ?></td>
<td class="urls"><?php if ($p['urls'] === []): ?><?= cell('') ?><?php else: foreach ($p['urls'] as $u): ?><span class="url"><span class="kind k-<?= h(preg_match('/^[a-z-]+$/', $u['kind']) === 1 ? $u['kind'] : 'other') ?>"><?= h($u['label'] !== '' ? $u['label'] : $u['kind']) ?></span> <?= maybe_link($u['url'], $u['url'], $live) ?></span><?php endforeach; endif; ?></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
<p class="note">Project database credentials: user, password and database are the project name.</p>
<?php endif; ?>
</section>

<section id="runtimes">
<h2>Runtimes</h2>
<?php if ($m['runtimes'] === []): ?>
<p class="empty">No runtimes yet.</p>
<?php else: ?>
<table>
<thead><tr><th>Runtime</th><th>Kind</th><th>Address</th><th>DNS</th><th>Projects</th><th>Requested</th><th>Current</th></tr></thead>
<tbody>
<?php foreach ($m['runtimes'] as $r): ?>
<tr>
<td class="name"><?= h((string)$r['name']) ?></td>
<td><?= cell($r['runtime']) ?></td>
<td><?= cell($r['ip']) ?></td>
<td class="dns"><?= h($r['name'] . '.runtime.mpd.test') ?></td>
<td><?= h((string)$r['projects']) ?></td>
<td><?= badge($r['requested'], '') ?></td>
<td><?= badge($r['current']) ?></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
<?php endif; ?>
</section>

<section id="databases">
<h2>Databases</h2>
<?php if ($m['databases'] === []): ?>
<p class="empty">No database containers.</p>
<?php else: ?>
<table>
<thead><tr><th>Database</th><th>Engine</th><th>Container</th><th>DNS</th><th>Projects</th><th>Current</th></tr></thead>
<tbody>
<?php foreach ($m['databases'] as $d):
	$host = $d['id'] . '.db.mpd.test';
	$super = $d['engine'] === 'postgres' ? 'postgres' : 'root';
	$adminer = portal_adminer_link($d['engine'], $host, $super, '');
?>
<tr>
<td class="name"><?= h((string)$d['id']) ?></td>
<td><?= cell($d['engine'] === '' ? '' : $d['engine'] . ':' . $d['version']) ?></td>
<td><?= cell($d['container']) ?></td>
<td class="dns"><?= maybe_link($adminer, $host, $adminer !== '') ?></td>
<td><?= h((string)$d['projects']) ?></td>
<td><?= badge($d['current']) ?></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
<p class="note">Superusers: postgres / postgres (PostgreSQL), root / root (MariaDB, MySQL).</p>
<?php endif; ?>
</section>

<section id="services">
<h2>Services</h2>
<table>
<thead><tr><th>Service</th><th>Address</th><th>DNS</th><th>Access</th><th>Current</th></tr></thead>
<tbody>
<?php foreach ($m['services'] as $s): ?>
<tr>
<td class="name"><?= h($s['name']) ?></td>
<td><?= cell($s['ip']) ?></td>
<td class="dns"><?= cell($s['dns']) ?></td>
<td><?= maybe_link($s['access'], $s['access'], $s['current'] === 'running') ?></td>
<td><?= badge($s['current']) ?></td>
</tr>
<?php endforeach; ?>
</tbody>
</table>
</section>

</main>
<footer>
<p><?php if ($m['refreshedAt'] !== ''): ?>State snapshot taken <?= h($m['refreshedAt']) ?>. <?php else: ?>No state snapshot yet (<code>mpd --status</code> writes one). <?php endif; ?>
This page only shows state; it changes nothing.</p>
</footer>
</body>
</html>
