/* fuzz_envfile.c - fuzz the env-file parser and the configure writer.
 *
 * Any input must parse or be refused without crashing or leaking.  When it
 * parses, the invariants below must hold, and rewriting one key with
 * mpd_envfile_rewrite must give text that parses again with that key set
 * (or unset) and every other key's value unchanged.  A broken invariant
 * aborts, which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "envfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_KEY "MPD_FUZZ"

static void
check(int ok)
{
	if (!ok)
		abort();
}

/* A value for FUZZ_KEY made from the input: its first bytes mapped onto
 * the charset `mpd configure` lets through. */
static void
pick_value(const uint8_t *data, size_t size, char *out, size_t outsz)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789._:/,@=+-";
	size_t n = size < outsz - 1 ? size : outsz - 1;

	/* the first byte also chooses the length, so "" (delete) happens */
	if (n > 0)
		n = data[0] % (n + 1);
	for (size_t i = 0; i < n; i++)
		out[i] = chars[data[i] % (sizeof chars - 1)];
	out[n] = '\0';
}

static void
check_entries(const struct mpd_env *env)
{
	for (size_t i = 0; i < mpd_env_count(env); i++) {
		const struct mpd_env_entry *en = mpd_env_at(env, i);

		check(en != NULL);
		check(mpd_envfile_key_valid(en->key));
		check(strchr(en->value, '\n') == NULL);
		check(strlen(en->value) <= MPD_ENVFILE_LINE_MAX);
		check(en->line >= 1);
		check(mpd_env_get(env, en->key) == en->value);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpd_env env = MPD_ENV_INIT, again = MPD_ENV_INIT;
	struct mpd_err e = {0};
	const char *text = (const char *)data;
	char value[24];
	char *out = NULL;
	size_t outlen = 0;

	if (mpd_envfile_parse(text, size, "fuzz.env", &env, &e) != 0) {
		check(mpd_env_count(&env) == 0);	/* refused: untouched */
		check(e.msg[0] != '\0' && strchr(e.msg, '\n') == NULL);
		return 0;
	}
	check_entries(&env);

	pick_value(data, size, value, sizeof value);
	check(mpd_envfile_rewrite(text, size, FUZZ_KEY, value, &out, &outlen,
	    &e) == 0);
	check(out[outlen] == '\0');
	check(mpd_envfile_parse(out, outlen, "fuzz.env", &again, &e) == 0);
	if (value[0] == '\0')
		check(mpd_env_get(&again, FUZZ_KEY) == NULL);
	else
		check(strcmp(mpd_env_get(&again, FUZZ_KEY), value) == 0);
	for (size_t i = 0; i < mpd_env_count(&env); i++) {
		const struct mpd_env_entry *en = mpd_env_at(&env, i);
		const char *v = mpd_env_get(&again, en->key);

		if (strcmp(en->key, FUZZ_KEY) == 0)
			continue;
		check(v != NULL && strcmp(v, en->value) == 0);
	}
	check(mpd_env_count(&again) ==
	    mpd_env_count(&env) + (value[0] != '\0') -
	    (mpd_env_get(&env, FUZZ_KEY) != NULL));

	/* unsetting every key empties the list and leaves no stale index */
	while (mpd_env_count(&env) > 0) {
		char *k = strdup(mpd_env_at(&env, 0)->key);

		check(k != NULL && mpd_env_unset(&env, k));
		check(mpd_env_get(&env, k) == NULL);
		free(k);
	}
	free(out);
	mpd_env_free(&again);
	mpd_env_free(&env);
	return 0;
}
