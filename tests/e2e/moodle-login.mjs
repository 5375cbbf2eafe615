// moodle-login.mjs - a Moodle login in headless Chromium over HTTPS that
// trusts only the given CA (mpd's): the browser half of the moodle type's
// end-to-end check.  Node 20, playwright-core driving Debian's chromium (it
// downloads no browser).
//
//   node tests/e2e/moodle-login.mjs BASE_URL USERNAME PASSWORD CA_PEM SCREENSHOT
//
// Opens BASE_URL/login/index.php, fills in the form, submits, waits for the
// dashboard (/my/) or another page Moodle lands on after a login, checks the
// page shows a logged-in user (the user menu, or the Dashboard heading, and
// no `notloggedin` body class) and saves SCREENSHOT (PNG).  Exit 0 with one
// line on stdout; else one line on stderr (certificate error, login refused,
// timeout, ...) and exit 1; bad arguments exit 2.
//
// Trust: a fresh HOME whose NSS DB ($HOME/.pki/nssdb, made with certutil)
// holds CA_PEM and nothing else, as tests/e2e/browser.sh does; never a flag
// or an option that skips certificate checks.
//
// Settings: E2E_BROWSER (default chromium, looked up in PATH),
// E2E_BROWSER_RULES (a --host-resolver-rules value, e.g. "MAP m45.mpd.test
// 10.163.0.100"), E2E_LOGIN_TIMEOUT (seconds per step, default 60),
// E2E_NODE_PREFIX (where playwright-core is installed, default
// ~/.cache/mpd-e2e-node: see PLAYWRIGHT_CORE below).  Needs the chromium and
// libnss3-tools packages.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ME = 'moodle-login';
// the one version this script is run with; installed outside the tree
const PLAYWRIGHT_CORE = 'playwright-core@1.65.2';
// where Moodle lands after a login: the dashboard, My courses, the site
// home, the admin pages (an admin after an install or an upgrade)
const LANDING = [/^\/my\/(index\.php)?$/, /^\/my\/courses\.php$/,
	/^\/(index\.php)?$/, /^\/admin\/(index|search)\.php$/];

let home = '';
let browser = null;

function cleanup() {
	if (home !== '')
		fs.rmSync(home, { recursive: true, force: true });
	home = '';
}

// within(promise, ms, dflt): its value, or dflt on an error or after ms (a
// page query can wait for a navigation that never comes)
function within(p, ms, dflt) {
	let timer;
	const late = new Promise((r) => { timer = setTimeout(() => r(dflt), ms); });
	return Promise.race([p.catch(() => dflt), late]).finally(() => clearTimeout(timer));
}

async function fail(msg, code = 1) {
	process.stderr.write(`${ME}: ${msg}\n`);
	if (browser !== null)
		await within(browser.close(), 10000, null);
	cleanup();
	process.exit(code);
}

function which(name) {
	if (name.includes('/'))
		return fs.existsSync(name) ? name : '';
	for (const dir of (process.env.PATH || '').split(':')) {
		const p = path.join(dir || '.', name);
		try {
			fs.accessSync(p, fs.constants.X_OK);
			return p;
		} catch {
			// not in this one
		}
	}
	return '';
}

function netError(err) {
	const m = /net::ERR_[A-Z_]+/.exec(String(err && err.message));
	return m ? m[0] : '';
}

// trustHome(caPem): a temp HOME whose NSS DB trusts caPem for TLS servers
function trustHome(caPem) {
	home = fs.mkdtempSync(path.join(os.tmpdir(), `${ME}.`));
	const db = path.join(home, '.pki', 'nssdb');
	fs.mkdirSync(db, { recursive: true, mode: 0o700 });
	try {
		execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password'],
			{ stdio: 'pipe' });
		execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'mpd CA',
			'-t', 'C,,', '-i', caPem], { stdio: 'pipe' });
	} catch (err) {
		if (err.code === 'ENOENT')
			return 'certutil is not installed (package libnss3-tools)';
		return `certutil could not trust ${caPem}: ${String(err.stderr || err.message).trim()}`;
	}
	return '';
}

function loadPlaywright() {
	const prefix = process.env.E2E_NODE_PREFIX ||
		path.join(os.homedir(), '.cache', 'mpd-e2e-node');
	try {
		return createRequire(path.join(prefix, 'package.json'))('playwright-core');
	} catch {
		return `playwright-core is not installed under ${prefix}: npm install --prefix ${prefix} --no-save ${PLAYWRIGHT_CORE}`;
	}
}

async function main() {
	const args = process.argv.slice(2);
	if (args.length !== 5)
		await fail('usage: node moodle-login.mjs BASE_URL USERNAME PASSWORD CA_PEM SCREENSHOT', 2);
	const [base, user, pass, ca, shot] = args;
	let url;
	try {
		url = new URL('login/index.php', base.endsWith('/') ? base : `${base}/`);
	} catch {
		await fail(`'${base}' is not a URL (e.g. https://m45.mpd.test)`, 2);
	}
	if (url.protocol !== 'https:')
		await fail(`'${base}' is not an https:// URL: the check is about trust`, 2);
	let pem = '';
	try {
		pem = fs.readFileSync(ca, 'utf8');
	} catch {
		// said below
	}
	if (!pem.includes('-----BEGIN CERTIFICATE-----'))
		await fail(`${ca} is not a PEM certificate (give mpd's CA, rootCA.pem)`, 2);
	if (!fs.existsSync(path.dirname(path.resolve(shot))))
		await fail(`no directory for the screenshot ${shot}`, 2);
	const secs = Number(process.env.E2E_LOGIN_TIMEOUT || 60);
	if (!(secs > 0))
		await fail(`E2E_LOGIN_TIMEOUT='${process.env.E2E_LOGIN_TIMEOUT}' is not a number of seconds`, 2);
	const timeout = secs * 1000;
	// no step may hang the whole: a watchdog over all of them
	setTimeout(() => fail(`timeout: no result in ${6 * secs} s`), 6 * timeout).unref();

	const exe = which(process.env.E2E_BROWSER || 'chromium');
	if (exe === '')
		await fail(`${process.env.E2E_BROWSER || 'chromium'} is not installed (package chromium)`);
	const pw = loadPlaywright();
	if (typeof pw === 'string')
		await fail(pw);
	const why = trustHome(ca);
	if (why !== '')
		await fail(why);

	const flags = ['--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update',
		'--disable-sync'];
	if (process.env.E2E_BROWSER_RULES)
		flags.push(`--host-resolver-rules=${process.env.E2E_BROWSER_RULES}`);
	try {
		// chromiumSandbox stays false (playwright's default): --no-sandbox,
		// which Chromium needs as root
		browser = await pw.chromium.launch({ executablePath: exe,
			headless: true, args: flags, timeout,
			env: { ...process.env, HOME: home } });
	} catch (err) {
		await fail(`${exe} did not start: ${String(err.message).split('\n')[0]}`);
	}
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	page.setDefaultTimeout(timeout);

	try {
		await page.goto(url.href, { waitUntil: 'domcontentloaded' });
	} catch (err) {
		const e = netError(err);
		if (e.startsWith('net::ERR_CERT_'))
			await fail(`certificate error: ${e} loading ${url.href} (trusting only ${ca})`);
		if (e !== '')
			await fail(`cannot load ${url.href}: ${e}`);
		await fail(`timeout: ${url.href} did not load in ${secs} s`);
	}
	try {
		await page.waitForSelector('#username', { timeout });
	} catch {
		await fail(`no Moodle login form (#username) at ${page.url()}`);
	}
	try {
		await page.fill('#username', user);
		await page.fill('#password', pass);
		await page.click('#loginbtn', { noWaitAfter: true });
	} catch (err) {
		await fail(`cannot submit the login form at ${page.url()}: ${String(err.message).split('\n')[0]}`);
	}

	// the landing page, or Moodle's error on the login page
	const root = url.pathname.slice(0, -'login/index.php'.length);
	const deadline = Date.now() + timeout;
	let landed = false;
	while (!landed && Date.now() < deadline) {
		await within(page.waitForLoadState('domcontentloaded'), 1000, null);
		const at = new URL(page.url());
		// the path below the site's own (a wwwroot may have one)
		const rel = at.origin === url.origin && at.pathname.startsWith(root) ?
			`/${at.pathname.slice(root.length)}` : '';
		if (LANDING.some((re) => re.test(rel))) {
			landed = true;
			break;
		}
		if (rel.startsWith('/login/')) {
			const err = page.locator('#loginerrormessage, .loginerrors .alert, form#login .alert-danger');
			if (await within(err.count(), 1000, 0) > 0) {
				const text = (await within(err.first().innerText(), 1000, '')).trim();
				await fail(`login failed for ${user}: ${text || 'Moodle showed an error'}`);
			}
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	if (!landed)
		await fail(`timeout: no landing page (/my/ ...) ${secs} s after the login; at ${page.url()}`);

	try {
		await page.waitForLoadState('load', { timeout });
	} catch {
		await fail(`timeout: ${page.url()} did not finish loading in ${secs} s`);
	}
	const state = await within(page.evaluate(() => ({
		notloggedin: document.body.classList.contains('notloggedin'),
		menu: document.querySelector('#user-menu-toggle') !== null,
		dashboard: [...document.querySelectorAll('h1, h2')]
			.some((h) => h.textContent.trim() === 'Dashboard'),
	})), timeout, null);
	if (state === null)
		await fail(`cannot read the page at ${page.url()}`);
	if (state.notloggedin || !(state.menu || state.dashboard))
		await fail(`not logged in at ${page.url()}: no user menu (#user-menu-toggle) or Dashboard heading`);
	try {
		await page.screenshot({ path: shot });
	} catch (err) {
		await fail(`cannot save the screenshot ${shot}: ${String(err.message).split('\n')[0]}`);
	}
	await browser.close();
	browser = null;
	cleanup();
	const what = state.menu ? 'user menu' : 'Dashboard heading';
	process.stdout.write(`${ME}: ${user} logged in at ${page.url()} (${what}); screenshot ${shot}\n`);
}

process.on('SIGINT', () => fail('interrupted', 130));
process.on('SIGTERM', () => fail('terminated', 143));
main().catch((err) => fail(`unexpected: ${String(err && err.message).split('\n')[0]}`));
