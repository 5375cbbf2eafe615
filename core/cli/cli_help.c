/* cli_help.c - help texts (see cli.h and docs/CLI.md). */
#include "cli.h"

#include <stdio.h>

void
cli_help_print(void)
{
	fputs(
"mpd - Moodle plugin development environment (" PACKAGE_VERSION ")\n"
"\n"
"Usage:\n"
"  mpd <verb> <project> [args]     or  mpd <project> <verb> [args]\n"
"  mpd list [projects|runtimes|services|dbs|certs|plugins]\n"
"  mpd <action flag>\n"
"\n"
"Project verbs:\n"
"  create <p> [--type=T] [--git-repo=URL] [--git-branch=B] [--git-depth=N]\n"
"  configure <p> [MPD_KEY=VALUE ...]   e.g. MPD_DB=postgres:17 MPD_PHP_VERSION=8.4\n"
"  start <p> | stop <p> | show <p> | delete <p> [--yes] | help <p>\n"
"\n"
"Action flags (one per invocation):\n"
"  --setup            set up (or re-check) this VM\n"
"  --start | --stop | --restart | --status\n"
"  --images           build or refresh mpd's images only (needs the mirror)\n"
"  --runtime-create=NAME  --runtime-start=NAME  --runtime-stop=NAME\n"
"  --runtime-delete=NAME  --runtime=NAME\n"
"  --db-create=ENGINE[:VERSION]  --db-start=ID  --db-stop=ID  --db-delete=ID\n"
"  --check-hooks      warn about hooks that will not run (docs/HOOKS.md)\n"
"  --gc  --tui\n"
"  --plugins          list loaded plugins (kind, name, version, ABI, path)\n"
"  --version | --help\n"
"\n"
"Modifiers: --debug (show every process mpd runs, with timings),\n"
"           --json (machine-readable output where offered), --yes\n"
"\n"
"Exit codes: 0 ok, 1 failure, 2 usage error.\n"
"Project names: lowercase letters, digits, single dashes; 2-63 chars.\n"
"Full reference: docs/CLI.md\n", stdout);
}

void
cli_help_project_print(const char *project)
{
	printf(
"Verbs for project '%s':\n"
"  mpd show %s                      requested and current state, URLs\n"
"  mpd create %s [--type=T] [--git-repo=URL] [--git-branch=B] [--git-depth=N]\n"
"  mpd configure %s [MPD_KEY=VALUE ...]\n"
"  mpd start %s | mpd stop %s\n"
"  mpd delete %s [--yes]\n"
"\n"
"Type-specific operations (phpunit, behat, mdl-cron, composer, ...) are\n"
"tools inside the runtime: ssh <runtime>.runtime.mpd.test\n",
	    project, project, project, project, project, project, project);
}
