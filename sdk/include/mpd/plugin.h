/*
 * mpd/plugin.h - the stable C ABI between mpd and its plugins.
 *
 * Where to start: copy sdk/examples/hello-service/ (a complete service
 * plugin with its Makefile, built against the installed SDK through
 * `pkg-config mpd-plugin`), fill one ops table for your kind below, and end
 * the file with MPD_PLUGIN_DEFINE() (at the bottom of this header), which
 * writes the descriptor and the one exported symbol.  docs/PLUGINS.md is
 * the guide; mpd/names.h holds the platform's fixed names and addresses.
 *
 * A plugin is one shared object, one kind (runtime, service, sidecar,
 * db-engine, cert-backend), one exported symbol: mpd_plugin_entry_v1(),
 * written for you by MPD_PLUGIN_DEFINE() below.  Plugins DESCRIBE; the core
 * ACTS.  A plugin never forks, execs or talks to podman: it returns data
 * (container specs, argv lists to run inside a container, PEM bytes) and,
 * where it needs the core to do something during a call, asks through the
 * host table it was handed at init.  Plugins are linked with -Wl,-z,defs and
 * the mpd executable exports no symbols, so the host table is the only way
 * into the core.
 *
 * Versioning (see docs/PLUGINS.md):
 *   - MPD_ABI_MAJOR must equal the host's; the entry symbol carries it
 *     (mpd_plugin_entry_v<MAJOR>), so a plugin of another major is not even
 *     found.
 *   - MPD_ABI_MINOR must not exceed the host's.  Minors only append: new
 *     fields at the END of a struct, new host functions at the END of the
 *     table, new enum values.  Nothing is reordered, retyped or removed
 *     within a major.
 *   - Every struct that may grow starts with `struct_size` (sizeof as the
 *     writer compiled it): the inputs, descriptions, ops tables and the
 *     host table.  A reader never touches a field beyond struct_size;
 *     MPD_HAS_FIELD() tests for one.  The small fixed shapes (mpd_buf,
 *     mpd_kv, mpd_mount, mpd_dns_record, mpd_pem_pair) have no struct_size
 *     and never change within a major; struct mpd_plugin carries its size
 *     after the ABI numbers.
 *
 * Ownership, for every call in this file:
 *   - Inputs are borrowed for the duration of the call.
 *   - Description structs a plugin fills (container specs, steps, ...) point
 *     into memory the PLUGIN owns; it stays valid until the next call into
 *     the same plugin or until fini().  The core copies what it keeps.
 *   - Byte buffers a plugin returns in `struct mpd_buf` are allocated with
 *     host->alloc(); the core releases them (secrets are wiped first).
 *   - Results the HOST returns to a plugin (mpd_exec_result, state JSON) are
 *     released by the plugin with the matching host function.
 *   - Plugin state belongs to the plugin: created in init(), freed in fini().
 * Threads: the core calls a plugin from one thread at a time.
 * Errors: fallible calls return 0 or a negative MPD_E* code, and may attach a
 * one-line message with host->set_error().  Plugins never exit or abort.
 *
 * Changelog (append one line per minor; a major bump starts a new list):
 *   1.0  first release: descriptor, host table, five kinds (container
 *        specs with dns, cap_drop, read-only and no-new-privileges;
 *        frozen by tests/unit/test_abi_freeze.c).
 *   1.1  mpd_cert_info.flags (enum mpd_cert_flags), in what was padding:
 *        IP exclusions of a CA's name constraints, ECDSA signature
 *        parameters; ca_generate's permitted_dns also excludes every IP.
 *   1.2  mpd_runtime_desc: asset_dir, base_release, build_args,
 *        provides (a runtime whose assets, release or build settings are
 *        shared with another: php and php82); mpd_sidecar_desc:
 *        build_context (the image a sidecar runs, built by mpd).
 *   1.3  mpd_container_spec: stop_signal, stop_timeout_s (a graceful
 *        stop: postgres's fast shutdown on SIGINT); db-engine: the
 *        image() op and struct mpd_db_image (an engine image built from
 *        the base releases' packages, or pulled), MPD_DB_EXIT_REFUSED.
 *   1.4  mpd_sidecar_desc: urls, n_urls (struct mpd_sidecar_url: a
 *        sidecar's web UI served by the frontdoor at
 *        https://<label>.<runtime>.mpd.test/, the mail catcher's inbox).
 */
#ifndef MPD_PLUGIN_H
#define MPD_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MPD_ABI_MAJOR 1
#define MPD_ABI_MINOR 4

/* ---- status codes ------------------------------------------------------ */
enum mpd_status {
	MPD_OK = 0,
	MPD_EINVAL = -1,	/* bad argument or input */
	MPD_ENOTSUP = -2,	/* not supported by this plugin/host */
	MPD_EIO = -3,		/* file system or I/O */
	MPD_ETIMEDOUT = -4,
	MPD_ENOMEM = -5,
	MPD_ENOENT = -6,	/* no such thing */
	MPD_EEXIST = -7,
	MPD_ESTATE = -8,	/* wrong state for the request */
	MPD_EEXEC = -9,		/* a command the core ran failed */
	MPD_ECRYPTO = -10,	/* certificate/key material invalid */
};

enum mpd_plugin_kind {
	MPD_PLUGIN_RUNTIME = 1,
	MPD_PLUGIN_SERVICE = 2,
	MPD_PLUGIN_SIDECAR = 3,
	MPD_PLUGIN_DB_ENGINE = 4,
	MPD_PLUGIN_CERT_BACKEND = 5,
};

enum mpd_host_log_level {
	MPD_HOST_LOG_ERROR = 0,
	MPD_HOST_LOG_WARN = 1,
	MPD_HOST_LOG_INFO = 2,
	MPD_HOST_LOG_DEBUG = 3,	/* shown with mpd --debug */
};

#if defined(__GNUC__)
#define MPD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MPD_PRINTF(f, a)
#endif

/* True when `ptr` (a struct with struct_size first) holds `field`. */
#define MPD_HAS_FIELD(ptr, type, field) \
	((ptr)->struct_size >= offsetof(type, field) + sizeof(((type *)0)->field))

/* Opaque handle the core gives each loaded plugin; pass it back on every
 * host call. */
typedef struct mpd_host_ctx mpd_host_ctx;

/* ---- plain data shapes ------------------------------------------------- */

/* Bytes handed from plugin to core; `data` comes from host->alloc(). */
struct mpd_buf {
	unsigned char *data;
	size_t len;
};

struct mpd_kv {
	const char *key;
	const char *value;
};

enum mpd_mount_flags {
	MPD_MOUNT_RO = 1u << 0,		/* read-only */
	MPD_MOUNT_VOLUME = 1u << 1,	/* source is a named podman volume */
};

struct mpd_mount {
	const char *source;	/* host path, or volume name with MPD_MOUNT_VOLUME */
	const char *target;	/* path inside the container */
	uint32_t flags;
};

enum mpd_container_flags {
	MPD_CONTAINER_SYSTEMD = 1u << 0,	/* run systemd as PID 1 */
	MPD_CONTAINER_RESTART = 1u << 1,	/* restart policy: unless-stopped */
	MPD_CONTAINER_INIT = 1u << 2,		/* tiny init for signal handling */
	MPD_CONTAINER_READ_ONLY = 1u << 3,	/* read-only root file system
						   (tmpfs on /run, /tmp) */
	MPD_CONTAINER_NO_NEW_PRIVS = 1u << 4,	/* no-new-privileges */
};

/* A container the core creates.  The core adds mpd's own labels (managed,
 * kind, plugin, revision) and the network; the plugin says what is specific. */
struct mpd_container_spec {
	uint32_t struct_size;
	const char *name;		/* e.g. "mpd-service-dnsmasq" */
	const char *image;		/* image reference */
	const char *hostname;		/* NULL: podman's default */
	const char *ip;			/* static IPv4 on mpd-internal, or NULL */
	const char *const *aliases;	/* network aliases, NULL-terminated or NULL */
	const struct mpd_kv *labels;	/* extra labels */
	size_t n_labels;
	const struct mpd_kv *env;
	size_t n_env;
	const struct mpd_mount *mounts;
	size_t n_mounts;
	const char *const *command;	/* argv, NULL-terminated; NULL = image default */
	const char *user;		/* NULL: image default */
	const char *workdir;		/* NULL: image default */
	const char *const *cap_add;	/* NULL-terminated or NULL */
	uint32_t flags;			/* enum mpd_container_flags */
	const char *revision;		/* changes when the definition changes; the
					   core recreates the container then */
	const char *const *dns;		/* DNS servers for the container (e.g.
					   mpd's dnsmasq), NULL-terminated or NULL */
	const char *const *cap_drop;	/* capabilities to drop ("ALL" or names),
					   NULL-terminated or NULL; applied
					   before cap_add */
	/* 1.3 (test with MPD_HAS_FIELD before reading) */
	const char *stop_signal;	/* what `podman stop` sends ("SIGINT"),
					   NULL: the image's STOPSIGNAL */
	int stop_timeout_s;		/* seconds a stop waits before SIGKILL,
					   <= 0: the core's default */
};

/* A command run inside a container by the core (podman exec). */
struct mpd_step {
	uint32_t struct_size;
	const char *label;		/* shown to the user: "Installing PHP" */
	const char *user;		/* NULL = the dev user; "root" only where the
					   spec allows (runtime bootstrap) */
	const char *const *argv;	/* NULL-terminated */
	const char *const *env;		/* "KEY=VALUE", NULL-terminated or NULL */
	const char *workdir;		/* NULL: container default */
	int timeout_ms;			/* <= 0: the core's default */
};

/* How the core decides a container is ready. */
struct mpd_probe {
	uint32_t struct_size;
	const char *const *argv;	/* run inside the container; exit 0 = ready */
	int interval_ms;
	int attempts;
};

/* A DNS record the core publishes in dnsmasq (A record). */
struct mpd_dns_record {
	const char *name;	/* fully qualified, under mpd.test */
	const char *ipv4;
};

/* ---- what the host hands the plugin ----------------------------------- */

enum mpd_container_state {
	MPD_CONTAINER_MISSING = 0,
	MPD_CONTAINER_STOPPED = 1,
	MPD_CONTAINER_RUNNING = 2,
};

/* A request to run argv inside a container (podman exec). */
struct mpd_exec_request {
	uint32_t struct_size;
	const char *container;
	const char *user;		/* NULL = the dev user */
	const char *const *argv;	/* NULL-terminated */
	const char *const *env;		/* "KEY=VALUE", NULL-terminated or NULL */
	const char *workdir;
	const void *stdin_data;		/* may be NULL */
	size_t stdin_len;
	int timeout_ms;			/* <= 0: the core's default */
};

/* Filled by the host; release with host->exec_result_release(). */
struct mpd_exec_result {
	uint32_t struct_size;
	int exit_status;		/* -1 if killed by a signal or timed out */
	int timed_out;			/* non-zero when the timeout fired */
	char *out;			/* captured stdout, NUL-terminated */
	size_t out_len;
	char *err;			/* captured stderr, NUL-terminated */
	size_t err_len;
};

enum mpd_host_path {
	MPD_HOST_PATH_ASSETS = 0,	/* shipped assets (read-only) */
	MPD_HOST_PATH_PLUGIN_STATE = 1,	/* this plugin's own writable dir */
	MPD_HOST_PATH_CONF = 2,		/* /var/lib/mpd/conf (private) */
	MPD_HOST_PATH_STATE = 3,	/* /var/lib/mpd/state */
};

/*
 * The host table: passed to init(), valid until fini().  Slots are only
 * ever appended; every slot the host knows is non-NULL.  Each slot is
 * marked with the ABI minor it appeared in ("since 1.0"): a plugin that
 * uses a slot newer than the minor it requires checks
 * MPD_HAS_FIELD(host, struct mpd_host_api, slot) first.
 */
struct mpd_host_api {
	uint32_t struct_size;
	uint16_t abi_major;
	uint16_t abi_minor;
	const char *host_version;	/* mpd's version string */

	/* diagnostics (since 1.0) */
	void (*log)(mpd_host_ctx *ctx, enum mpd_host_log_level level,
		    const char *fmt, ...) MPD_PRINTF(3, 4);
	/* Attach a one-line message to the failing call; returns `code`. */
	int (*set_error)(mpd_host_ctx *ctx, int code, const char *fmt, ...)
		MPD_PRINTF(3, 4);

	/* memory: one allocator across the boundary (since 1.0) */
	void *(*alloc)(size_t n);		/* zeroed; NULL on ENOMEM */
	void (*free)(void *p);
	char *(*strdup)(const char *s);

	/* configuration: this plugin's section of /var/lib/mpd/conf/mpd.ini
	 * ([plugin.<name>]).  Returns a host-owned string valid until fini(),
	 * or NULL when the key is not set.  (since 1.0) */
	const char *(*config_get)(mpd_host_ctx *ctx, const char *key);

	/* fixed paths; host-owned string valid until fini() (since 1.0) */
	const char *(*path)(mpd_host_ctx *ctx, enum mpd_host_path which);

	/* podman, as requests the core carries out (since 1.0).  exec runs
	 * as req->user, or the dev user when NULL; `out` is filled with
	 * host-owned buffers released by exec_result_release. */
	int (*container_state)(mpd_host_ctx *ctx, const char *name,
			       enum mpd_container_state *out);
	int (*container_exec)(mpd_host_ctx *ctx,
			      const struct mpd_exec_request *req,
			      struct mpd_exec_result *out);
	void (*exec_result_release)(mpd_host_ctx *ctx,
				    struct mpd_exec_result *res);

	/* read-only state: the JSON text of a state domain ("projects",
	 * "databases", "current-state", "hooks-state").  *json_out is
	 * host-allocated; release it with host->free().  (since 1.0) */
	int (*state_read)(mpd_host_ctx *ctx, const char *domain,
			  char **json_out);

	/* certificates: ask the core (which asks the cert backend) for a leaf
	 * certificate covering `dns_names`; the core writes cert and key under
	 * its own paths and returns them in host-owned strings valid until
	 * this plugin's next cert_ensure call or fini(), whichever comes first:
	 * copy them (host->strdup) to keep them longer.  (since 1.0) */
	int (*cert_ensure)(mpd_host_ctx *ctx, const char *label,
			   const char *const *dns_names,
			   const char **cert_path, const char **key_path);
};

/* ---- kind: runtime ------------------------------------------------------ */

struct mpd_runtime_desc {
	uint32_t struct_size;
	const char *image;		/* image the pod's main container runs */
	const char *build_context;	/* asset dir with a Containerfile, or NULL */
	const char *ip;			/* fixed address on mpd-internal */
	const struct mpd_container_spec *main;	/* the runtime container; the core
					   names it <pod>-main and the pod
					   owns the network: its name, ip,
					   hostname, aliases and dns are not
					   used */
	const struct mpd_step *bootstrap;	/* phase 1 (root, once) */
	size_t n_bootstrap;
	const struct mpd_step *provision;	/* phase 2 (dev user) */
	size_t n_provision;
	const char *const *default_sidecars;	/* sidecar plugin names */
	const char *const *project_types;	/* types this runtime owns */
	const struct mpd_probe *ready;
	/* 1.2 (test with MPD_HAS_FIELD before reading) */
	const char *asset_dir;		/* assets/runtimes/<asset_dir>/ holds its
					   build.sh, tools and project types;
					   NULL: the runtime's name */
	const char *base_release;	/* the base of the runtime's images:
					   NULL: mpd.ini [images] base; a
					   release ("bookworm"): [images]
					   base_<release>, by default
					   localhost/mpd-debian:<release> */
	const struct mpd_kv *build_args;	/* extra `podman build
						   --build-arg`s (hashed into
						   the image's inputs) */
	size_t n_build_args;
	const char *const *provides;	/* settings this runtime satisfies,
					   "MPD_PHP_VERSION=8.4", NULL-terminated
					   or NULL: the core places a project
					   where its setting is provided */
};

struct mpd_runtime_input {
	uint32_t struct_size;
	const char *name;		/* runtime name, e.g. "php" */
	const char *instance_suffix;	/* from platform.env, may be "" */
	const char *dev_user;
	uint32_t dev_uid;
};

struct mpd_runtime_ops {
	uint32_t struct_size;
	int (*describe)(void *state, const struct mpd_runtime_input *in,
			struct mpd_runtime_desc *out);
};

/* ---- kind: service (always-on, VM-wide) ------------------------------- */

struct mpd_service_desc {
	uint32_t struct_size;
	const struct mpd_container_spec *container;
	const char *build_context;	/* asset dir with a Containerfile, or NULL */
	const struct mpd_dns_record *dns;	/* names this service answers */
	size_t n_dns;
	const char *const *cert_names;	/* leaf SANs it needs, or NULL */
	const struct mpd_probe *ready;
	const char *access;		/* one line for `mpd list services` */
	uint16_t tcp_port;		/* where it answers (portal probes), or 0 */
};

/* What the core knows that a service may need for its description. */
struct mpd_service_input {
	uint32_t struct_size;
	const char *vm_name;		/* display name (the VM's hostname) */
	const char *vm_ip;		/* MPD_VM_IP, "" on a sandbox */
	const char *dev_user;		/* the developer's login name */
	uint32_t dev_uid;
	uint32_t dev_gid;
	const char *dev_home;		/* the developer's home directory */
	const char *upstream_resolv;	/* resolv.conf with the real upstream
					   resolvers (not a 127.0.0.53 stub) */
	const char *ca_fingerprint;	/* sha256 hex of the current CA */
};

struct mpd_service_ops {
	uint32_t struct_size;
	int (*describe)(void *state, const struct mpd_service_input *in,
			struct mpd_service_desc *out);
};

/* ---- kind: sidecar (per runtime pod) ---------------------------------- */

struct mpd_sidecar_input {
	uint32_t struct_size;
	const char *runtime;		/* runtime name */
	const char *pod;		/* pod the sidecar joins (the core names
					   the container <pod>-<plugin> and
					   ignores its ip, hostname, aliases
					   and dns: the pod has them) */
	const char *projects_json;	/* the runtime's projects with their urls
					   (JSON text, read-only) */
};

/* A sidecar's web UI (1.4): the core serves it through the runtime's
 * frontdoor at https://<label>.<runtime>.mpd.test/ (DNS record, leaf
 * certificate and route made by the core), proxied to `upstream`, an
 * http://127.0.0.1:<port> inside the pod.  Only while the sidecar is
 * wanted. */
struct mpd_sidecar_url {
	const char *label;		/* [a-z][a-z0-9-]*, e.g. "mail" */
	const char *upstream;		/* "http://127.0.0.1:1080" */
};

struct mpd_sidecar_desc {
	uint32_t struct_size;
	int wanted;			/* 0: the sidecar should not run */
	const struct mpd_container_spec *container;
	const char *config_path;	/* where the core writes `config` */
	const char *config;		/* rendered config text, or NULL */
	const struct mpd_step *reload;	/* run after a config change, or NULL */
	/* 1.2 (test with MPD_HAS_FIELD before reading) */
	const char *build_context;	/* asset dir with a Containerfile the
					   core builds container->image from,
					   or NULL: the image is pulled */
	/* 1.4 (test with MPD_HAS_FIELD before reading) */
	const struct mpd_sidecar_url *urls;	/* web UIs the frontdoor serves */
	size_t n_urls;
};

struct mpd_sidecar_ops {
	uint32_t struct_size;
	int (*describe)(void *state, const struct mpd_sidecar_input *in,
			struct mpd_sidecar_desc *out);
};

/* ---- kind: db-engine --------------------------------------------------- */

struct mpd_db_input {
	uint32_t struct_size;
	const char *version;		/* validated MPD_DB version ("17", "latest") */
	const char *database_id;	/* e.g. "postgres-17" */
	const char *container;		/* e.g. "mpd-db-postgres-17" */
	const char *data_dir;		/* e.g. "/srv/dbs/postgres-17" */
	const char *ip;			/* allocated address */
};

struct mpd_db_project {
	uint32_t struct_size;
	const char *project;		/* database, user and password name */
	const char *password;
};

/* Where a DB container's image comes from (1.3). */
struct mpd_db_image {
	uint32_t struct_size;
	const char *build_context;	/* asset dir with a Containerfile the
					   core builds the container's image
					   from, or NULL: the core pulls the
					   image (a registry must be reachable) */
	const char *base_release;	/* as mpd_runtime_desc.base_release */
	const struct mpd_kv *build_args;	/* extra --build-args (hashed
						   into the image's inputs) */
	size_t n_build_args;
	const char *const *local_versions;	/* the versions this engine
					   builds from the base releases'
					   packages ("17", "15"),
					   NULL-terminated or NULL: named
					   when a version can be neither
					   built nor pulled */
};

/* A DB container whose command exits with this status refused to start on
 * its data directory (made by another engine or major version) and left
 * it untouched; its last log line says why and how to fix it, and the
 * core reports that line. */
#define MPD_DB_EXIT_REFUSED 78

struct mpd_db_engine_ops {
	uint32_t struct_size;
	/* Container for one engine version. */
	int (*describe)(void *state, const struct mpd_db_input *in,
			struct mpd_container_spec *out,
			const struct mpd_probe **ready);
	/* Commands (run inside the DB container) that create / drop the
	 * per-project database and user, idempotently. */
	int (*create_project)(void *state, const struct mpd_db_input *in,
			      const struct mpd_db_project *p,
			      const struct mpd_step **steps, size_t *n_steps);
	int (*drop_project)(void *state, const struct mpd_db_input *in,
			    const struct mpd_db_project *p,
			    const struct mpd_step **steps, size_t *n_steps);
	/* Commands that write a dump to stdout / read one from stdin. */
	int (*dump)(void *state, const struct mpd_db_input *in,
		    const struct mpd_db_project *p, struct mpd_step *out);
	int (*restore)(void *state, const struct mpd_db_input *in,
		       const struct mpd_db_project *p, struct mpd_step *out);
	/* 1.3 (test with MPD_HAS_FIELD before calling): where the image
	 * describe() names comes from.  Without it the image is pulled. */
	int (*image)(void *state, const struct mpd_db_input *in,
		     struct mpd_db_image *out);
};

/* ---- kind: cert-backend ------------------------------------------------ */
/* Bytes in, bytes out: no crypto library type crosses the boundary. */

enum mpd_key_type {
	MPD_KEY_EC_P256 = 1,
	MPD_KEY_RSA_2048 = 2,
	MPD_KEY_RSA_4096 = 3,
};

struct mpd_ca_params {
	uint32_t struct_size;
	const char *common_name;	/* e.g. "mpd local CA (mpd-161)" */
	/* name constraints, e.g. {"mpd.test", ".mpd.test", NULL}: the CA
	 * may sign for these DNS subtrees only and (from 1.1) for no IPv4
	 * or IPv6 address at all (excluded 0.0.0.0/0 and ::/0) */
	const char *const *permitted_dns;
	uint32_t validity_days;
	enum mpd_key_type key_type;
};

struct mpd_leaf_params {
	uint32_t struct_size;
	const char *common_name;
	const char *const *dns_names;	/* SANs, NULL-terminated, >= 1 */
	uint32_t validity_days;
	enum mpd_key_type key_type;
};

/* A PEM certificate + key pair (key may be absent where not needed). */
struct mpd_pem_pair {
	const unsigned char *cert;
	size_t cert_len;
	const unsigned char *key;
	size_t key_len;
};

/* mpd_cert_info.flags (ABI 1.1) */
enum mpd_cert_flags {
	/* set by every 1.1 plugin: the other bits are meaningful (a 1.0
	 * plugin leaves flags 0) */
	MPD_CERT_FLAGS_SET = 1u << 0,
	/* the nameConstraints' excludedSubtrees cover every IPv4 address
	 * (0.0.0.0/0) / every IPv6 address (::/0) */
	MPD_CERT_EXCLUDES_IPV4 = 1u << 1,
	MPD_CERT_EXCLUDES_IPV6 = 1u << 2,
	/* an ECDSA signature AlgorithmIdentifier (in the signed part or
	 * outside it) carries parameters, which RFC 5758 section 3.2
	 * forbids: mbed TLS before 3.5 wrote a NULL there, and Chromium
	 * refuses such a certificate (ERR_CERT_INVALID) */
	MPD_CERT_ECDSA_PARAMS = 1u << 3,
};

struct mpd_cert_info {
	uint32_t struct_size;
	int64_t not_before;		/* seconds since the epoch, UTC */
	int64_t not_after;
	int is_ca;
	char fingerprint_sha256[65];	/* hex, lowercase */
	char subject[256];
	char issuer[256];
	/* SANs as one string "a.mpd.test,b.mpd.test" (sorted), truncated
	 * with `sans_truncated` set when longer than the buffer */
	char sans[4096];
	int sans_truncated;
	/* The permitted dNSName subtrees of the certificate's nameConstraints
	 * extension, "mpd.test,.mpd.test" (sorted); "" when it has none.  Lets
	 * the core show a CA that could sign for any domain. */
	char permitted_dns[512];
	/* 1.1: enum mpd_cert_flags (in 1.0's tail padding: the size is
	 * unchanged, so test MPD_CERT_FLAGS_SET, not MPD_HAS_FIELD) */
	uint32_t flags;
};

struct mpd_cert_backend_ops {
	uint32_t struct_size;
	/* Generate a new CA; cert and key PEM into host-allocated buffers. */
	int (*ca_generate)(void *state, const struct mpd_ca_params *p,
			   struct mpd_buf *cert_pem, struct mpd_buf *key_pem);
	/* Issue a leaf signed by `ca` (cert + key PEM). */
	int (*leaf_issue)(void *state, const struct mpd_pem_pair *ca,
			  const struct mpd_leaf_params *p,
			  struct mpd_buf *cert_pem, struct mpd_buf *key_pem);
	/* Describe one PEM certificate. */
	int (*cert_inspect)(void *state, const unsigned char *pem, size_t len,
			    struct mpd_cert_info *out);
	/* 0 when `cert` was signed by `ca` (signature check only; name
	 * constraints are for browsers and tests to enforce), MPD_ECRYPTO
	 * when not, another code on bad input. */
	int (*cert_verify)(void *state, const unsigned char *cert, size_t cert_len,
			   const unsigned char *ca, size_t ca_len);
	/* 0 when the private key in `key` belongs to the certificate `cert`. */
	int (*key_matches)(void *state, const unsigned char *cert, size_t cert_len,
			   const unsigned char *key, size_t key_len);
};

/* ---- the descriptor ---------------------------------------------------- */

enum mpd_plugin_flags {
	MPD_PLUGIN_FLAG_NONE = 0,
};

struct mpd_plugin {
	/* check fields first: the host validates them before anything else */
	uint32_t abi_major;
	uint32_t abi_minor;
	uint32_t struct_size;
	uint32_t kind;			/* enum mpd_plugin_kind */

	const char *name;		/* must equal the file name without ".so" */
	const char *version;		/* the plugin's own version */
	const char *description;	/* one line */
	const char *build_id;		/* informational, may be NULL */
	uint64_t flags;			/* enum mpd_plugin_flags */

	/* init may be NULL (nothing to set up); *state is passed to ops. */
	int (*init)(const struct mpd_host_api *host, mpd_host_ctx *ctx,
		    void **state);
	void (*fini)(void *state);	/* may be NULL */

	const void *ops;		/* struct mpd_<kind>_ops */
	uint32_t ops_size;		/* sizeof that table */
};

typedef const struct mpd_plugin *(*mpd_plugin_entry_fn)(void);

#define MPD_PLUGIN_ENTRY_NAME "mpd_plugin_entry_v1"

/* Define before including this header to stamp a build id (e.g. a git
 * revision) into the descriptor; `mpd --plugins` shows it. */
#ifndef MPD_PLUGIN_BUILD_ID
#define MPD_PLUGIN_BUILD_ID NULL
#endif

#if defined(__GNUC__)
#define MPD_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define MPD_PLUGIN_EXPORT
#endif

/*
 * MPD_PLUGIN_DEFINE(kind, name, version, description, init, fini, ops)
 *   kind:  RUNTIME, SERVICE, SIDECAR, DB_ENGINE or CERT_BACKEND
 *   ops:   a `static const struct mpd_<kind>_ops` object (not a pointer)
 * Writes the descriptor with this header's ABI numbers and sizes, and the
 * one exported entry function.  Use it exactly once per plugin.
 */
#define MPD_PLUGIN_DEFINE(kind_, name_, version_, desc_, init_, fini_, ops_) \
	MPD_PLUGIN_EXPORT const struct mpd_plugin *mpd_plugin_entry_v1(void); \
	MPD_PLUGIN_EXPORT const struct mpd_plugin *mpd_plugin_entry_v1(void) \
	{								\
		static const struct mpd_plugin desc = {			\
			.abi_major = MPD_ABI_MAJOR,			\
			.abi_minor = MPD_ABI_MINOR,			\
			.struct_size = sizeof(struct mpd_plugin),	\
			.kind = MPD_PLUGIN_##kind_,			\
			.name = (name_),				\
			.version = (version_),				\
			.description = (desc_),				\
			.build_id = MPD_PLUGIN_BUILD_ID,		\
			.flags = 0,					\
			.init = (init_),				\
			.fini = (fini_),				\
			.ops = &(ops_),					\
			.ops_size = sizeof(ops_),			\
		};							\
		return &desc;						\
	}

#ifdef __cplusplus
}
#endif

#endif /* MPD_PLUGIN_H */
