/* cli_complete.c - `mpd --complete CWORD WORD0 WORD1 ...`: shell
 * completion candidates, one per line, for the shims in
 * assets/completions/ (bash, zsh).  Reads projects.json at most; never
 * runs podman, so a TAB costs no container call. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "state_projects.h"

static const char *const global_flags[] = {
	"--setup", "--start", "--stop", "--restart", "--status", "--images",
	"--plugins", "--runtime-create=", "--runtime-start=",
	"--runtime-stop=", "--runtime-delete=", "--runtime=", "--db-create=",
	"--db-start=", "--db-stop=", "--db-delete=", "--check-hooks", "--gc",
	"--tui", "--help", "--version", "--debug", "--json", "--yes", NULL,
};

static const char *const list_targets[] = {
	"projects", "runtimes", "services", "dbs", "certs", "plugins", NULL,
};

static const char *const create_args[] = {
	"--type=", "--git-repo=", "--git-branch=", "--git-depth=", NULL,
};

static const char *const configure_args[] = {
	"MPD_DB=", "MPD_PHP_VERSION=", "MPD_PHP_MOODLE_BEHAT=", NULL,
};

static const char *const delete_args[] = { "--yes", NULL };

static void
offer(const char *cand, const char *prefix)
{
	if (strncmp(cand, prefix, strlen(prefix)) == 0)
		puts(cand);
}

static void
offer_all(const char *const *v, const char *prefix)
{
	for (; *v != NULL; v++)
		offer(*v, prefix);
}

static void
offer_projects(const char *prefix)
{
	struct state_project_list l;

	if (state_projects_load(&l, NULL) != 0)
		return;		/* a broken file: no candidates, no noise */
	for (size_t i = 0; i < l.n; i++)
		offer(l.items[i].name, prefix);
	state_project_list_free(&l);
}

/* The arguments a verb takes after its project. */
static void
offer_verb_args(const char *verb, const char *prefix)
{
	if (strcmp(verb, "create") == 0)
		offer_all(create_args, prefix);
	else if (strcmp(verb, "configure") == 0)
		offer_all(configure_args, prefix);
	else if (strcmp(verb, "delete") == 0)
		offer_all(delete_args, prefix);
}

int
cli_complete(int argc, char **argv)
{
	char *end;
	long cword;
	char **words;
	int nwords;
	const char *cur;

	/* argv: mpd --complete CWORD WORD0 [WORD1 ...] */
	if (argc < 4)
		return CLI_EXIT_OK;
	cword = strtol(argv[2], &end, 10);
	if (*end != '\0' || cword < 1)
		return CLI_EXIT_OK;
	words = argv + 3;
	nwords = argc - 3;
	cur = cword < nwords ? words[cword] : "";
	if (cword == 1) {
		if (cur[0] != '-') {
			offer_all(mpd_verbs, cur);
			offer("list", cur);
			offer_projects(cur);
		}
		offer_all(global_flags, cur);
		return CLI_EXIT_OK;
	}
	if (strcmp(words[1], "list") == 0) {
		if (cword == 2)
			offer_all(list_targets, cur);
		return CLI_EXIT_OK;
	}
	if (mpd_is_verb(words[1])) {
		if (cword == 2) {
			if (strcmp(words[1], "create") != 0)
				offer_projects(cur);
		} else {
			offer_verb_args(words[1], cur);
		}
		return CLI_EXIT_OK;
	}
	/* project first: mpd <project> <verb> [args] */
	if (cword == 2)
		offer_all(mpd_verbs, cur);
	else if (nwords > 2 && mpd_is_verb(words[2]))
		offer_verb_args(words[2], cur);
	return CLI_EXIT_OK;
}
