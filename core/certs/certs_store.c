/*
 * certs_store.c - the certificate files on disk (layout in certs_store.h).
 */
#include "certs_store.h"

#include "paths.h"
#include "state_store.h"
#include "strv.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
certs_store_ca_cert_path(void)
{
	return mpd_path_join(MPD_PATH_CAROOT, "rootCA.pem");
}

char *
certs_store_ca_key_path(void)
{
	return mpd_path_join(MPD_PATH_CAROOT, "rootCA-key.pem");
}

int
certs_store_label_check(const char *label, struct mpd_err *e)
{
	size_t n;

	if (label == NULL || *label == '\0')
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "a certificate label is required");
	n = strlen(label);
	if (n > 63 || strcmp(label, CERTS_LABEL_CA) == 0)
		goto bad;
	if (!((label[0] >= 'a' && label[0] <= 'z') ||
	    (label[0] >= '0' && label[0] <= '9')))
		goto bad;
	for (size_t i = 0; i < n; i++) {
		char c = label[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			goto bad;
	}
	return 0;
bad:
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "certificate label '%s' is invalid: use 1-63 lowercase letters, "
	    "digits, '-' and '_', starting with a letter or digit (\"ca\" is "
	    "reserved)", label);
}

char *
certs_store_join(const char *dir, const char *file)
{
	char *s;

	if (asprintf(&s, "%s/%s", dir, file) < 0)
		return NULL;
	return s;
}

int
certs_store_leaf_remove(const char *label, struct mpd_err *e)
{
	static const char *const files[] = { "cert.pem", "key.pem" };
	char *dir;
	int rc = 0;

	if (strcmp(label, CERTS_LABEL_SERVICES) == 0)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "the services certificate is not removed");
	if ((dir = certs_store_leaf_dir(label, e)) == NULL)
		return -1;
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		char *f = certs_store_join(dir, files[i]);

		if (f == NULL)
			rc = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		else if (unlink(f) != 0 && errno != ENOENT)
			rc = mpd_err_set(e, MPD_ERR_IO, "cannot remove %s: %s",
			    f, strerror(errno));
		free(f);
	}
	if (rc == 0 && rmdir(dir) != 0 && errno != ENOENT)
		rc = mpd_err_set(e, MPD_ERR_IO, "cannot remove %s: %s", dir,
		    strerror(errno));
	free(dir);
	return rc;
}

char *
certs_store_leaf_dir(const char *label, struct mpd_err *e)
{
	char *dir, *tail;

	if (certs_store_label_check(label, e) != 0)
		return NULL;
	if (strcmp(label, CERTS_LABEL_SERVICES) == 0)
		dir = strdup(mpd_path(MPD_PATH_SERVICE_CERTS));
	else {
		if (asprintf(&tail, "certs/%s", label) < 0) {
			mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			return NULL;
		}
		dir = mpd_path_join(MPD_PATH_CONF, tail);
		free(tail);
	}
	if (dir == NULL)
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	return dir;
}

char **
certs_store_leaf_labels(struct mpd_err *e)
{
	struct strv b = STRV_INIT;
	struct dirent *de;
	char *root;
	char **v;
	DIR *d;

	root = mpd_path_join(MPD_PATH_CONF, "certs");
	if (root == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		return NULL;
	}
	d = opendir(root);
	if (d == NULL && errno != ENOENT) {
		mpd_err_set(e, MPD_ERR_IO, "cannot list %s: %s", root,
		    strerror(errno));
		free(root);
		return NULL;
	}
	while (d != NULL && (de = readdir(d)) != NULL) {
		struct stat st;
		char *cert;

		if (certs_store_label_check(de->d_name, NULL) != 0)
			continue;
		if (asprintf(&cert, "%s/%s/cert.pem", root, de->d_name) < 0) {
			strv_reset(&b);
			closedir(d);
			free(root);
			mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			return NULL;
		}
		if (stat(cert, &st) == 0 && S_ISREG(st.st_mode))
			strv_push(&b, de->d_name);
		free(cert);
	}
	if (d != NULL)
		closedir(d);
	free(root);
	v = strv_take(&b);
	if (v == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		return NULL;
	}
	strv_sort(v, strv_len(strv_const(v)));
	return v;
}

int
certs_store_tighten(const char *path, mode_t mode, struct mpd_err *e)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return mpd_err_set(e, MPD_ERR_IO, "cannot stat %s: %s", path,
		    strerror(errno));
	if ((st.st_mode & 07777) == mode)
		return 0;
	if (chmod(path, mode) != 0)
		return mpd_err_set(e, MPD_ERR_IO, "cannot chmod %o %s: %s",
		    (unsigned)mode, path, strerror(errno));
	return 1;
}

int
certs_store_dir(const char *dir, mode_t mode, struct mpd_err *e)
{
	if (state_store_mkdirs(dir, mode, e) != 0)
		return -1;
	return certs_store_tighten(dir, mode, e) < 0 ? -1 : 0;
}

int
certs_store_read(const char *path, char **buf, size_t *len,
    struct mpd_err *e)
{
	return state_store_read(path, CERTS_PEM_MAX,
	    "a PEM file should be a few kilobytes", buf, len, e);
}

int
certs_store_write(const char *path, const void *data, size_t len,
    mode_t mode, struct mpd_err *e)
{
	char *copy, *dir;
	int rc;

	copy = strdup(path);
	if (copy == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	dir = dirname(copy);
	rc = access(dir, F_OK) == 0 ? 0 :
	    certs_store_dir(dir, CERTS_DIR_MODE, e);
	free(copy);
	if (rc != 0)
		return -1;
	return state_store_write_atomic(path, data, len, mode, e);
}
