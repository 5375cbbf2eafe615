/* envlayer.c - the layered env files, merged (see envlayer.h). */
#include "envlayer.h"

#include <stdlib.h>
#include <string.h>

static const char *const layer_names[MPD_ENV_LAYER_COUNT] = {
	[MPD_ENV_LAYER_RUNTIME] = "runtime defaults",
	[MPD_ENV_LAYER_TYPE] = "type defaults",
	[MPD_ENV_LAYER_VM] = "VM-wide",
	[MPD_ENV_LAYER_PROJECT] = "project",
};

const char *
mpd_envlayer_name(enum mpd_env_layer layer)
{
	if ((unsigned)layer >= MPD_ENV_LAYER_COUNT)
		return "unknown layer";
	return layer_names[layer];
}

void
mpd_envlayer_free(struct mpd_envlayer *l)
{
	if (l == NULL)
		return;
	mpd_env_free(&l->env);
	for (int i = 0; i < MPD_ENV_LAYER_COUNT; i++)
		free(l->paths[i]);
	memset(l, 0, sizeof *l);
}

/* Read one layer's file and apply it to merged, tagged with the layer. */
static int
apply_layer(struct mpd_envlayer *l, int layer, struct mpd_err *e)
{
	struct mpd_env one = MPD_ENV_INIT;
	struct mpd_err local = {0};
	char *text;
	size_t len;
	int r = 0;

	if (mpd_envfile_read(l->paths[layer], &text, &len, NULL, &local) != 0) {
		if (local.code == MPD_ERR_NOTFOUND)
			return 0;
		if (e != NULL)
			*e = local;
		return -1;
	}
	l->present[layer] = true;
	if (mpd_envfile_parse(text, len, l->paths[layer], &one, e) != 0)
		r = -1;
	for (size_t i = 0; r == 0 && i < mpd_env_count(&one); i++) {
		const struct mpd_env_entry *en = mpd_env_at(&one, i);

		r = mpd_env_set_tagged(&l->env, en->key, en->value, layer,
		    en->line, e);
	}
	free(text);
	mpd_env_free(&one);
	return r;
}

int
mpd_envlayer_load(const char *const paths[MPD_ENV_LAYER_COUNT],
    struct mpd_envlayer *out, struct mpd_err *e)
{
	struct mpd_envlayer l;

	memset(&l, 0, sizeof l);
	memset(out, 0, sizeof *out);
	for (int i = 0; i < MPD_ENV_LAYER_COUNT; i++) {
		if (paths[i] == NULL)
			continue;
		if ((l.paths[i] = strdup(paths[i])) == NULL) {
			mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			goto fail;
		}
		if (apply_layer(&l, i, e) != 0)
			goto fail;
	}
	*out = l;
	return 0;
fail:
	mpd_envlayer_free(&l);
	return -1;
}

const char *
mpd_envlayer_get(const struct mpd_envlayer *l, const char *key)
{
	return mpd_env_get(&l->env, key);
}

int
mpd_envlayer_source(const struct mpd_envlayer *l, const char *key,
    const char **origin, unsigned *line)
{
	const struct mpd_env_entry *en = mpd_env_find(&l->env, key);

	if (en == NULL || en->tag < 0 || en->tag >= MPD_ENV_LAYER_COUNT)
		return -1;
	if (origin != NULL)
		*origin = l->paths[en->tag];
	if (line != NULL)
		*line = en->line;
	return en->tag;
}
