/* fake_sudo.c - the fake-sudo program: a stand-in for `sudo -n CMD ARGS...`
 * that its caller cannot signal.
 *
 * test_exec installs a copy set-user-ID root (in a directory only root and
 * group nogroup may enter, for as long as one test runs) and calls it from a
 * process running as nobody.  Unlike Debian's sudo 1.9.13, whose front end
 * keeps the caller's real uid (so the caller's kill() reaches it and sudo
 * relays the signal), this one becomes root entirely and execs the command
 * in its own place: the caller's kill() fails with EPERM, the situation the
 * exec boundary must report truthfully and the podman gateway's root-side
 * timeout(1) must handle.
 *
 * Only "-n" is understood as an option; the command is looked up in PATH.
 */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "-n") == 0)
		i++;
	if (i >= argc) {
		fprintf(stderr, "fake-sudo: usage: sudo -n COMMAND [ARG]...\n");
		return 1;
	}
	if (setgroups(0, NULL) != 0 || setresgid(0, 0, 0) != 0 ||
	    setresuid(0, 0, 0) != 0) {
		fprintf(stderr, "fake-sudo: cannot become root: %s (is it "
			"installed set-user-ID root?)\n", strerror(errno));
		return 1;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "fake-sudo: %s: command not found\n", argv[i]);
	return 127;
}
