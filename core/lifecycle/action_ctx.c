/* action_ctx.c - building a command's context (see action_ctx.h). */
#include "action_ctx.h"

#include <string.h>

#include "plugin_host.h"
#include "podman.h"

static int
ctx_container_state(void *user, const char *name,
		    enum mpd_container_state *out, struct mpd_err *e)
{
	(void)user;
	return podman_container_state(name, out, e);
}

/* Plugins' execs run as the dev user unless they name one. */
static int
ctx_container_exec(void *user, const struct mpd_exec_request *req,
		   struct mpd_exec_result *out, struct mpd_err *e)
{
	const struct action_ctx *c = user;
	struct mpd_exec_request r;

	if (!c->has_vm || req->user != NULL)
		return podman_exec(req, out, e);
	memset(&r, 0, sizeof r);
	memcpy(&r, req, req->struct_size < sizeof r ? req->struct_size :
	    sizeof r);
	r.struct_size = sizeof r;
	r.user = c->vm.user;
	return podman_exec(&r, out, e);
}

static int
ctx_cert_ensure(void *user, const char *label, const char *const *names,
		char **cert_path, char **key_path, struct mpd_err *e)
{
	struct action_ctx *c = user;

	return host_certs_ensure(&c->certs, label, names, cert_path, key_path,
	    e);
}

int
action_ctx_open(struct action_ctx *c, unsigned flags, struct mpd_err *e)
{
	memset(c, 0, sizeof *c);
	if ((flags & ACTION_CTX_VM) != 0) {
		if (vm_context_load(&c->vm, e) != 0)
			return -1;
		c->has_vm = true;
	}
	if (plugin_registry_load(&c->reg, NULL, e) != 0)
		return -1;
	c->reg_loaded = true;
	c->certs.reg = &c->reg;
	plugin_host_set_services(&(const struct plugin_host_services){
		.user = c,
		.container_state = ctx_container_state,
		.container_exec = ctx_container_exec,
		.cert_ensure = ctx_cert_ensure,
	});
	return 0;
}

void
action_ctx_close(struct action_ctx *c)
{
	if (!c->reg_loaded)
		return;
	plugin_host_set_services(NULL);
	plugin_registry_free(&c->reg);
	c->reg_loaded = false;
	c->certs.reg = NULL;
}
