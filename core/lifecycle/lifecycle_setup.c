/* lifecycle_setup.c - `mpd --setup`: set up this VM, or check that it is
 * set up, idempotently and without prompting (mpd-virt drives it).
 *
 * Steps (the original's §1.7 that apply): preflight, directories,
 * platform.env, the dev SSH key, config.json, CA, CA trust, resolver
 * drop-in, podman network and volume, state seeds, mpd-vm.env template,
 * services (and their certificates, asked for by the service plugins),
 * DNS records and the portal's view, the systemd user unit,
 * current-state.json.  A re-run that finds everything in place writes
 * nothing and says so.
 */
#include "lifecycle_common.h"
#include "lifecycle_hooks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "certs_trust.h"
#include "exec.h"
#include "log.h"
#include "paths.h"
#include "podman.h"
#include "podman_names.h"
#include "preflight.h"
#include "state_config.h"
#include "state_databases.h"
#include "state_projects.h"
#include "state_store.h"

#define OS_RELEASE "/etc/os-release"
#define RESOLVED_DROPIN "/etc/systemd/resolved.conf.d/mpd.conf"
#define RESOLVED_RUNNING "/run/systemd/resolve/resolv.conf"
#define SETUP_EXEC_TIMEOUT_MS 120000

/* Run argv; 0 when it exited 0, else -1 naming it and its stderr. */
static int
run(const char *const *argv, const char *cwd, struct mpd_err *e)
{
	struct mpd_exec_spec spec = {
		.argv = argv, .cwd = cwd, .timeout_ms = SETUP_EXEC_TIMEOUT_MS,
	};
	struct mpd_exec_outcome res;
	int rc = 0;

	memset(&res, 0, sizeof res);
	if (mpd_exec_run(&spec, &res, e) != 0)
		return -1;
	if (res.exit_status != 0) {
		char *nl = res.err ? strchr(res.err, '\n') : NULL;

		if (nl != NULL)
			*nl = '\0';
		rc = mpd_err_set(e, MPD_ERR_EXEC, "'%s %s' failed%s%s", argv[0],
		    argv[1] ? argv[1] : "", res.err && *res.err ? ": " : "",
		    res.err ? res.err : "");
	}
	mpd_exec_result_free(&res);
	return rc;
}

static bool
in_path(const char *bin)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (path == NULL)
		path = "/usr/sbin:/usr/bin:/sbin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, bin);
		if (access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

/* Debian required; trixie expected (other releases get a warning: our CI
 * machines run bookworm); podman and its networking tools; sudo -n.
 * Changes nothing. */
static int
preflight(const char *user, struct mpd_err *e)
{
	char *text = NULL;
	size_t len;
	const char *id, *code;
	const char *sudo_check[] = { MPD_SUDO_ARGV, "true", NULL };

	if (state_store_read(OS_RELEASE, 1 << 16, "", &text, &len, e) != 0 ||
	    text == NULL) {
		free(text);
		return mpd_err_set(e, MPD_ERR_FAIL,
		    "cannot read %s: mpd runs on Debian (trixie)", OS_RELEASE);
	}
	id = strstr(text, "\nID=debian");
	if (id == NULL && strncmp(text, "ID=debian", 9) != 0) {
		free(text);
		return mpd_err_set(e, MPD_ERR_FAIL,
		    "this is not Debian (%s): mpd runs in a Debian trixie VM",
		    OS_RELEASE);
	}
	code = strstr(text, "VERSION_CODENAME=");
	if (code == NULL || strncmp(code + 17, "trixie", 6) != 0)
		mpd_warn("mpd targets Debian trixie; this is %.*s",
		    code ? (int)strcspn(code + 17, "\n") : 7,
		    code ? code + 17 : "unknown");
	/* podman and what its networking runs, with the package of each */
	if (preflight_check(text, e) != 0) {
		free(text);
		return -1;
	}
	free(text);
	if (run(sudo_check, NULL, e) != 0)
		return mpd_err_set(e, MPD_ERR_FAIL,
		    "mpd needs passwordless sudo for podman: add '%s ALL=(ALL) NOPASSWD: ALL' to /etc/sudoers.d/mpd",
		    user);
	return 0;
}

int
lifecycle_setup_preflight(struct mpd_err *e)
{
	struct vm_context vm;

	if (vm_context_load(&vm, e) != 0)
		return -1;
	return preflight(vm.user, e);
}

static int
step_preflight(struct lc *l, const struct lifecycle_opts *o,
	       struct mpd_err *e)
{
	lc_step(l, "Preflight");
	if (!o->preflight_done && preflight(l->ctx.vm.user, e) != 0)
		return -1;
	lc_ok(l, "Debian, podman and its networking, sudo -n");
	return 0;
}

static int
step_dirs(struct lc *l, struct mpd_err *e)
{
	static const struct {
		enum mpd_path_id id;
		mode_t mode;
	} dirs[] = {
		{ MPD_PATH_CONF, 0700 },
		{ MPD_PATH_ENV, 0755 },
		{ MPD_PATH_SKEL, 0755 },
		{ MPD_PATH_STATE, 0755 },
		{ MPD_PATH_RUNTIMES_DIR, 0755 },
		{ MPD_PATH_DNS_DIR, 0755 },
		{ MPD_PATH_PORTAL_STATE, 0755 },
		{ MPD_PATH_FILEACCESS_KEYS, 0700 },
	};
	struct stat st;
	const char *top = mpd_path(MPD_PATH_VARLIB);

	/* /var/lib/mpd belongs to the dev user (the spec's fixed paths) */
	if (stat(top, &st) != 0 || access(top, W_OK) != 0) {
		char owner[40];
		const char *argv[] = { MPD_SUDO_ARGV, "install", "-d", "-m",
		    "0755", "-o", owner, "-g", owner + 20, top, NULL };

		snprintf(owner, 20, "%u", (unsigned)l->ctx.vm.uid);
		snprintf(owner + 20, 20, "%u", (unsigned)l->ctx.vm.gid);
		if (run(argv, NULL, e) != 0)
			return -1;
		lc_changed(l, top);
	}
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		const char *d = mpd_path(dirs[i].id);

		if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
			continue;
		if (state_store_mkdirs(d, dirs[i].mode, e) != 0)
			return -1;
		lc_changed(l, d);
	}
	return 0;
}

static int
step_platform(struct lc *l, struct mpd_err *e)
{
	char suffix[MPD_PLATFORM_SUFFIX_MAX + 1];

	lc_step(l, "Platform");
	mpd_platform_suffix_from_hostname(l->ctx.vm.hostname, suffix);
	if (strcmp(suffix, l->ctx.vm.platform.instance_suffix) != 0) {
		if (mpd_platform_update_suffix(suffix, e) != 0)
			return -1;
		snprintf(l->ctx.vm.platform.instance_suffix,
		    sizeof l->ctx.vm.platform.instance_suffix, "%s", suffix);
		lc_changed(l, "platform.env instance suffix");
	}
	lc_ok(l, "%s, VM %s%s%s", mpd_platform_kind_name(l->ctx.vm.platform.kind),
	    l->ctx.vm.hostname, l->ctx.vm.platform.vm_ip[0] ? " at " : "",
	    l->ctx.vm.platform.vm_ip);
	return 0;
}

/* The VM's own SSH key, and that key in authorized_keys (fileaccess and
 * the runtimes accept the dev user's keys). */
static int
step_ssh_key(struct lc *l, struct mpd_err *e)
{
	char dir[PATH_MAX + 16], key[PATH_MAX + 48], pub[PATH_MAX + 48];
	char auth[PATH_MAX + 48];
	char *pubtext = NULL, *authtext = NULL;
	size_t publen = 0, authlen = 0;
	char comment[300];
	int rc = -1;

	snprintf(dir, sizeof dir, "%s/.ssh", l->ctx.vm.home);
	snprintf(key, sizeof key, "%s/id_ed25519", dir);
	snprintf(pub, sizeof pub, "%s/id_ed25519.pub", dir);
	snprintf(auth, sizeof auth, "%s/authorized_keys", dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return mpd_err_set(e, MPD_ERR_IO, "%s: %s", dir, strerror(errno));
	if (access(pub, R_OK) != 0) {
		const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519",
		    "-N", "", "-f", key, "-C", comment, NULL };

		snprintf(comment, sizeof comment, "mpd VM %s", l->ctx.vm.hostname);
		if (run(argv, NULL, e) != 0)
			return -1;
		lc_changed(l, "SSH key");
	}
	if (state_store_read(pub, 1 << 16, "", &pubtext, &publen, e) != 0 ||
	    pubtext == NULL)
		goto out;
	if (state_store_read(auth, 1 << 22, "", &authtext, &authlen, e) != 0)
		goto out;
	{
		/* match by key blob (type and base64), not by comment */
		char blob[1024];
		size_t n = strcspn(pubtext, " ");

		n += 1 + strcspn(pubtext + n + 1, " \n");
		snprintf(blob, sizeof blob, "%.*s", (int)n, pubtext);
		if (authtext == NULL || strstr(authtext, blob) == NULL) {
			size_t total = authlen + publen + 2;
			char *next = malloc(total);

			if (next == NULL) {
				mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
				goto out;
			}
			snprintf(next, total, "%s%s%s", authtext ? authtext : "",
			    authlen && authtext[authlen - 1] != '\n' ? "\n" : "",
			    pubtext);
			rc = state_store_write_atomic(auth, next, strlen(next),
			    0600, e);
			free(next);
			if (rc != 0)
				goto out;
			lc_changed(l, "authorized_keys");
		}
	}
	lc_ok(l, "SSH key %s", pub);
	rc = 0;
out:
	free(pubtext);
	free(authtext);
	return rc;
}

static int
step_config(struct lc *l, struct mpd_err *e)
{
	struct state_config cur = {0};
	char uid[16];
	int rc;

	snprintf(uid, sizeof uid, "%u", (unsigned)l->ctx.vm.uid);
	if (state_config_load(&cur, e) != 0)
		return -1;
	if (cur.uid != NULL && cur.user != NULL && strcmp(cur.uid, uid) == 0 &&
	    strcmp(cur.user, l->ctx.vm.user) == 0) {
		state_config_free(&cur);
		return 0;
	}
	state_config_free(&cur);
	rc = state_config_set(&(struct state_config){ .uid = uid,
	    .user = l->ctx.vm.user }, e);
	if (rc == 0)
		lc_changed(l, "config.json");
	return rc;
}

static int
step_ca(struct lc *l, struct mpd_err *e)
{
	int generated = 0;

	lc_step(l, "Certificates");
	if (lc_ca(l, &generated, e) != 0)
		return -1;
	if (generated)
		lc_changed(l, "CA generated");
	lc_ok(l, "CA %s (sha256 %.16s...)", generated ? "generated" : "kept",
	    l->ctx.vm.ca_fingerprint);
	return 0;
}

static int
step_trust(struct lc *l, struct mpd_err *e)
{
	struct certs_trust_env t;
	struct certs_trust_report r;
	char *ca = mpd_path_join(MPD_PATH_CAROOT, "rootCA.pem");
	int rc = -1;

	if (ca == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	certs_trust_env_default(&t);
	if (certs_trust_system(&t, ca, &r, e) != 0)
		goto out;
	if (r.status == CERTS_TRUST_INSTALLED)
		lc_changed(l, "CA trusted by the system");
	lc_ok(l, "system trust: %s", r.status == CERTS_TRUST_SKIPPED ?
	    r.note : r.status == CERTS_TRUST_INSTALLED ? "installed" : "in place");
	if (certs_trust_nss(&t, ca, &r, e) != 0)
		goto out;
	if (r.status == CERTS_TRUST_INSTALLED)
		lc_changed(l, "CA trusted by NSS");
	if (r.status == CERTS_TRUST_SKIPPED && r.note[0])
		lc_ok(l, "NSS: %s", r.note);
	if (certs_trust_firefox(&t, &r, e) != 0)
		goto out;
	if (r.status == CERTS_TRUST_INSTALLED)
		lc_changed(l, "Firefox policy");
	if (r.status == CERTS_TRUST_SKIPPED && r.note[0])
		lc_ok(l, "Firefox: %s", r.note);
	rc = 0;
out:
	free(ca);
	return rc;
}

/* systemd-resolved on the VM: send *.mpd.test to dnsmasq. */
static int
step_resolver(struct lc *l, struct mpd_err *e)
{
	static const char dropin[] =
	    "# written by mpd --setup: *.mpd.test goes to mpd's dnsmasq\n"
	    "[Resolve]\nDNS=" MPD_NET_DNS "\nDomains=~" MPD_ZONE "\n";
	char *cur = NULL;
	size_t len = 0;
	bool same;
	char tmp[] = "/tmp/mpd-resolved-XXXXXX";
	int fd;

	if (access(RESOLVED_RUNNING, F_OK) != 0) {
		lc_ok(l, "resolver: systemd-resolved is not running, no drop-in");
		return 0;
	}
	state_store_read(RESOLVED_DROPIN, 1 << 16, "", &cur, &len, NULL);
	same = cur != NULL && len == sizeof dropin - 1 &&
	    memcmp(cur, dropin, len) == 0;
	free(cur);
	if (same)
		return 0;
	fd = mkstemp(tmp);
	if (fd < 0 || write(fd, dropin, sizeof dropin - 1) !=
	    (ssize_t)(sizeof dropin - 1)) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return mpd_err_set(e, MPD_ERR_IO, "cannot write %s", tmp);
	}
	close(fd);
	{
		const char *mk[] = { MPD_SUDO_ARGV, "install", "-d", "-m", "0755",
		    "/etc/systemd/resolved.conf.d", NULL };
		const char *in[] = { MPD_SUDO_ARGV, "install", "-m", "0644", tmp,
		    RESOLVED_DROPIN, NULL };
		const char *reload[] = { MPD_SUDO_ARGV, "systemctl", "reload",
		    "systemd-resolved", NULL };
		int rc = run(mk, NULL, e) || run(in, NULL, e) ||
		    run(reload, NULL, e) ? -1 : 0;

		unlink(tmp);
		if (rc != 0)
			return -1;
	}
	lc_changed(l, "resolver drop-in");
	lc_ok(l, "resolver: *." MPD_ZONE " -> " MPD_NET_DNS);
	return 0;
}

static int
step_podman(struct lc *l, struct mpd_err *e)
{
	bool net = false, vol = false;

	lc_step(l, "Podman");
	if (podman_network_ensure(&net, e) != 0 ||
	    podman_volume_ensure(&vol, e) != 0)
		return -1;
	if (net)
		lc_changed(l, "network mpd-internal");
	if (vol)
		lc_changed(l, "volume " MPD_VOLUME_NAME);
	lc_ok(l, "network " MPD_NET_NAME ", volume " MPD_VOLUME_NAME);
	return 0;
}

/* Empty state files and the mpd-vm.env template, each only when absent. */
static int
step_seeds(struct lc *l, struct mpd_err *e)
{
	char *tmpl = NULL, *text = NULL;
	size_t len = 0;
	int rc = 0;
	bool written;

	if (state_projects_seed(&written, e) != 0)
		return -1;
	if (written)
		lc_changed(l, "projects.json");
	if (access(mpd_path(MPD_PATH_DATABASES_JSON), F_OK) != 0) {
		struct state_database_list none = {0};

		if (state_databases_set(&none, e) != 0)
			return -1;
		lc_changed(l, "databases.json");
	}
	if (access(mpd_path(MPD_PATH_VM_ENV), F_OK) == 0)
		return 0;	/* the developer's file: never overwritten */
	tmpl = mpd_path_join(MPD_PATH_ASSETS, "templates/mpd-vm.env");
	if (tmpl == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	if (state_store_read(tmpl, 1 << 20, "", &text, &len, e) != 0 ||
	    text == NULL) {
		rc = text == NULL ? mpd_err_set(e, MPD_ERR_FAIL,
		    "%s is missing: reinstall mpd's assets", tmpl) : -1;
	} else if (state_store_write_atomic(mpd_path(MPD_PATH_VM_ENV), text,
	    len, STATE_FILE_MODE, e) == 0) {
		lc_changed(l, "mpd-vm.env");
	} else {
		rc = -1;
	}
	free(tmpl);
	free(text);
	return rc;
}

static int
step_services(struct lc *l, struct mpd_err *e)
{
	unsigned issued = l->ctx.certs.issued;

	lc_step(l, "Services");
	if (services_ensure(&l->ctx.reg, &l->ctx.vm.input, &l->rep, &l->ps, e) != 0)
		return -1;
	if (l->ctx.certs.issued != issued)
		lc_changed(l, "service certificates");
	lc_report_services(l);
	return lc_publish(l, e);
}

/* Shell completion: the forwarders from assets/completions/ where bash
 * (bash-completion's per-user directory, loaded on demand: no rc edit)
 * and zsh (a site-functions directory plus one fpath line in ~/.zshrc,
 * only when the user has a ~/.zshrc) find them.  Written when changed. */
static int
step_completion(struct lc *l, struct mpd_err *e)
{
	static const struct {
		const char *asset, *dir, *file;
	} shims[] = {
		{ "completions/mpd.bash", ".local/share/bash-completion/completions", "mpd" },
		{ "completions/_mpd", ".local/share/zsh/site-functions", "_mpd" },
	};
	static const char zsh_line[] =
	    "fpath=(~/.local/share/zsh/site-functions $fpath)  # mpd completion\n";
	char dir[PATH_MAX + 64], path[PATH_MAX + 96], zshrc[PATH_MAX + 16];
	char *text = NULL;
	size_t len = 0;
	bool changed;

	lc_step(l, "Shell");
	for (size_t i = 0; i < sizeof shims / sizeof shims[0]; i++) {
		char *src = mpd_path_join(MPD_PATH_ASSETS, shims[i].asset);

		if (src == NULL)
			return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		text = NULL;
		if (state_store_read(src, 1 << 20, "", &text, &len, e) != 0 ||
		    text == NULL) {
			if (text == NULL)
				mpd_err_set(e, MPD_ERR_FAIL,
				    "%s is missing: reinstall mpd's assets", src);
			free(src);
			return -1;
		}
		free(src);
		snprintf(dir, sizeof dir, "%s/%s", l->ctx.vm.home, shims[i].dir);
		snprintf(path, sizeof path, "%s/%s", dir, shims[i].file);
		if (state_store_mkdirs(dir, 0755, e) != 0 ||
		    state_store_write_if_changed(path, text, len, 0644,
		    &changed, e) != 0) {
			free(text);
			return -1;
		}
		free(text);
		if (changed)
			lc_changed(l, shims[i].file);
	}
	snprintf(zshrc, sizeof zshrc, "%s/.zshrc", l->ctx.vm.home);
	text = NULL;
	if (access(zshrc, F_OK) == 0 &&
	    state_store_read(zshrc, 1 << 22, "", &text, &len, e) == 0 &&
	    text != NULL && strstr(text, "# mpd completion") == NULL) {
		size_t n = len + sizeof zsh_line + 1;
		char *next = malloc(n);

		if (next == NULL) {
			free(text);
			return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		}
		snprintf(next, n, "%s%s%s", text,
		    len && text[len - 1] != '\n' ? "\n" : "", zsh_line);
		if (state_store_write_atomic(zshrc, next, strlen(next), 0644,
		    e) != 0) {
			free(next);
			free(text);
			return -1;
		}
		free(next);
		lc_changed(l, ".zshrc fpath");
	}
	free(text);
	lc_ok(l, "shell completion: bash and zsh (mpd --complete)");
	return 0;
}

/* ~/.config/systemd/user/mpd.service: --start at boot, --stop at
 * shutdown.  Enabling needs the user's systemd; where there is none (a
 * container, CI), the unit is written and the step says so. */
static int
step_unit(struct lc *l, struct mpd_err *e)
{
	char dir[PATH_MAX + 32], path[PATH_MAX + 48], unit[2 * PATH_MAX + 512];
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	bool changed = false;
	char linger[PATH_MAX];

	lc_step(l, "Boot integration");
	if (n <= 0)
		return mpd_err_set(e, MPD_ERR_IO, "cannot resolve /proc/self/exe");
	self[n] = '\0';
	snprintf(dir, sizeof dir, "%s/.config/systemd/user", l->ctx.vm.home);
	snprintf(path, sizeof path, "%s/mpd.service", dir);
	snprintf(unit, sizeof unit,
	    "# written by mpd --setup\n"
	    "[Unit]\nDescription=mpd: services and runtimes\n"
	    "After=network-online.target\n\n"
	    "[Service]\nType=oneshot\nRemainAfterExit=yes\n"
	    "ExecStart=%s --start\nExecStop=%s --stop\n"
	    "Environment=%s=1\nTimeoutStartSec=600\n\n"
	    "[Install]\nWantedBy=default.target\n", self, self,
	    MPD_NO_POWEROFF_ENV);
	if (state_store_mkdirs(dir, 0755, e) != 0 ||
	    state_store_write_if_changed(path, unit, strlen(unit), 0644,
	    &changed, e) != 0)
		return -1;
	if (changed)
		lc_changed(l, "systemd user unit");
	if (getenv("XDG_RUNTIME_DIR") != NULL && in_path("systemctl")) {
		const char *reload[] = { "systemctl", "--user", "daemon-reload", NULL };
		const char *enable[] = { "systemctl", "--user", "enable", "mpd.service", NULL };

		if (changed && (run(reload, NULL, e) != 0 ||
		    run(enable, NULL, e) != 0))
			return -1;
		lc_ok(l, "systemd user unit %s (enabled)", path);
	} else {
		lc_ok(l, "systemd user unit %s (no user systemd here: not enabled)",
		    path);
	}
	snprintf(linger, sizeof linger, "/var/lib/systemd/linger/%s", l->ctx.vm.user);
	if (access("/var/lib/systemd/linger", F_OK) == 0 &&
	    access(linger, F_OK) != 0) {
		const char *argv[] = { MPD_SUDO_ARGV, "loginctl", "enable-linger",
		    l->ctx.vm.user, NULL };

		if (run(argv, NULL, e) != 0)
			return -1;
		lc_changed(l, "linger");
	}
	return 0;
}

static int
setup(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e)
{
	unsigned long calls0;

	if (!o->json)
		printf("\033[1mmpd --setup\033[0m\n");
	if (lc_open(l, o, e) != 0)
		return -1;
	calls0 = podman_call_count();
	if (step_preflight(l, o, e) != 0 || step_dirs(l, e) != 0 ||
	    step_platform(l, e) != 0 || step_ssh_key(l, e) != 0 ||
	    step_config(l, e) != 0 || step_ca(l, e) != 0 ||
	    step_trust(l, e) != 0 || step_resolver(l, e) != 0 ||
	    step_podman(l, e) != 0 || step_seeds(l, e) != 0 ||
	    step_services(l, e) != 0 || step_completion(l, e) != 0 ||
	    step_unit(l, e) != 0 ||
	    lc_check_hooks(l, false, e) != 0 ||
	    lc_refresh_current(l, e) != 0)
		return -1;
	if (!l->json) {
		printf("\n");
		if (l->changes == 0) {
			printf("\xe2\x9c\x93 mpd --setup: everything was already in place; nothing changed (%lu podman calls)\n",
			    podman_call_count() - calls0);
		} else {
			printf("\xe2\x9c\x93 mpd --setup: done; changed:");
			for (int i = 0; i < l->n_changed; i++)
				printf("%s %s", i ? "," : "", l->changed[i]);
			printf(" (%lu podman calls)\n", podman_call_count() - calls0);
		}
		printf("Portal: https://mpd.test/\n");
	}
	return 0;
}

int
lifecycle_setup(const struct lifecycle_opts *o, struct mpd_err *e)
{
	return lc_run(setup, o, e);
}
