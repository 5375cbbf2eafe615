/* lifecycle.h - the VM-level commands: --setup, --start, --stop,
 * --restart, --status and `mpd list services`.
 *
 * Each returns a CLI exit code.  They share one shape: gather the VM
 * context (no podman), load the plugins, do the work with batched podman
 * calls, publish DNS records and the portal's view, refresh
 * current-state.json, and report what changed.
 */
#ifndef MPD_LIFECYCLE_H
#define MPD_LIFECYCLE_H

#include <stdbool.h>

#include "cli.h"

int lifecycle_setup(const struct cli_cmd *cmd);
int lifecycle_start(const struct cli_cmd *cmd);
int lifecycle_stop(const struct cli_cmd *cmd);
int lifecycle_restart(const struct cli_cmd *cmd);
int lifecycle_status(const struct cli_cmd *cmd);
int lifecycle_images(const struct cli_cmd *cmd);
int lifecycle_list_services(const struct cli_cmd *cmd);

/* The test hatch of the original: when set (non-empty), --stop and
 * --restart do not power off / reboot the VM. */
#define MPD_NO_POWEROFF_ENV "MPD_STOP_DOES_NOT_SHUTDOWN_VM"

#endif
