/* e2e_images.c - the e2e suite's driver for core/lifecycle/images.c against real
 * podman: `e2e_images TAG CONTAINERFILE CONTEXT [TAG CONTAINERFILE
 * CONTEXT]...` calls images_ensure() once for all of them and prints one
 * line per image, "built TAG HASH" or "current TAG HASH".  Exit 0, or 1
 * with mpd's one-line error on stderr, 2 on a usage error.  Honours
 * MPD_TEST_ROOT (mpd.ini [images] base) like mpd. */
#include <stdio.h>
#include <stdlib.h>

#include "images.h"
#include "log.h"

int
main(int argc, char **argv)
{
	struct images_want *want;
	struct images_result *res;
	struct mpd_err e = { .code = MPD_ERR_NONE };
	size_t n;
	int rc;

	if (argc < 4 || (argc - 1) % 3 != 0) {
		fprintf(stderr, "usage: e2e_images TAG CONTAINERFILE CONTEXT...\n");
		return 2;
	}
	if (getenv("MPD_DEBUG") != NULL)
		mpd_log_set_debug(1);
	n = (size_t)(argc - 1) / 3;
	want = calloc(n, sizeof *want);
	res = calloc(n, sizeof *res);
	if (want == NULL || res == NULL) {
		fprintf(stderr, "e2e_images: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		want[i].tag = argv[1 + 3 * i];
		want[i].containerfile = argv[2 + 3 * i];
		want[i].context_dir = argv[3 + 3 * i];
	}
	rc = images_ensure(want, n, res, &e);
	for (size_t i = 0; i < n && rc == 0; i++)
		printf("%s %s %s\n", res[i].built ? "built" : "current",
		       want[i].tag, res[i].inputs);
	if (rc != 0)
		fprintf(stderr, "mpd: %s\n", e.msg);
	free(want);
	free(res);
	return rc == 0 ? 0 : 1;
}
