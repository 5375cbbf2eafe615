/* fuzz_state_json.c - libFuzzer target for the state file loaders.
 *
 * Feeds the bytes to every state parser (projects, databases, runtime
 * meta, current state, hook revisions, config, URL entries).  None may
 * crash or leak, whatever the input.  On top, for any input the JSON layer
 * accepts, the writer's output must parse again and serialize to the very
 * same bytes (the stable-output promise); a difference aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "state_config.h"
#include "state_current.h"
#include "state_databases.h"
#include "state_hooks.h"
#include "state_projects.h"
#include "state_runtimes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_writer_is_stable(const char *buf, size_t len)
{
	struct json_object *o, *o2;
	char *t1, *t2;

	if (jsonfile_parse("fuzz", "hint", buf, len, &o, NULL) != 0)
		return;
	for (int pretty = 0; pretty < 2; pretty++) {
		t1 = jsonfile_to_string(o, pretty, NULL);
		if (t1 == NULL)
			abort();
		if (jsonfile_parse("fuzz", "hint", t1, strlen(t1), &o2,
		    NULL) != 0)
			abort();
		t2 = jsonfile_to_string(o2, pretty, NULL);
		if (t2 == NULL || strcmp(t1, t2) != 0)
			abort();
		free(t1);
		free(t2);
		json_object_put(o2);
	}
	json_object_put(o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct mpd_err e;
	struct state_project_list pl;
	struct state_database_list dl;
	struct state_runtime rt;
	struct state_current_snapshot cs;
	struct state_hooks hk;
	struct state_config cf;
	struct state_url u, *urls;
	size_t n;

	if (state_projects_parse("projects.json", buf, size, &pl, &e) == 0)
		state_project_list_free(&pl);
	if (state_databases_parse("databases.json", buf, size, &dl, &e) == 0)
		state_database_list_free(&dl);
	if (state_runtimes_parse("meta.json", NULL, buf, size, &rt, &e) == 0)
		state_runtime_free(&rt);
	if (state_runtimes_parse("meta.json", "php", buf, size, &rt, &e) == 0)
		state_runtime_free(&rt);
	if (state_current_parse("current-state.json", buf, size, &cs, &e) == 0)
		state_current_snapshot_free(&cs);
	if (state_hooks_parse("hooks-state.json", buf, size, &hk, &e) == 0)
		state_hooks_free(&hk);
	if (state_config_parse("config.json", buf, size, &cf, &e) == 0)
		state_config_free(&cf);
	if (state_url_parse("urls.json", buf, size, &u, &e) == 0)
		state_url_free(&u);
	if (state_urls_parse("urls.json", buf, size, &urls, &n, &e) == 0)
		state_urls_free(urls, n);
	check_writer_is_stable(buf, size);
	return 0;
}
