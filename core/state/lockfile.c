/* lockfile.c - see lockfile.h. */
#include "lockfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

static void
forget_inherited(struct lockfile_hold *h)
{
	if (h->depth > 0 && h->pid != getpid()) {
		close(h->fd);
		h->fd = -1;
		h->depth = 0;
	}
}

bool
lockfile_held(struct lockfile_hold *h)
{
	forget_inherited(h);
	return h->depth > 0;
}

bool
lockfile_reenter(struct lockfile_hold *h)
{
	if (!lockfile_held(h))
		return false;
	h->depth++;
	return true;
}

int
lockfile_open(const char *path, const char *what, struct mpd_err *e)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK | O_NOCTTY, 0644);

	/* ENXIO: a socket; ELOOP: a symlink */
	if (fd < 0 && errno != ENXIO && errno != ELOOP)
		return mpd_err_set(e, MPD_ERR_IO, "cannot open the %s %s: %s",
		    what, path, strerror(errno));
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return mpd_err_set(e, MPD_ERR_IO, "cannot open the %s %s: not "
		    "a regular file; remove it", what, path);
	}
	return fd;
}

int
lockfile_try(int fd, const char *path, struct mpd_err *e)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 1;
	if (errno == EWOULDBLOCK || errno == EINTR)
		return 0;
	return mpd_err_set(e, MPD_ERR_IO, "cannot lock %s: %s", path,
	    strerror(errno));
}

void
lockfile_hold_take(struct lockfile_hold *h, int fd)
{
	h->fd = fd;
	h->pid = getpid();
	h->depth = 1;
}

bool
lockfile_hold_drop(struct lockfile_hold *h)
{
	forget_inherited(h);
	if (h->depth == 0)
		return false;
	return --h->depth == 0;
}

void
lockfile_hold_end(struct lockfile_hold *h)
{
	flock(h->fd, LOCK_UN);
	close(h->fd);
	h->fd = -1;
}

void
lockfile_record(int fd, const char *text, const char *what)
{
	size_t n = strlen(text);

	if (ftruncate(fd, 0) != 0 || pwrite(fd, text, n, 0) != (ssize_t)n)
		mpd_debug("cannot record the holder in the %s file: %s", what,
		    strerror(errno));
}

long
lockfile_elapsed_ms(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}
