/* cli_plugins.c - `mpd --plugins` / `mpd list plugins`: what is loaded,
 * from where, and what was refused and why. */
#include "cli.h"

#include <json-c/json.h>
#include <stdio.h>

#include <mpd/plugin.h>

#include "action_ctx.h"
#include "log.h"
#include "plugin_loader.h"

static int
print_json(const struct plugin_registry *reg)
{
	json_object *root = json_object_new_object();
	json_object *arr = json_object_new_array();
	json_object *rej = json_object_new_array();
	json_object *dirs = json_object_new_array();
	char abi[32];

	for (size_t i = 0; i < reg->n; i++) {
		const struct plugin_loaded *p = &reg->plugins[i];
		json_object *o = json_object_new_object();

		snprintf(abi, sizeof abi, "%u.%u", p->desc->abi_major,
		    p->desc->abi_minor);
		json_object_object_add(o, "abi", json_object_new_string(abi));
		json_object_object_add(o, "buildId", p->desc->build_id ?
		    json_object_new_string(p->desc->build_id) : NULL);
		json_object_object_add(o, "description",
		    json_object_new_string(p->desc->description ?
		    p->desc->description : ""));
		json_object_object_add(o, "kind",
		    json_object_new_string(plugin_kind_name(p->desc->kind)));
		json_object_object_add(o, "name", json_object_new_string(p->name));
		json_object_object_add(o, "path", json_object_new_string(p->path));
		json_object_object_add(o, "version",
		    json_object_new_string(p->desc->version));
		json_object_array_add(arr, o);
	}
	for (size_t i = 0; i < reg->n_rejected; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "path",
		    json_object_new_string(reg->rejected[i].path));
		json_object_object_add(o, "reason",
		    json_object_new_string(reg->rejected[i].reason));
		json_object_array_add(rej, o);
	}
	for (size_t i = 0; reg->dirs != NULL && reg->dirs[i] != NULL; i++)
		json_object_array_add(dirs, json_object_new_string(reg->dirs[i]));
	snprintf(abi, sizeof abi, "%d.%d", MPD_ABI_MAJOR, MPD_ABI_MINOR);
	json_object_object_add(root, "hostAbi", json_object_new_string(abi));
	json_object_object_add(root, "pluginDirs", dirs);
	json_object_object_add(root, "plugins", arr);
	json_object_object_add(root, "rejected", rej);
	puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return 0;
}

static void
print_text(const struct plugin_registry *reg)
{
	if (reg->n == 0)
		printf("No plugins found in:");
	else
		printf("%-13s %-18s %-10s %-5s %s\n", "KIND", "NAME",
		    "VERSION", "ABI", "PATH");
	if (reg->n == 0) {
		for (size_t i = 0; reg->dirs && reg->dirs[i]; i++)
			printf(" %s", reg->dirs[i]);
		printf("\n");
	}
	for (size_t i = 0; i < reg->n; i++) {
		const struct plugin_loaded *p = &reg->plugins[i];
		char abi[16];

		snprintf(abi, sizeof abi, "%u.%u", p->desc->abi_major,
		    p->desc->abi_minor);
		printf("%-13s %-18s %-10s %-5s %s\n",
		    plugin_kind_name(p->desc->kind), p->name, p->desc->version,
		    abi, p->path);
	}
	for (size_t i = 0; i < reg->n_rejected; i++)
		printf("REJECTED      %s\n", reg->rejected[i].reason);
}

int
cli_plugins_run(const struct cli_cmd *cmd)
{
	struct action_ctx ctx;
	struct mpd_err e = {0};
	int rc;

	if (action_ctx_open(&ctx, 0, &e) != 0) {
		mpd_error("%s", e.msg);
		action_ctx_close(&ctx);
		return CLI_EXIT_FAIL;
	}
	if (cmd->json)
		print_json(&ctx.reg);
	else
		print_text(&ctx.reg);
	/* a refused plugin is a problem worth an exit code */
	rc = ctx.reg.n_rejected > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	action_ctx_close(&ctx);
	return rc;
}
