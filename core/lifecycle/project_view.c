/* project_view.c - the projects as plugins see them (see project_view.h). */
#include "project_view.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpd/names.h>

#include "state_projects.h"

const char *
project_cert_label(const char *p, char *buf, size_t n)
{
	snprintf(buf, n, "project-%s", p);
	return buf;
}

static struct json_object *
urls_array(const struct state_project *p)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; arr != NULL && i < p->n_urls; i++) {
		struct json_object *u = json_tokener_parse(p->urls[i].json);

		if (u != NULL)
			json_object_array_add(arr, u);
	}
	return arr;
}

int
project_view_sidecar_json(const char *runtime, char **out, struct mpd_err *e)
{
	struct state_project_list l;
	struct json_object *root, *arr;
	int rc = -1;

	*out = NULL;
	if (state_projects_load(&l, e) != 0)
		return -1;
	root = json_object_new_object();
	arr = json_object_new_array();
	if (root == NULL || arr == NULL) {
		json_object_put(root);
		json_object_put(arr);
		goto out;
	}
	json_object_object_add(root, "runtime", json_object_new_string(runtime));
	json_object_object_add(root, "projects", arr);
	for (size_t i = 0; i < l.n; i++) {
		const struct state_project *p = &l.items[i];
		struct json_object *o;
		char label[96], path[256];

		if (strcmp(p->runtime_name, runtime) != 0 ||
		    p->requested != STATE_REQUESTED_RUNNING)
			continue;
		if ((o = json_object_new_object()) == NULL)
			goto out_root;
		project_cert_label(p->name, label, sizeof label);
		json_object_object_add(o, "name", json_object_new_string(p->name));
		snprintf(path, sizeof path, MPD_CONTAINER_CERTS "/%s/cert.pem",
		    label);
		json_object_object_add(o, "cert", json_object_new_string(path));
		snprintf(path, sizeof path, MPD_CONTAINER_CERTS "/%s/key.pem",
		    label);
		json_object_object_add(o, "key", json_object_new_string(path));
		json_object_object_add(o, "urls", urls_array(p));
		if (p->sidecars != NULL) {
			struct json_object *sc = json_object_new_array();

			for (char **c = p->sidecars; sc != NULL && *c; c++)
				json_object_array_add(sc,
				    json_object_new_string(*c));
			json_object_object_add(o, "sidecars", sc);
		}
		json_object_array_add(arr, o);
	}
	*out = strdup(json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	if (*out != NULL)
		rc = 0;
out_root:
	json_object_put(root);
out:
	if (rc != 0)
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	state_project_list_free(&l);
	return rc;
}
