/* images.c - mpd's images: base reference, inputs hash, build when stale
 * (see images.h). */
#include "images.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>
#include <json-c/json.h>

#include "jsonfile.h"
#include "log.h"
#include "paths.h"
#include "podman.h"
#include "podman_check.h"
#include "podman_names.h"

#define INPUTS_FORMAT	"mpd-image-inputs-v1"

/* ---- the base reference from mpd.ini ------------------------------------ */

struct ini_base {
	const char *key;	/* the key wanted: "base" or "base_<release>" */
	char	*base;
	char	 bad[160];	/* why the callback stopped, if it did */
	int	 nomem;
};

/* "base" or "base_<release>" with a release [a-z]+ */
static int
is_base_key(const char *name)
{
	size_t n = strlen(MPD_IMAGES_INI_BASE);

	if (strncmp(name, MPD_IMAGES_INI_BASE, n) != 0)
		return 0;
	if (name[n] == '\0')
		return 1;
	if (name[n] != '_' || name[n + 1] == '\0')
		return 0;
	for (const char *c = name + n + 1; *c; c++)
		if (*c < 'a' || *c > 'z')
			return 0;
	return 1;
}

static int
on_ini(void *user, const char *section, const char *name, const char *value)
{
	struct ini_base *b = user;

	if (strcmp(section, MPD_IMAGES_INI_SECTION) != 0)
		return 1;
	if (!is_base_key(name)) {
		snprintf(b->bad, sizeof b->bad, "unknown key '%.64s'", name);
		return 0;
	}
	if (strcmp(name, b->key) != 0)
		return 1;
	if (b->base != NULL) {
		snprintf(b->bad, sizeof b->bad, "'%s' is set twice", name);
		return 0;
	}
	if ((b->base = strdup(value)) == NULL) {
		b->nomem = 1;
		return 0;
	}
	return 1;
}

/* The default of `key`: MPD_IMAGES_DEFAULT_BASE for "base", the base
 * image bootstrap/base-image.sh makes for "base_<release>". */
static char *
default_base(const char *release)
{
	char buf[128];

	if (release == NULL)
		return strdup(MPD_IMAGES_DEFAULT_BASE);
	snprintf(buf, sizeof buf, MPD_IMAGES_RELEASE_BASE "%s", release);
	return strdup(buf);
}

int
images_base_ref(char **out, struct mpd_err *e)
{
	return images_base_ref_for(NULL, out, e);
}

int
images_base_ref_for(const char *release, char **out, struct mpd_err *e)
{
	const char *ini = mpd_path(MPD_PATH_MPD_INI);
	char key[64];
	struct ini_base b = { .key = key, .base = NULL };
	FILE *f;
	int rc;

	*out = NULL;
	if (release != NULL) {
		snprintf(key, sizeof key, "%s_%.40s", MPD_IMAGES_INI_BASE,
		    release);
		if (strlen(release) > 40 || !is_base_key(key))
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "release '%s': releases are lowercase words "
			    "(bookworm, trixie)", release);
	} else {
		snprintf(key, sizeof key, "%s", MPD_IMAGES_INI_BASE);
	}
	if ((f = fopen(ini, "r")) == NULL) {
		if (errno != ENOENT)
			return mpd_err_set(e, MPD_ERR_IO,
			    "cannot read %s: %s: make it readable or remove it",
			    ini, strerror(errno));
		*out = default_base(release);
		return *out ? 0 : mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	rc = ini_parse_file(f, on_ini, &b);
	fclose(f);
	if (b.nomem || rc == -2) {
		free(b.base);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	if (rc != 0) {
		free(b.base);
		if (b.bad[0] != '\0')
			return mpd_err_set(e, MPD_ERR_CORRUPT,
			    "%s:%d: [%s] %s: the section takes '%s = IMAGE' "
			    "(the base mpd's images are built FROM) and "
			    "'%s_<release> = IMAGE' (the base of a release's "
			    "images, e.g. %s_bookworm)", ini, rc,
			    MPD_IMAGES_INI_SECTION, b.bad, MPD_IMAGES_INI_BASE,
			    MPD_IMAGES_INI_BASE, MPD_IMAGES_INI_BASE);
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "%s:%d: not an INI line (expected [section] or "
		    "key = value); fix the file", ini, rc);
	}
	if (b.base == NULL) {
		*out = default_base(release);
		return *out ? 0 : mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	if (podman_check_image(b.base, e) != 0) {
		free(b.base);
		return mpd_err_prefix(e, "%s: [%s] %s", ini,
				      MPD_IMAGES_INI_SECTION, key);
	}
	*out = b.base;
	return 0;
}

/* ---- references ------------------------------------------------------------ */

/* The first path component names a registry ("quay.io/", "host:5000/",
 * "localhost/"). */
static int
has_domain(const char *r)
{
	const char *slash = strchr(r, '/');
	size_t n;

	if (slash == NULL)
		return 0;
	n = (size_t)(slash - r);
	return memchr(r, '.', n) != NULL || memchr(r, ':', n) != NULL ||
	    (n == 9 && strncmp(r, "localhost", 9) == 0);
}

/* The last path component carries a tag, or the reference a digest. */
static int
has_tag(const char *r)
{
	const char *last = strrchr(r, '/');

	return strchr(last ? last + 1 : r, ':') != NULL ||
	    strchr(r, '@') != NULL;
}

int
images_ref_matches(const char *ref, const char *name)
{
	char full[600], cand[700];

	if (ref == NULL || name == NULL || *ref == '\0')
		return 0;
	if (strcmp(ref, name) == 0)
		return 1;
	snprintf(full, sizeof full, "%s%s", ref, has_tag(ref) ? "" : ":latest");
	if (strcmp(full, name) == 0)
		return 1;
	if (has_domain(ref))
		return 0;
	snprintf(cand, sizeof cand, "localhost/%s", full);
	if (strcmp(cand, name) == 0)
		return 1;
	snprintf(cand, sizeof cand, strchr(full, '/') ? "docker.io/%s" :
		 "docker.io/library/%s", full);
	return strcmp(cand, name) == 0;
}

/* ---- the inputs hash ------------------------------------------------------- */

struct entry {
	char	*rel;	/* path relative to the context */
	mode_t	 mode;	/* from lstat */
};

struct walk {
	const char	*root;
	struct entry	*v;
	size_t		 n, cap;
};

static void
walk_free(struct walk *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].rel);
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}

static int
walk_push(struct walk *w, char *rel, mode_t mode, struct mpd_err *e)
{
	if (w->n >= MPD_IMAGES_MAX_ENTRIES) {
		free(rel);
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "build context %s has more than %d entries: keep only "
		    "what the image needs there", w->root,
		    MPD_IMAGES_MAX_ENTRIES);
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct entry *v = realloc(w->v, cap * sizeof *v);

		if (v == NULL) {
			free(rel);
			return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		}
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n].rel = rel;
	w->v[w->n].mode = mode;
	w->n++;
	return 0;
}

/* Every entry under root/rel (rel NULL: the root itself), recursively. */
static int
walk_dir(struct walk *w, const char *rel, struct mpd_err *e)
{
	char path[PATH_MAX];
	struct dirent *d;
	DIR *dir;
	int rc = 0;

	if (snprintf(path, sizeof path, "%s%s%s", w->root, rel ? "/" : "",
		     rel ? rel : "") >= (int)sizeof path)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "path too long in build context %s", w->root);
	if ((dir = opendir(path)) == NULL)
		return mpd_err_set(e, MPD_ERR_IO,
		    "cannot read the build context directory %s: %s", path,
		    strerror(errno));
	while (rc == 0 && (errno = 0, d = readdir(dir)) != NULL) {
		char child[PATH_MAX], *copy;
		struct stat st;

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (snprintf(child, sizeof child, "%s/%s", path, d->d_name) >=
		    (int)sizeof child) {
			rc = mpd_err_set(e, MPD_ERR_INPUT,
			    "path too long in build context %s", w->root);
			break;
		}
		if (lstat(child, &st) != 0) {
			rc = mpd_err_set(e, MPD_ERR_IO, "cannot stat %s: %s",
					 child, strerror(errno));
			break;
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) &&
		    !S_ISLNK(st.st_mode)) {
			rc = mpd_err_set(e, MPD_ERR_INPUT,
			    "%s is not a file, directory or symlink: remove "
			    "it from the build context", child);
			break;
		}
		copy = child + strlen(w->root) + 1;
		if ((copy = strdup(copy)) == NULL) {
			rc = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			break;
		}
		if (walk_push(w, copy, st.st_mode, e) != 0) {
			rc = -1;
			break;
		}
		if (S_ISDIR(st.st_mode))
			rc = walk_dir(w, w->v[w->n - 1].rel, e);
	}
	if (rc == 0 && d == NULL && errno != 0)
		rc = mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", path,
				 strerror(errno));
	closedir(dir);
	return rc;
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->rel,
		      ((const struct entry *)b)->rel);
}

/* A string and its terminating NUL: fields cannot run into each other. */
static void
feed_str(struct mpd_sha256 *s, const char *str)
{
	mpd_sha256_update(s, str, strlen(str) + 1);
}

static void
feed_num(struct mpd_sha256 *s, unsigned long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%llu", v);
	feed_str(s, buf);
}

/* The size, then the contents of the regular file at `path` (a symlink
 * is followed only when `follow`). */
static int
feed_file(struct mpd_sha256 *s, const char *path, int follow,
	  struct mpd_err *e)
{
	unsigned char buf[65536];
	unsigned long long total = 0;
	struct stat st;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", path,
				   strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mpd_err_set(e, MPD_ERR_INPUT,
				   "%s is not a regular file", path);
	}
	feed_num(s, (unsigned long long)st.st_size);
	while ((r = read(fd, buf, sizeof buf)) > 0) {
		mpd_sha256_update(s, buf, (size_t)r);
		total += (unsigned long long)r;
	}
	close(fd);
	if (r < 0)
		return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", path,
				   strerror(errno));
	if (total != (unsigned long long)st.st_size)
		return mpd_err_set(e, MPD_ERR_IO,
		    "%s changed while it was read: try again", path);
	return 0;
}

static int
feed_entry(struct mpd_sha256 *s, const char *root, const struct entry *en,
	   struct mpd_err *e)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t len;

	snprintf(path, sizeof path, "%s/%s", root, en->rel);
	feed_str(s, S_ISDIR(en->mode) ? "d" : S_ISLNK(en->mode) ? "l" : "f");
	feed_str(s, en->rel);
	feed_num(s, (unsigned long long)(en->mode & 07777));
	if (S_ISDIR(en->mode))
		return 0;
	if (S_ISREG(en->mode))
		return feed_file(s, path, 0, e);
	if ((len = readlink(path, target, sizeof target - 1)) < 0)
		return mpd_err_set(e, MPD_ERR_IO, "cannot read the symlink "
				   "%s: %s", path, strerror(errno));
	target[len] = '\0';
	feed_str(s, target);
	return 0;
}

int
images_inputs_hash(const struct images_want *want, const char *base_ref,
		   const char *base_id, char *out, struct mpd_err *e)
{
	struct walk w = { .root = want->context_dir };
	unsigned char d[MPD_SHA256_LEN];
	struct mpd_sha256 s;
	int rc = 0;

	mpd_sha256_init(&s);
	feed_str(&s, INPUTS_FORMAT);
	feed_str(&s, "base-ref");
	feed_str(&s, base_ref);
	feed_str(&s, "base-id");
	feed_str(&s, base_id);
	for (size_t i = 0; i < want->n_build_args; i++) {
		feed_str(&s, "build-arg");
		feed_str(&s, want->build_args[i].key);
		feed_str(&s, want->build_args[i].value);
	}
	feed_str(&s, "containerfile");
	if (feed_file(&s, want->containerfile, 1, e) != 0)
		return mpd_err_prefix(e, "Containerfile of %s", want->tag);
	feed_str(&s, "context");
	if (walk_dir(&w, NULL, e) != 0) {
		walk_free(&w);
		return -1;
	}
	qsort(w.v, w.n, sizeof *w.v, entry_cmp);
	for (size_t i = 0; rc == 0 && i < w.n; i++)
		rc = feed_entry(&s, w.root, &w.v[i], e);
	walk_free(&w);
	if (rc != 0)
		return -1;
	mpd_sha256_final(&s, d);
	mpd_sha256_hex(d, out);
	return 0;
}

/* ---- podman's image list ---------------------------------------------------- */

static int
list_images(struct json_object **out, struct mpd_err *e)
{
	char *json;
	const char *p;
	int rc;

	*out = NULL;
	if (podman_image_list(&json, e) != 0)
		return -1;
	for (p = json; *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
	     p++)
		;
	if (*p == '\0')		/* some podman versions print nothing */
		rc = (*out = json_object_new_array()) ? 0 :
		    mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	else
		rc = jsonfile_parse("podman image list", "podman's answer is "
		    "not the JSON list mpd expects: check `podman image list "
		    "--format json`", json, strlen(json), out, e);
	free(json);
	if (rc == 0 && !json_object_is_type(*out, json_type_array)) {
		json_object_put(*out);
		*out = NULL;
		return mpd_err_set(e, MPD_ERR_CORRUPT, "podman image list: "
		    "expected a JSON array: check `podman image list --format "
		    "json`");
	}
	return rc;
}

static int
names_match(struct json_object *img, const char *key, const char *ref)
{
	struct json_object *names;

	if (!json_object_object_get_ex(img, key, &names) ||
	    !json_object_is_type(names, json_type_array))
		return 0;
	for (size_t i = 0; i < json_object_array_length(names); i++) {
		struct json_object *n = json_object_array_get_idx(names, i);

		if (json_object_is_type(n, json_type_string) &&
		    images_ref_matches(ref, json_object_get_string(n)))
			return 1;
	}
	return 0;
}

/* The image `ref` names in `list`, or NULL.  *id and *inputs (each may be
 * NULL) get its ID and its mpd.inputs label (NULL when unlabelled),
 * borrowed from `list`. */
static struct json_object *
find_image(struct json_object *list, const char *ref, const char **id,
	   const char **inputs)
{
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		struct json_object *img = json_object_array_get_idx(list, i);
		struct json_object *v, *labels;

		if (!json_object_is_type(img, json_type_object) ||
		    (!names_match(img, "Names", ref) &&
		     !names_match(img, "RepoDigests", ref)))
			continue;
		if (id != NULL)
			*id = json_object_object_get_ex(img, "Id", &v) &&
			    json_object_is_type(v, json_type_string) ?
			    json_object_get_string(v) : NULL;
		if (inputs != NULL) {
			*inputs = NULL;
			if (json_object_object_get_ex(img, "Labels", &labels) &&
			    json_object_is_type(labels, json_type_object) &&
			    json_object_object_get_ex(labels, MPD_LABEL_INPUTS,
						      &v) &&
			    json_object_is_type(v, json_type_string))
				*inputs = json_object_get_string(v);
		}
		return img;
	}
	return NULL;
}

/* The base's image ID, pulling the base once when podman lacks it.  *list
 * may be replaced by a fresh listing; *id is borrowed from it. */
static int
base_image_id(const char *base, struct json_object **list, const char **id,
	      struct mpd_err *e)
{
	struct mpd_err pe = { .code = MPD_ERR_NONE };

	if (find_image(*list, base, id, NULL) != NULL && *id != NULL)
		return 0;
	mpd_log(MPD_LOG_INFO, "pulling the base image %s", base);
	if (podman_image_pull(base, &pe) != 0)
		return mpd_err_set(e, pe.code,
		    "base image '%s' is missing and could not be pulled (%s): "
		    "without a registry, make one with bootstrap/base-image.sh "
		    "and set [%s] %s = localhost/mpd-debian:trixie in %s", base,
		    pe.msg, MPD_IMAGES_INI_SECTION, MPD_IMAGES_INI_BASE,
		    mpd_path(MPD_PATH_MPD_INI));
	json_object_put(*list);
	if (list_images(list, e) != 0)
		return -1;
	if (find_image(*list, base, id, NULL) == NULL || *id == NULL)
		return mpd_err_set(e, MPD_ERR_NOTFOUND,
		    "base image '%s' was pulled but podman does not list it "
		    "under that name: set [%s] %s in %s to the name `podman "
		    "images` shows", base, MPD_IMAGES_INI_SECTION,
		    MPD_IMAGES_INI_BASE, mpd_path(MPD_PATH_MPD_INI));
	return 0;
}

static int
check_wants(const struct images_want *want, size_t n, struct mpd_err *e)
{
	if (n > 0 && (want == NULL))
		return mpd_err_set(e, MPD_ERR_INPUT, "no images given");
	for (size_t i = 0; i < n; i++) {
		if (podman_check_image(want[i].tag, e) != 0 ||
		    podman_check_path("Containerfile", want[i].containerfile, 0,
				      e) != 0 ||
		    podman_check_path("build context", want[i].context_dir, 0,
				      e) != 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(want[i].tag, want[j].tag) == 0)
				return mpd_err_set(e, MPD_ERR_INPUT,
				    "image %s is wanted twice: give each "
				    "image once", want[i].tag);
	}
	return 0;
}

/* Index of the want whose tag is `ref`, among the first `n`; -1. */
static int
built_here(const struct images_want *want, size_t n, const char *ref)
{
	for (size_t i = 0; i < n; i++)
		if (images_ref_matches(ref, want[i].tag))
			return (int)i;
	return -1;
}

int
images_ensure(const struct images_want *want, size_t n,
	      struct images_result *res, struct mpd_err *e)
{
	struct json_object *list = NULL;
	const char *base_id, *have;
	char *base = NULL;
	int *deferred = NULL;
	int rc = -1, relist = 0;

	if (check_wants(want, n, e) != 0)
		return -1;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		res[i].built = 0;
		res[i].inputs[0] = '\0';
	}
	if ((deferred = calloc(n, sizeof *deferred)) == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	if (images_base_ref(&base, e) != 0 || list_images(&list, e) != 0)
		goto out;
	/* every hash whose base exists first: an unreadable context fails
	 * before any build.  A want built FROM an earlier want is hashed
	 * once that one is current (its image ID may change). */
	for (size_t i = 0; i < n; i++) {
		const char *b = want[i].base ? want[i].base : base;

		if (want[i].base != NULL && built_here(want, i, b) >= 0) {
			deferred[i] = 1;
			continue;
		}
		if (base_image_id(b, &list, &base_id, e) != 0 ||
		    images_inputs_hash(&want[i], b, base_id, res[i].inputs,
				       e) != 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *b = want[i].base ? want[i].base : base;
		struct mpd_kv label = { MPD_LABEL_INPUTS, res[i].inputs };
		struct json_object *img;

		if (deferred[i]) {
			if (relist) {
				json_object_put(list);
				list = NULL;
				if (list_images(&list, e) != 0)
					goto out;
				relist = 0;
			}
			if (base_image_id(b, &list, &base_id, e) != 0 ||
			    images_inputs_hash(&want[i], b, base_id,
					       res[i].inputs, e) != 0)
				goto out;
		}
		img = find_image(list, want[i].tag, NULL, &have);
		if (img != NULL && have != NULL &&
		    strcmp(have, res[i].inputs) == 0) {
			mpd_debug("image %s is current (inputs %.12s)",
				  want[i].tag, res[i].inputs);
			continue;
		}
		mpd_log(MPD_LOG_INFO, "building image %s (%s)", want[i].tag,
			img == NULL ? "not built yet" : "its inputs changed");
		if (podman_image_build_args(want[i].tag, want[i].containerfile,
					    want[i].context_dir, b,
					    want[i].build_args,
					    want[i].n_build_args, &label, 1,
					    e) != 0)
			goto out;
		res[i].built = 1;
		relist = 1;
	}
	rc = 0;
out:
	json_object_put(list);
	free(deferred);
	free(base);
	return rc;
}
