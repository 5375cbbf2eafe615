/* platform.c - platform.env reader and writer (see platform.h). */
#include "platform.h"

#include "state_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "envfile.h"
#include "names.h"
#include "paths.h"
#include "printable.h"

static const char *const managed_keys[] = {
	"MPD_PLATFORM", "MPD_VM_IP", "MPD_INSTANCE_SUFFIX", NULL
};

static const char suffix_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";

const char *
mpd_platform_kind_name(enum mpd_platform_kind kind)
{
	return kind == MPD_PLATFORM_SANDBOX ? "sandbox" : "machine";
}

bool
mpd_platform_ipv4_valid(const char *s)
{
	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		int digits = 0;

		if (part > 0 && *s++ != '.')
			return false;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255 ||
		    (digits > 1 && s[-digits] == '0'))
			return false;
	}
	return *s == '\0';
}

bool
mpd_platform_suffix_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0)
		return true;
	return s[0] == '-' && n >= 2 && n <= MPD_PLATFORM_SUFFIX_MAX &&
	    strspn(s, suffix_chars) == n;
}

void
mpd_platform_suffix_from_hostname(const char *hostname,
    char out[MPD_PLATFORM_SUFFIX_MAX + 1])
{
	size_t n;

	out[0] = '\0';
	if (hostname == NULL || strncmp(hostname, "mpd-", 4) != 0)
		return;
	n = strcspn(hostname + 4, ".");
	if (n == 0 || n + 1 > MPD_PLATFORM_SUFFIX_MAX ||
	    strspn(hostname + 4, suffix_chars) < n)
		return;
	out[0] = '-';
	memcpy(out + 1, hostname + 4, n);
	out[n + 1] = '\0';
}

static bool
is_managed(const char *key, size_t n)
{
	for (const char *const *k = managed_keys; *k != NULL; k++)
		if (strlen(*k) == n && memcmp(*k, key, n) == 0)
			return true;
	return false;
}

/* The three values from a parsed file, validated. */
static int
platform_from_env(const struct mpd_env *env, const char *path,
    struct mpd_platform *out, struct mpd_err *e)
{
	const char *kind = mpd_env_get(env, "MPD_PLATFORM");
	const char *ip = mpd_env_get(env, "MPD_VM_IP");
	const char *suffix = mpd_env_get(env, "MPD_INSTANCE_SUFFIX");
	char shown[80];

	memset(out, 0, sizeof *out);
	if (kind == NULL)
		return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: MPD_PLATFORM is "
		    "missing (allowed: machine, sandbox)", path);
	if (strcmp(kind, "machine") == 0 || strcmp(kind, "managed") == 0)
		out->kind = MPD_PLATFORM_MACHINE;
	else if (strcmp(kind, "sandbox") == 0)
		out->kind = MPD_PLATFORM_SANDBOX;
	else
		return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: MPD_PLATFORM='%s' "
		    "is invalid (allowed: machine, sandbox)", path,
		    mpd_printable(kind, shown, sizeof shown));
	if (ip != NULL && *ip != '\0' && !mpd_platform_ipv4_valid(ip))
		return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: MPD_VM_IP='%s' is "
		    "not an IPv4 address (use a dotted quad such as "
		    "10.211.55.159, or leave it empty)", path,
		    mpd_printable(ip, shown, sizeof shown));
	if (suffix != NULL && !mpd_platform_suffix_valid(suffix))
		return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: "
		    "MPD_INSTANCE_SUFFIX='%s' is invalid (use empty, or a dash "
		    "then letters, digits and dashes, e.g. -161)", path,
		    mpd_printable(suffix, shown, sizeof shown));
	snprintf(out->vm_ip, sizeof out->vm_ip, "%s", ip != NULL ? ip : "");
	snprintf(out->instance_suffix, sizeof out->instance_suffix, "%s",
	    suffix != NULL ? suffix : "");
	return 0;
}

int
mpd_platform_load(struct mpd_platform *out, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_PLATFORM_ENV);
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err local = {0};
	int r;

	memset(out, 0, sizeof *out);
	if (mpd_envfile_load(path, &env, false, &local) != 0) {
		if (local.code == MPD_ERR_NOTFOUND)
			return mpd_err_set(e, MPD_ERR_NOTFOUND, "platform.env not "
			    "found at %s: it is written before `mpd --setup` by "
			    "mpd-virt (mpd VM) or by "
			    "setup/sandbox/take-over-sandbox-vm.sh (sandbox)",
			    path);
		if (e != NULL)
			*e = local;
		return -1;
	}
	r = platform_from_env(&env, path, out, e);
	mpd_env_free(&env);
	return r;
}

static int
check_input(const struct mpd_platform *p, const char *path, struct mpd_err *e)
{
	char shown[80];

	if (p->kind != MPD_PLATFORM_MACHINE && p->kind != MPD_PLATFORM_SANDBOX)
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: unknown "
		    "platform kind %d (allowed: machine, sandbox)", path,
		    (int)p->kind);
	if (memchr(p->vm_ip, '\0', sizeof p->vm_ip) == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: "
		    "MPD_VM_IP is longer than an IPv4 address", path);
	if (memchr(p->instance_suffix, '\0', sizeof p->instance_suffix) ==
	    NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: "
		    "MPD_INSTANCE_SUFFIX is longer than %d characters", path,
		    MPD_PLATFORM_SUFFIX_MAX);
	if (p->vm_ip[0] != '\0' && !mpd_platform_ipv4_valid(p->vm_ip))
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: "
		    "MPD_VM_IP='%s' is not an IPv4 address (use a dotted quad "
		    "such as 10.211.55.159, or empty)", path,
		    mpd_printable(p->vm_ip, shown, sizeof shown));
	if (!mpd_platform_suffix_valid(p->instance_suffix))
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: "
		    "MPD_INSTANCE_SUFFIX='%s' is invalid (use empty, or a dash "
		    "then letters, digits and dashes, e.g. -161)", path,
		    mpd_printable(p->instance_suffix, shown, sizeof shown));
	return 0;
}

/* Append the old file's unmanaged MPD_* lines, verbatim, to f. */
static void
copy_foreign_lines(FILE *f, const char *text, size_t len)
{
	bool header = false;
	size_t pos = 0;

	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - pos;
		size_t k = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

		pos += n + (nl != NULL);
		if (k < 5 || k >= n || strncmp(s, "MPD_", 4) != 0 ||
		    s[k] != '=' || is_managed(s, k))
			continue;
		if (!header)
			fputs("\n# Other keys, preserved verbatim (written by "
			    "bootstrap scripts):\n", f);
		header = true;
		fwrite(s, 1, n, f);
		fputc('\n', f);
	}
}

int
mpd_platform_write(const struct mpd_platform *p, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_PLATFORM_ENV);
	struct mpd_env old = MPD_ENV_INIT;
	struct mpd_err local = {0};
	char *text = NULL, *out = NULL;
	size_t len = 0, outlen = 0;
	mode_t mode = 0644;
	FILE *f;
	int r = -1;

	if (check_input(p, path, e) != 0)
		return -1;
	if (mpd_envfile_read(path, &text, &len, &mode, &local) != 0) {
		if (local.code != MPD_ERR_NOTFOUND) {
			if (e != NULL)
				*e = local;
			return -1;
		}
		text = NULL;
		len = 0;
	}
	/* refuse to carry a corrupt file forward */
	if (text != NULL && mpd_envfile_parse(text, len, path, &old, e) != 0)
		goto out;
	if ((f = open_memstream(&out, &outlen)) == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	fprintf(f, "# mpd platform identity: written by setup, read at "
	    "runtime.\n"
	    "# Lives under /var/lib/mpd/conf/.\n"
	    "MPD_PLATFORM=%s\n"
	    "MPD_VM_IP=%s\n"
	    "# Disambiguates concurrent VMs: derived from the VM hostname "
	    "(mpd-<X>)\n"
	    "# at mpd --setup; edit to override (the next --setup writes it "
	    "again).\n"
	    "MPD_INSTANCE_SUFFIX=%s\n", mpd_platform_kind_name(p->kind),
	    p->vm_ip, p->instance_suffix);
	if (text != NULL)
		copy_foreign_lines(f, text, len);
	if (fclose(f) != 0 || out == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	r = state_store_write_atomic(path, out, outlen, mode, e);
out:
	mpd_env_free(&old);
	free(text);
	free(out);
	return r;
}

int
mpd_platform_update_suffix(const char *suffix, struct mpd_err *e)
{
	struct mpd_platform p;

	if (mpd_platform_load(&p, e) != 0)
		return -1;
	if (strlen(suffix) >= sizeof p.instance_suffix ||
	    !mpd_platform_suffix_valid(suffix)) {
		char shown[80];

		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: "
		    "MPD_INSTANCE_SUFFIX='%s' is invalid (use empty, or a dash "
		    "then letters, digits and dashes, e.g. -161)",
		    mpd_path(MPD_PATH_PLATFORM_ENV),
		    mpd_printable(suffix, shown, sizeof shown));
	}
	memcpy(p.instance_suffix, suffix, strlen(suffix) + 1);
	return mpd_platform_write(&p, e);
}
