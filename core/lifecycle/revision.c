/* revision.c - a container's revision label (see revision.h). */
#include "revision.h"

#include <string.h>

#include "strv.h"

static void
feed(struct mpd_sha256 *h, const char *s)
{
	if (s != NULL)
		mpd_sha256_update(h, s, strlen(s));
	mpd_sha256_update(h, "\n", 1);
}

int
container_revision(const struct mpd_container_spec *spec,
		   const struct podman_owner *owner, const char *image_inputs,
		   const char *ca_fp, char *out, struct mpd_err *e)
{
	struct mpd_sha256 h;
	unsigned char d[MPD_SHA256_LEN];
	struct mpd_container_spec s = *spec;
	char **argv;

	s.revision = NULL;
	if ((argv = podman_argv_run(&s, owner, e)) == NULL)
		return -1;
	mpd_sha256_init(&h);
	for (char **a = argv; *a; a++)
		mpd_sha256_update(&h, *a, strlen(*a) + 1);
	strv_free(argv);
	mpd_sha256_update(&h, "\n", 1);
	feed(&h, spec->revision);
	feed(&h, image_inputs);
	if (ca_fp != NULL)
		mpd_sha256_update(&h, ca_fp, strlen(ca_fp));
	mpd_sha256_final(&h, d);
	mpd_sha256_hex(d, out);
	out[16] = '\0';		/* 64 bits are plenty for a label */
	return 0;
}
