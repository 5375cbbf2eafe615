/* test_abi_freeze.c - the plugin ABI 1.0, frozen.
 *
 * Every size and offset below is what ABI 1.0 shipped with on LP64
 * (x86_64, aarch64).  A change that moves one fails to COMPILE, which is
 * the point: within a major, structs only grow at the end (a new minor),
 * and this file then gains lines for the new fields but never changes an
 * existing one.  The runtime cases check the numbers the build publishes.
 */
#include "harness.h"

#include <stddef.h>
#include <string.h>

#include <mpd/plugin.h>

#include "plugin_host.h"
#include "plugin_loader.h"

#if defined(__LP64__) || defined(_LP64)
#define FREEZE_SIZE(t, n) _Static_assert(sizeof(t) == (n), #t " changed size: ABI break")
#define FREEZE_OFF(t, f, n) _Static_assert(offsetof(t, f) == (n), #t "." #f " moved: ABI break")
FREEZE_SIZE(struct mpd_plugin, 88);
FREEZE_OFF(struct mpd_plugin, abi_major, 0);
FREEZE_OFF(struct mpd_plugin, abi_minor, 4);
FREEZE_OFF(struct mpd_plugin, struct_size, 8);
FREEZE_OFF(struct mpd_plugin, kind, 12);
FREEZE_OFF(struct mpd_plugin, name, 16);
FREEZE_OFF(struct mpd_plugin, version, 24);
FREEZE_OFF(struct mpd_plugin, description, 32);
FREEZE_OFF(struct mpd_plugin, build_id, 40);
FREEZE_OFF(struct mpd_plugin, flags, 48);
FREEZE_OFF(struct mpd_plugin, init, 56);
FREEZE_OFF(struct mpd_plugin, fini, 64);
FREEZE_OFF(struct mpd_plugin, ops, 72);
FREEZE_OFF(struct mpd_plugin, ops_size, 80);
FREEZE_SIZE(struct mpd_host_api, 112);
FREEZE_OFF(struct mpd_host_api, host_version, 8);
FREEZE_OFF(struct mpd_host_api, log, 16);
FREEZE_OFF(struct mpd_host_api, set_error, 24);
FREEZE_OFF(struct mpd_host_api, alloc, 32);
FREEZE_OFF(struct mpd_host_api, free, 40);
FREEZE_OFF(struct mpd_host_api, strdup, 48);
FREEZE_OFF(struct mpd_host_api, config_get, 56);
FREEZE_OFF(struct mpd_host_api, path, 64);
FREEZE_OFF(struct mpd_host_api, container_state, 72);
FREEZE_OFF(struct mpd_host_api, container_exec, 80);
FREEZE_OFF(struct mpd_host_api, exec_result_release, 88);
FREEZE_OFF(struct mpd_host_api, state_read, 96);
FREEZE_OFF(struct mpd_host_api, cert_ensure, 104);
/* 1.0 ended at 160 (after `cap_drop`); 1.3 appended stop_signal and
 * stop_timeout_s */
FREEZE_SIZE(struct mpd_container_spec, 176);
FREEZE_OFF(struct mpd_container_spec, stop_signal, 160);
FREEZE_OFF(struct mpd_container_spec, stop_timeout_s, 168);
FREEZE_OFF(struct mpd_container_spec, dns, 144);
FREEZE_OFF(struct mpd_container_spec, cap_drop, 152);
FREEZE_OFF(struct mpd_container_spec, name, 8);
FREEZE_OFF(struct mpd_container_spec, image, 16);
FREEZE_OFF(struct mpd_container_spec, hostname, 24);
FREEZE_OFF(struct mpd_container_spec, ip, 32);
FREEZE_OFF(struct mpd_container_spec, aliases, 40);
FREEZE_OFF(struct mpd_container_spec, labels, 48);
FREEZE_OFF(struct mpd_container_spec, env, 64);
FREEZE_OFF(struct mpd_container_spec, mounts, 80);
FREEZE_OFF(struct mpd_container_spec, command, 96);
FREEZE_OFF(struct mpd_container_spec, user, 104);
FREEZE_OFF(struct mpd_container_spec, workdir, 112);
FREEZE_OFF(struct mpd_container_spec, cap_add, 120);
FREEZE_OFF(struct mpd_container_spec, flags, 128);
FREEZE_OFF(struct mpd_container_spec, revision, 136);
FREEZE_SIZE(struct mpd_mount, 24);
FREEZE_SIZE(struct mpd_kv, 16);
FREEZE_SIZE(struct mpd_buf, 16);
FREEZE_SIZE(struct mpd_dns_record, 16);
FREEZE_SIZE(struct mpd_pem_pair, 32);
FREEZE_SIZE(struct mpd_step, 56);
FREEZE_OFF(struct mpd_step, argv, 24);
FREEZE_OFF(struct mpd_step, timeout_ms, 48);
FREEZE_SIZE(struct mpd_probe, 24);
FREEZE_SIZE(struct mpd_exec_request, 72);
FREEZE_OFF(struct mpd_exec_request, stdin_data, 48);
FREEZE_OFF(struct mpd_exec_request, timeout_ms, 64);
FREEZE_SIZE(struct mpd_exec_result, 48);
FREEZE_OFF(struct mpd_exec_result, err_len, 40);
/* 1.0 ended at 96 (after `ready`); 1.2 appended five fields */
FREEZE_SIZE(struct mpd_runtime_desc, 136);
FREEZE_OFF(struct mpd_runtime_desc, ready, 88);
FREEZE_OFF(struct mpd_runtime_desc, asset_dir, 96);
FREEZE_OFF(struct mpd_runtime_desc, base_release, 104);
FREEZE_OFF(struct mpd_runtime_desc, build_args, 112);
FREEZE_OFF(struct mpd_runtime_desc, n_build_args, 120);
FREEZE_OFF(struct mpd_runtime_desc, provides, 128);
FREEZE_SIZE(struct mpd_runtime_input, 40);
FREEZE_SIZE(struct mpd_runtime_ops, 16);
FREEZE_SIZE(struct mpd_service_input, 64);
FREEZE_OFF(struct mpd_service_input, ca_fingerprint, 56);
FREEZE_SIZE(struct mpd_service_desc, 72);
FREEZE_OFF(struct mpd_service_desc, access, 56);
FREEZE_OFF(struct mpd_service_desc, tcp_port, 64);
FREEZE_SIZE(struct mpd_service_ops, 16);
FREEZE_SIZE(struct mpd_sidecar_input, 32);
/* 1.0 ended at 40 (after `reload`); 1.2 appended build_context, 1.4
 * urls and n_urls */
FREEZE_SIZE(struct mpd_sidecar_desc, 64);
FREEZE_OFF(struct mpd_sidecar_desc, urls, 48);
FREEZE_OFF(struct mpd_sidecar_desc, n_urls, 56);
FREEZE_SIZE(struct mpd_sidecar_url, 16);
FREEZE_OFF(struct mpd_sidecar_desc, reload, 32);
FREEZE_OFF(struct mpd_sidecar_desc, build_context, 40);
FREEZE_SIZE(struct mpd_sidecar_ops, 16);
FREEZE_SIZE(struct mpd_db_input, 48);
FREEZE_SIZE(struct mpd_db_project, 24);
/* 1.0 ended at 48 (after `restore`); 1.3 appended image */
FREEZE_SIZE(struct mpd_db_engine_ops, 56);
FREEZE_OFF(struct mpd_db_engine_ops, restore, 40);
FREEZE_OFF(struct mpd_db_engine_ops, image, 48);
FREEZE_SIZE(struct mpd_db_image, 48);
FREEZE_OFF(struct mpd_db_image, local_versions, 40);
FREEZE_SIZE(struct mpd_ca_params, 32);
FREEZE_SIZE(struct mpd_leaf_params, 32);
FREEZE_SIZE(struct mpd_cert_info, 5224);
FREEZE_OFF(struct mpd_cert_info, sans, 605);
FREEZE_OFF(struct mpd_cert_info, sans_truncated, 4704);
FREEZE_OFF(struct mpd_cert_info, permitted_dns, 4708);
/* 1.1: in 1.0's tail padding, so the size above holds */
FREEZE_OFF(struct mpd_cert_info, flags, 5220);
FREEZE_SIZE(struct mpd_cert_backend_ops, 48);
FREEZE_OFF(struct mpd_cert_backend_ops, key_matches, 40);
#endif

_Static_assert(MPD_ABI_MAJOR == 1, "a new major renames the entry symbol: update MPD_PLUGIN_ENTRY_NAME");

static void
test_numbers_agree(void)
{
	/* configure's numbers (mpd-plugin.pc) equal the header's */
	CU_ASSERT_EQUAL(MPD_ABI_MAJOR, MPD_PC_ABI_MAJOR);
	CU_ASSERT_EQUAL(MPD_ABI_MINOR, MPD_PC_ABI_MINOR);
	CU_ASSERT_STRING_EQUAL(MPD_PLUGIN_ENTRY_NAME, "mpd_plugin_entry_v1");
}

static void
test_host_table_complete(void)
{
	const struct mpd_host_api *h = plugin_host_api();
	void (*const *slot)(void);
	size_t first = offsetof(struct mpd_host_api, log);

	CU_ASSERT_EQUAL(h->struct_size, sizeof *h);
	/* every slot the host knows is non-NULL */
	for (size_t off = first; off + sizeof(void (*)(void)) <= sizeof *h;
	     off += sizeof(void (*)(void))) {
		slot = (void (*const *)(void))((const char *)h + off);
		CU_ASSERT_PTR_NOT_NULL(*slot);
	}
}

static void
test_ops_minimums(void)
{
	CU_ASSERT_EQUAL(plugin_ops_min_size(MPD_PLUGIN_SERVICE),
	    sizeof(struct mpd_service_ops));
	CU_ASSERT_EQUAL(plugin_ops_min_size(MPD_PLUGIN_CERT_BACKEND),
	    sizeof(struct mpd_cert_backend_ops));
	CU_ASSERT_EQUAL(plugin_ops_min_size(99), 0);
}

static const struct mpd_test_case cases[] = {
	{ "configure and header agree", test_numbers_agree },
	{ "host table has no empty slot", test_host_table_complete },
	{ "ops minimum sizes are ABI 1.0's", test_ops_minimums },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "abi freeze", NULL, NULL, cases },
	{ NULL, NULL, NULL, NULL },
};
