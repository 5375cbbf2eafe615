/* cli_parse.c - the command-line grammar (see cli.h). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "names.h"

struct flag_def {
	const char *name;
	enum cli_action action;
	bool takes_value;
	bool read_only;		/* never takes the operation lock (oplock.h) */
};

#define RO true		/* read-only: runs beside a mutating command */
#define MUT false	/* mutates: one at a time on the VM */

/* Action flags: exactly one per invocation.  Whatever is not marked RO
 * holds the operation lock for its whole run (cli_mutates). */
static const struct flag_def action_flags[] = {
	{ "--help", CLI_HELP, false, RO },
	{ "--version", CLI_VERSION, false, RO },
	{ "--plugins", CLI_PLUGINS, false, RO },
	{ "--setup", CLI_SETUP, false, MUT },
	{ "--start", CLI_START, false, MUT },
	{ "--stop", CLI_STOP, false, MUT },
	{ "--restart", CLI_RESTART, false, MUT },
	{ "--status", CLI_STATUS, false, RO },
	{ "--images", CLI_IMAGES, false, MUT },
	{ "--runtime-create", CLI_RUNTIME_CREATE, true, MUT },
	{ "--runtime-start", CLI_RUNTIME_START, true, MUT },
	{ "--runtime-stop", CLI_RUNTIME_STOP, true, MUT },
	{ "--runtime-delete", CLI_RUNTIME_DELETE, true, MUT },
	{ "--runtime", CLI_RUNTIME_SHOW, true, RO },
	{ "--db-create", CLI_DB_CREATE, true, MUT },
	{ "--db-start", CLI_DB_START, true, MUT },
	{ "--db-stop", CLI_DB_STOP, true, MUT },
	{ "--db-delete", CLI_DB_DELETE, true, MUT },
	/* stamps state/hooks-state.json */
	{ "--check-hooks", CLI_CHECK_HOOKS, false, MUT },
	{ "--gc", CLI_GC, false, MUT },
	/* the TUI only looks; what it runs takes the lock itself */
	{ "--tui", CLI_TUI, false, RO },
	{ NULL, CLI_NONE, false, RO },
};

/* Project verbs that only look; every other verb mutates. */
static const char *const read_only_verbs[] = { "show", "help", NULL };

static const char *const list_targets[][2] = {
	{ "projects", "projects" }, { "project", "projects" },
	{ "runtimes", "runtimes" }, { "runtime", "runtimes" },
	{ "services", "services" }, { "service", "services" },
	{ "dbs", "dbs" }, { "db", "dbs" }, { "databases", "dbs" },
	{ "database", "dbs" },
	{ "certs", "certs" }, { "cert", "certs" },
	{ "certificates", "certs" },
	{ "plugins", "plugins" }, { "plugin", "plugins" },
	{ NULL, NULL },
};

static const struct flag_def *
find_action(const char *arg, const char **value)
{
	for (const struct flag_def *f = action_flags; f->name; f++) {
		size_t n = strlen(f->name);

		if (strncmp(arg, f->name, n) != 0)
			continue;
		if (arg[n] == '\0') {
			*value = NULL;
			return f;
		}
		if (arg[n] == '=' && f->takes_value) {
			*value = arg + n + 1;
			return f;
		}
	}
	return NULL;
}

static int
set_action(struct cli_cmd *c, const struct flag_def *f, const char *arg,
	   struct mpd_err *e)
{
	if (c->action != CLI_NONE && c->action != f->action)
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "one action per invocation: '%s' and '%s' were both given",
		    c->flag ? c->flag : "command", arg);
	c->action = f->action;
	c->flag = f->name;
	return 0;
}

static int
parse_list(struct cli_cmd *c, char **pos, int npos, struct mpd_err *e)
{
	c->action = CLI_LIST;
	c->value = "projects";
	if (npos > 2)
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "mpd list takes one target: mpd list [projects|runtimes|services|dbs|certs|plugins]");
	if (npos == 2) {
		char low[32];
		size_t n = strlen(pos[1]);

		if (n >= sizeof low)
			n = sizeof low - 1;
		for (size_t i = 0; i < n; i++)
			low[i] = (pos[1][i] >= 'A' && pos[1][i] <= 'Z') ?
			    (char)(pos[1][i] - 'A' + 'a') : pos[1][i];
		low[n] = '\0';
		for (size_t i = 0; list_targets[i][0]; i++)
			if (strcmp(low, list_targets[i][0]) == 0) {
				c->value = list_targets[i][1];
				return 0;
			}
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "unknown list target '%s': use projects, runtimes, services, dbs, certs or plugins",
		    pos[1]);
	}
	return 0;
}

static int
parse_verb(struct cli_cmd *c, const char *verb, const char *project,
	   char **rest, int nrest, struct mpd_err *e)
{
	c->verb = verb;
	c->project = project;
	c->args = rest;
	c->nargs = nrest;
	if (strcmp(verb, "help") == 0) {
		c->action = CLI_HELP;
		if (project == NULL)
			return 0;
	} else {
		c->action = CLI_VERB;
	}
	if (project == NULL)
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "'mpd %s' needs a project name: mpd %s <project>", verb,
		    verb);
	if (mpd_name_check_project(project, e) != 0) {
		e->code = MPD_ERR_USAGE;
		return -1;
	}
	if (nrest > 0 && c->action == CLI_HELP)
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "'mpd help %s' takes no further arguments", project);
	return 0;
}

bool
cli_mutates(const struct cli_cmd *c)
{
	if (c->action == CLI_HELP || c->action == CLI_LIST)
		return false;
	if (c->action == CLI_VERB) {
		for (size_t i = 0; read_only_verbs[i] != NULL; i++)
			if (strcmp(c->verb, read_only_verbs[i]) == 0)
				return false;
		return true;
	}
	for (const struct flag_def *f = action_flags; f->name; f++)
		if (f->action == c->action)
			return !f->read_only;
	return true;
}

int
cli_parse(int argc, char **argv, struct cli_cmd *out, struct mpd_err *e)
{
	/* positionals are moved to the front of argv (as getopt permutes),
	 * so out->args can point into argv and outlive this call */
	char **pos = argv + 1;
	int npos = 0;
	bool in_verb = false, after_dashdash = false;

	memset(out, 0, sizeof *out);
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct flag_def *f;
		const char *value;

		if (after_dashdash || a[0] != '-' || a[1] == '\0') {
			pos[npos++] = a;
			/* the first positional decides: after a verb or a
			 * project, unknown --flags belong to the verb */
			if (npos == 1 && strcmp(a, "list") != 0)
				in_verb = true;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			after_dashdash = true;
			continue;
		}
		if (strcmp(a, "--debug") == 0) {
			out->debug = true;
			continue;
		}
		if (strcmp(a, "--json") == 0) {
			out->json = true;
			continue;
		}
		if (strcmp(a, "--yes") == 0 || strcmp(a, "-y") == 0) {
			out->yes = true;
			continue;
		}
		if (strcmp(a, "-h") == 0)
			a = "--help";
		else if (strcmp(a, "-V") == 0)
			a = "--version";
		f = find_action(a, &value);
		if (f != NULL && f->action == CLI_HELP) {
			out->action = CLI_HELP;	/* --help wins, anywhere */
			out->flag = f->name;
			continue;
		}
		if (in_verb) {
			pos[npos++] = a;	/* a verb argument */
			continue;
		}
		if (f == NULL)
			return mpd_err_set(e, MPD_ERR_USAGE,
			    "unknown option '%s' (see: mpd --help)", argv[i]);
		if (f->takes_value && value == NULL) {
			if (i + 1 >= argc || argv[i + 1][0] == '-')
				return mpd_err_set(e, MPD_ERR_USAGE,
				    "'%s' needs a value: %s=NAME", a, a);
			value = argv[++i];
		}
		if (out->action == CLI_HELP)
			continue;
		if (set_action(out, f, a, e) != 0)
			return -1;
		if (f->takes_value && *value == '\0')
			return mpd_err_set(e, MPD_ERR_USAGE,
			    "'%s' needs a value: %s=NAME", f->name, f->name);
		out->value = value;
	}

	if (out->action == CLI_HELP) {
		/* mpd <verb> <project> --help: help for that project */
		if (npos >= 2 && mpd_is_verb(pos[0]) &&
		    mpd_name_check_project(pos[1], NULL) == 0)
			out->project = pos[1];
		else if (npos >= 1 && !mpd_is_verb(pos[0]) &&
		    mpd_name_check_project(pos[0], NULL) == 0)
			out->project = pos[0];
		return 0;
	}
	if (out->action != CLI_NONE) {
		if (npos > 0)
			return mpd_err_set(e, MPD_ERR_USAGE,
			    "'%s' takes no other arguments (got '%s')",
			    out->flag, pos[0]);
		return 0;
	}
	if (npos == 0) {
		out->action = CLI_HELP;	/* bare `mpd` */
		return 0;
	}
	if (strcmp(pos[0], "list") == 0)
		return parse_list(out, pos, npos, e);
	if (mpd_is_verb(pos[0]))
		return parse_verb(out, pos[0], npos > 1 ? pos[1] : NULL,
		    pos + 2, npos > 2 ? npos - 2 : 0, e);
	/* project-first */
	if (mpd_name_check_project(pos[0], NULL) != 0) {
		if (pos[0][0] >= 'a' && pos[0][0] <= 'z' && npos == 1)
			return mpd_err_set(e, MPD_ERR_USAGE,
			    "unknown command '%s' (see: mpd --help)", pos[0]);
		mpd_name_check_project(pos[0], e);
		e->code = MPD_ERR_USAGE;
		return -1;
	}
	if (npos == 1)
		return parse_verb(out, "show", pos[0], NULL, 0, e);
	if (!mpd_is_verb(pos[1]))
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "unknown verb '%s': use create, configure, start, stop, delete, show or help (type-specific operations are tools inside the runtime)",
		    pos[1]);
	return parse_verb(out, pos[1], pos[0], pos + 2, npos - 2, e);
}
