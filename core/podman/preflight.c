/* preflight.c - the host tools `mpd --setup` needs (see preflight.h). */
#include "preflight.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preflight_tools.h"	/* generated from bootstrap/packages.txt */

#define N_TOOLS (sizeof preflight_tools / sizeof preflight_tools[0])

/* Debian's sudo secure_path: where root's commands are found. */
static const char *const root_dirs[] = {
	"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin",
	"/bin",
};

const char *
preflight_release(const char *os_release, char *buf, size_t n)
{
	static const char key[] = "VERSION_CODENAME=";
	const char *p = os_release;
	size_t len;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, sizeof key - 1) == 0) {
			p += sizeof key - 1;
			if (*p == '"' || *p == '\'')
				p++;
			len = strcspn(p, "\"'\n");
			if (len == 0 || len >= n)
				return NULL;
			memcpy(buf, p, len);
			buf[len] = '\0';
			return buf;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

const char *
preflight_rows_for(const char *release)
{
	for (size_t i = 0; release != NULL && preflight_releases[i]; i++)
		if (strcmp(preflight_releases[i], release) == 0)
			return preflight_releases[i];
	return PREFLIGHT_TARGET_RELEASE;
}

static bool
executable(const char *root, const char *dir, size_t dirlen, const char *name)
{
	char buf[PATH_MAX];
	struct stat st;
	int n = snprintf(buf, sizeof buf, "%s%.*s/%s", root, (int)dirlen, dir,
	    name);

	return n > 0 && (size_t)n < sizeof buf && stat(buf, &st) == 0 &&
	    S_ISREG(st.st_mode) && access(buf, X_OK) == 0;
}

static bool
found(const char *program, const char *path, const char *root)
{
	if (program[0] == '/')
		return executable(root, "", 0, program + 1);
	while (path != NULL && *path != '\0') {
		size_t n = strcspn(path, ":");

		/* an empty entry is the current directory: never for root */
		if (n > 0 && path[0] == '/' && executable("", path, n, program))
			return true;
		path += n + (path[n] == ':');
	}
	for (size_t i = 0; i < sizeof root_dirs / sizeof root_dirs[0]; i++)
		if (executable(root, root_dirs[i], strlen(root_dirs[i]),
		    program))
			return true;
	return false;
}

int
preflight_host_tools(const char *release, const char *path,
		     const char *host_root, struct mpd_err *e)
{
	const char *use = preflight_rows_for(release);
	const char *root = host_root != NULL ? host_root : "";
	bool missing[N_TOOLS];
	char what[MPD_ERR_MSG_MAX], pkgs[MPD_ERR_MSG_MAX];
	size_t wl = 0, pl = 0;
	int n = 0, n_missing = 0;

	for (size_t i = 0; i < N_TOOLS; i++) {
		const struct preflight_tool *t = &preflight_tools[i];

		missing[i] = (strcmp(t->release, "*") == 0 ||
		    strcmp(t->release, use) == 0) &&
		    !found(t->program, path, root);
		n_missing += missing[i];
	}
	for (size_t i = 0; i < N_TOOLS; i++) {
		const struct preflight_tool *t = &preflight_tools[i];

		if (!missing[i])
			continue;
		/* why each is needed while that fits one line */
		if (n_missing <= 2)
			wl += (size_t)snprintf(what + wl, sizeof what - wl,
			    "%s%s (%s)", n ? ", " : "", t->program, t->why);
		else
			wl += (size_t)snprintf(what + wl, sizeof what - wl,
			    "%s%s", n ? ", " : "", t->program);
		if (wl >= sizeof what)
			wl = sizeof what - 1;
		n++;
		/* each package once */
		for (size_t j = 0; j < i; j++)
			if (missing[j] && strcmp(preflight_tools[j].package,
			    t->package) == 0)
				goto next;
		pl += (size_t)snprintf(pkgs + pl, sizeof pkgs - pl, " %s",
		    t->package);
		if (pl >= sizeof pkgs)
			pl = sizeof pkgs - 1;
next:		;
	}
	if (n == 0)
		return 0;
	return mpd_err_set(e, MPD_ERR_FAIL,
	    "missing host tools for podman (Debian %s%s%s): %s. Install: sudo "
	    "apt-get install%s", release != NULL ? release : "of unknown release",
	    release == NULL || strcmp(release, use) != 0 ? ", checked as " : "",
	    release == NULL || strcmp(release, use) != 0 ? use : "", what, pkgs);
}

int
preflight_check(const char *os_release, struct mpd_err *e)
{
	char rel[64];
	const char *root = getenv(MPD_TEST_HOST_ROOT_ENV);

	return preflight_host_tools(preflight_release(os_release, rel,
	    sizeof rel), getenv("PATH"), root, e);
}
