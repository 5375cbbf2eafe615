/* hook_events.h - the typed lifecycle events hooks subscribe to: the ONE
 * table of names, audiences, failure policies, timeouts and revisions
 * (docs/HOOKS.md; the reference's §7.2).
 *
 * A hook is a bash script in `hooks/<event>.d/` of an asset layer (or of
 * a project's tree, `.mpd/hooks/<event>.d/`); the verb that fires an
 * event runs the scripts of its audiences' layers in the containers of
 * that audience (hook_run.h).  Bump an event's revision when what it
 * promises its hooks changes: `mpd --check-hooks` then tells the user to
 * review theirs.
 */
#ifndef MPD_HOOK_EVENTS_H
#define MPD_HOOK_EVENTS_H

#include <stdbool.h>

/* Who receives an event: bits of a mask. */
enum hook_audience {
	HOOK_AUD_RUNTIME = 1u << 0,	/* a runtime's main container */
	HOOK_AUD_DATABASE = 1u << 1,	/* a DB container */
	HOOK_AUD_SERVICE = 1u << 2,	/* an always-on service container */
	HOOK_AUD_PROJECT = 1u << 3,	/* a project's own hooks (its tree),
					   in its runtime as the dev user */
};

enum hook_policy {
	HOOK_CONTINUE = 0,	/* a failure is reported, the verb goes on */
	HOOK_ABORT,		/* the first failure fails the verb */
};

enum hook_event_id {
	HOOK_MPD_PRE_STOP = 0,
	HOOK_PROJECT_PRE_START,
	HOOK_PROJECT_PRE_STOP,
	HOOK_PROJECT_POST_START,
	HOOK_EVENT_COUNT
};

struct hook_event {
	enum hook_event_id id;
	const char *name;	/* kebab-case; its directory is <name>.d */
	unsigned audiences;	/* enum hook_audience bits */
	enum hook_policy policy;
	int timeout_s;		/* per script, enforced in the container */
	long revision;		/* MPD_HOOK_REVISION */
	const char *verb;	/* MPD_HOOK_VERB: what fires it */
	const char *when;	/* one line for docs and diagnostics */
};

/* Seconds between the timeout's SIGTERM and its SIGKILL. */
#define HOOK_KILL_AFTER_S	5

/* The event `id` (never NULL for a valid id).  Static storage. */
const struct hook_event *hook_event_get(enum hook_event_id id);

/* The event named `name`, or NULL when no event has that name. */
const struct hook_event *hook_event_find(const char *name);

/* "runtime", "database", "service", "project" for one audience bit. */
const char *hook_audience_name(unsigned audience);

/* The audiences of `ev` as "runtime, project" into buf; returns buf. */
const char *hook_audiences_text(const struct hook_event *ev, char *buf,
				unsigned long n);

#endif
