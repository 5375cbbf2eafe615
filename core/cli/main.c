/* main.c - the mpd executable: everything happens in cli_main(), once the
 * process is fit to run children (fds 0-2 open, SIGCHLD at its default:
 * see mpd_exec_init_process). */
#include <stdio.h>

#include "cli.h"
#include "exec.h"

int
main(int argc, char **argv)
{
	struct mpd_err e = { 0 };

	if (mpd_exec_init_process(&e) != 0) {
		fprintf(stderr, "mpd: %s\n", e.msg);
		return 1;
	}
	return cli_main(argc, argv);
}
