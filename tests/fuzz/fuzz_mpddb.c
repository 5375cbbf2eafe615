/* fuzz_mpddb.c - fuzz the MPD_DB grammar and the configure argument
 * checker that routes MPD_DB values to it (and the name rules, which see
 * the same kind of untrusted one-word input).
 *
 * The input, up to its first NUL, is one string; what follows that NUL
 * (up to the next) is a second tag.  Nothing may crash or leak; every
 * error is one line; an accepted tag satisfies the grammar's invariants
 * and its derived names (the id a DNS label the record writer takes); the
 * id maps back to exactly that engine and version, so no two accepted
 * tags share an id, and the two tags of one input have one id exactly
 * when they have one engine and version; and `mpd configure MPD_DB=<s>`
 * accepts exactly the strings the tag parser accepts.  A broken invariant
 * aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns_records.h"
#include "env_sanitise.h"
#include "envfile.h"
#include "mpddb.h"
#include "names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
check_msg(int r, const struct mpd_err *e)
{
	if (r != 0)
		check(e->msg[0] != '\0' && strchr(e->msg, '\n') == NULL);
}

static void
check_tag(const char *s, const struct mpd_db_tag *t)
{
	char buf[160];
	bool known = false;

	if (*s == '\0') {
		check(!t->present);
		return;
	}
	check(t->present);
	check(strlen(s) <= MPD_DB_TAG_MAX);
	for (const char *const *en = mpd_db_engines; *en != NULL; en++)
		known |= strcmp(*en, t->engine) == 0;
	check(known);
	check(strncmp(s, t->engine, strlen(t->engine)) == 0);
	check(strcmp(t->version, "latest") == 0 ||
	    (t->version[0] >= '0' && t->version[0] <= '9' &&
	    strspn(t->version, "abcdefghijklmnopqrstuvwxyz0123456789.-") ==
	    strlen(t->version)));
	check(strchr(t->id, '.') == NULL);
	check(strlen(t->id) == strlen(t->engine) + 1 + strlen(t->version));
	snprintf(buf, sizeof buf, "mpd-db-%s", t->id);
	check(strcmp(buf, t->container) == 0);
	snprintf(buf, sizeof buf, "/srv/dbs/%s", t->id);
	check(strcmp(buf, t->data_dir) == 0);
	snprintf(buf, sizeof buf, "%s.db.mpd.test", t->id);
	check(strcmp(buf, t->dns_name) == 0);
	/* bounded to a DNS label */
	check(strlen(t->id) <= 63 && t->id[strlen(t->id) - 1] != '-' &&
	    strstr(t->id, "--") == NULL);
	check(dns_name_ok(t->dns_name));
	/* one-to-one: the id names this engine and version, nothing else */
	{
		struct mpd_db_tag back;

		check(mpd_db_id_parse(t->id, &back, NULL) == 0);
		check(strcmp(back.engine, t->engine) == 0);
		check(strcmp(back.version, t->version) == 0);
		check(strcmp(back.id, t->id) == 0);
	}
}

/* two accepted tags share an id exactly when they are one engine and
 * version ("postgres", "postgres:" and "postgres:latest" are one) */
static void
check_pair(const char *a, const char *b)
{
	struct mpd_db_tag ta, tb;

	if (mpd_db_tag_parse(a, &ta, NULL) != 0 || !ta.present ||
	    mpd_db_tag_parse(b, &tb, NULL) != 0 || !tb.present)
		return;
	check((strcmp(ta.id, tb.id) == 0) ==
	    (strcmp(ta.engine, tb.engine) == 0 &&
	    strcmp(ta.version, tb.version) == 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_db_tag t;
	struct mpd_err e = {0};
	char *s, *arg;
	int r_tag, r_arg;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	r_tag = mpd_db_tag_parse(s, &t, &e);
	check_msg(r_tag, &e);
	if (r_tag == 0)
		check_tag(s, &t);
	else
		check(!t.present);
	if (strlen(s) < size)
		check_pair(s, s + strlen(s) + 1);
	/* the input as an id: an id that parses is the id of what it says */
	if (mpd_db_id_parse(s, &t, &e) == 0)
		check(strcmp(t.id, s) == 0);
	else
		check_msg(-1, &e);

	/* configure MPD_DB=<s> agrees with the tag parser */
	if ((arg = malloc(strlen(s) + 8)) != NULL) {
		memcpy(arg, "MPD_DB=", 7);
		memcpy(arg + 7, s, strlen(s) + 1);
		r_arg = env_sanitise_arg(arg, &env, &e);
		check_msg(r_arg, &e);
		check(r_arg == r_tag);
		if (r_arg == 0)
			check(strcmp(mpd_env_get(&env, "MPD_DB"), s) == 0);
		free(arg);
	}
	mpd_env_free(&env);

	/* the input as a whole configure argument */
	r_arg = env_sanitise_arg(s, &env, &e);
	check_msg(r_arg, &e);
	if (r_arg == 0) {
		const struct mpd_env_entry *en = mpd_env_at(&env, 0);

		check(mpd_env_count(&env) == 1);
		check(mpd_envfile_key_valid(en->key));
		check(strpbrk(en->value, "\n\r\"'$`; \\") == NULL);
		if (strcmp(en->key, "MPD_DB") == 0)
			check(mpd_db_tag_check(en->value, NULL) == 0);
	}
	mpd_env_free(&env);

	/* the same untrusted word as a name */
	check_msg(mpd_name_check_project(s, &e), &e);
	check_msg(mpd_name_check_runtime(s, &e), &e);
	if (mpd_name_check_project(s, NULL) == 0)
		check(!mpd_name_is_reserved(s) && strlen(s) >= 2 &&
		    strlen(s) <= 63);

	free(s);
	return 0;
}
