/* frontdoor_render_tool.c - the frontdoor's renderer as a filter, for
 * tests/scripts/test-frontdoor-caddy.sh: projects_json on stdin, the
 * Caddyfile on stdout.  Usage: frontdoor_render_tool [RUNTIME]
 * Exit 0; 1 with the renderer's message on stderr; 2 on a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdoor_render.h"

int
main(int argc, char **argv)
{
	char *in = NULL, *out = NULL, err[512];
	size_t len = 0, cap = 0, n;

	if (argc > 2) {
		fprintf(stderr, "usage: %s [RUNTIME] < projects.json\n", argv[0]);
		return 2;
	}
	do {
		if (cap - len < 4096) {
			char *grown = realloc(in, cap + 65536);

			if (grown == NULL) {
				free(in);
				fprintf(stderr, "out of memory\n");
				return 1;
			}
			in = grown;
			cap += 65536;
		}
		n = fread(in + len, 1, cap - len - 1, stdin);
		len += n;
	} while (n > 0);
	in[len] = '\0';
	if (strlen(in) != len || fd_render(in, argc == 2 ? argv[1] : NULL, &out,
	    err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", strlen(in) != len ?
		    "the input holds a NUL byte" : err);
		free(in);
		return 1;
	}
	fputs(out, stdout);
	free(out);
	free(in);
	return fflush(stdout) == 0 ? 0 : 1;
}
