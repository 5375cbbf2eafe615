/* state_config.c - state/config.json (see state_config.h). */
#include "state_config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "paths.h"
#include "state_lock.h"
#include "state_store.h"
#include "printable.h"

#define CONFIG_HINT "fix or remove the file (mpd --setup detects the dev " \
	"user again)"

void
state_config_free(struct state_config *c)
{
	if (c == NULL)
		return;
	free(c->uid);
	free(c->user);
	c->uid = NULL;
	c->user = NULL;
}

static bool
uid_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n == 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return strtoul(s, NULL, 10) <= 4294967294UL;
}

static bool
user_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n == 0 || n > 32 || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

#define UID_RULE "decimal digits, at most 4294967294"
#define USER_RULE "1-32 of A-Z a-z 0-9 . _ -, not starting with '-'"

int
state_config_parse(const char *label, const char *buf, size_t len,
    struct state_config *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, CONFIG_HINT, e };
	struct json_object *top;
	char q[80];
	int rc = -1;

	out->uid = NULL;
	out->user = NULL;
	if (jsonfile_parse(label, CONFIG_HINT, buf, len, &top, e) != 0)
		return -1;
	if (jsonfile_expect_type(&s, top, "", json_type_object) != 0 ||
	    jsonfile_string_member(&s, top, "", "uid", &out->uid) != 0 ||
	    jsonfile_string_member(&s, top, "", "user", &out->user) != 0)
		goto done;
	if (!uid_ok(out->uid)) {
		jsonfile_schema_error(&s, "uid", "'%s' is not a uid (%s)",
		    mpd_printable(out->uid, q, sizeof q), UID_RULE);
		goto done;
	}
	if (!user_ok(out->user)) {
		jsonfile_schema_error(&s, "user", "'%s' is not a user name (%s)",
		    mpd_printable(out->user, q, sizeof q), USER_RULE);
		goto done;
	}
	rc = 0;
done:
	if (rc != 0)
		state_config_free(out);
	json_object_put(top);
	return rc;
}

static char *
config_path(void)
{
	return mpd_path_join(MPD_PATH_STATE, "config.json");
}

int
state_config_load(struct state_config *out, struct mpd_err *e)
{
	char *path = config_path(), *buf = NULL;
	size_t len;
	int rc;

	out->uid = NULL;
	out->user = NULL;
	if (path == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	rc = state_store_read(path, JSONFILE_MAX_BYTES, CONFIG_HINT, &buf, &len,
	    e);
	if (rc == 0 && buf != NULL)
		rc = state_config_parse(path, buf, len, out, e);
	free(buf);
	free(path);
	return rc;
}

int
state_config_set(const struct state_config *c, struct mpd_err *e)
{
	struct state_config old;
	struct json_object *top, *uid, *user;
	char *path;
	char q[80];
	int rc = -1;

	if (c == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "no config");
	if (!uid_ok(c->uid))
		return mpd_err_set(e, MPD_ERR_INPUT, "'%s' is not a uid (%s)",
		    mpd_printable(c->uid, q, sizeof q), UID_RULE);
	if (!user_ok(c->user))
		return mpd_err_set(e, MPD_ERR_INPUT, "'%s' is not a user name "
		    "(%s)", mpd_printable(c->user, q, sizeof q), USER_RULE);
	path = config_path();
	top = json_object_new_object();
	uid = json_object_new_string(c->uid);
	user = json_object_new_string(c->user);
	if (path == NULL || top == NULL || uid == NULL || user == NULL) {
		json_object_put(uid);
		json_object_put(user);
		goto nomem;
	}
	if (json_object_object_add(top, "uid", uid) != 0) {
		json_object_put(uid);
		json_object_put(user);
		goto nomem;
	}
	if (json_object_object_add(top, "user", user) != 0) {
		json_object_put(user);
		goto nomem;
	}
	if (state_lock_acquire(e) == 0) {
		/* a broken file is never replaced */
		if (state_config_load(&old, e) == 0) {
			state_config_free(&old);
			rc = jsonfile_write(path, top, STATE_FILE_MODE, e);
		}
		state_lock_release();
	}
	json_object_put(top);
	free(path);
	return rc;
nomem:
	json_object_put(top);
	free(path);
	return mpd_err_set(e, MPD_ERR_IO, "out of memory");
}
