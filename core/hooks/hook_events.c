/* hook_events.c - the event table (see hook_events.h). */
#include "hook_events.h"

#include <stdio.h>
#include <string.h>

/* The reference's v1 catalogue; the project's own hooks (HOOK_AUD_PROJECT)
 * receive the three project events. */
static const struct hook_event events[HOOK_EVENT_COUNT] = {
	{ HOOK_MPD_PRE_STOP, "mpd-pre-stop", HOOK_AUD_DATABASE,
	  HOOK_CONTINUE, 120, 1, "stop",
	  "once in mpd --stop, before the databases and services stop" },
	{ HOOK_PROJECT_PRE_START, "project-pre-start",
	  HOOK_AUD_DATABASE | HOOK_AUD_PROJECT, HOOK_ABORT, 30, 1, "start",
	  "in mpd start <p>, the runtime and the DB up, before the project's "
	  "setup" },
	{ HOOK_PROJECT_PRE_STOP, "project-pre-stop",
	  HOOK_AUD_RUNTIME | HOOK_AUD_PROJECT, HOOK_CONTINUE, 30, 1, "stop",
	  "in mpd stop <p>, while the project still runs" },
	{ HOOK_PROJECT_POST_START, "project-post-start",
	  HOOK_AUD_RUNTIME | HOOK_AUD_PROJECT, HOOK_CONTINUE, 30, 1, "start",
	  "in mpd start <p>, after requested=running is saved" },
};

const struct hook_event *
hook_event_get(enum hook_event_id id)
{
	if ((unsigned)id >= HOOK_EVENT_COUNT)
		return NULL;
	return &events[id];
}

const struct hook_event *
hook_event_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < HOOK_EVENT_COUNT; i++)
		if (strcmp(events[i].name, name) == 0)
			return &events[i];
	return NULL;
}

const char *
hook_audience_name(unsigned audience)
{
	switch (audience) {
	case HOOK_AUD_RUNTIME:	return "runtime";
	case HOOK_AUD_DATABASE:	return "database";
	case HOOK_AUD_SERVICE:	return "service";
	case HOOK_AUD_PROJECT:	return "project";
	default:		return "?";
	}
}

const char *
hook_audiences_text(const struct hook_event *ev, char *buf, unsigned long n)
{
	size_t used = 0;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (unsigned bit = 1; bit <= HOOK_AUD_PROJECT && used < n; bit <<= 1)
		if (ev->audiences & bit)
			used += (size_t)snprintf(buf + used, n - used, "%s%s",
			    used ? ", " : "", hook_audience_name(bit));
	return buf;
}
