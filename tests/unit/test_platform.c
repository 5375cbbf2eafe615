/* test_platform.c - platform.env: reading, validation, the writer that
 * keeps foreign keys, and the hostname-derived instance suffix. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "envfile.h"
#include "paths.h"
#include "platform.h"


static const char *
pf(void)
{
	return mpd_path(MPD_PATH_PLATFORM_ENV);
}

static void
put(const char *content)
{
	CU_ASSERT_EQUAL_FATAL(tu_write_file(pf(), content), 0);
}

static void
expect_load_bad(const char *content, const char *needle)
{
	struct mpd_platform p;
	struct mpd_err e = {0};

	put(content);
	CU_ASSERT_EQUAL(mpd_platform_load(&p, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "\n  expected '%s' in: %s\n", needle, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, pf()));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

static void
test_root_is_private(void)
{
	/* the tests never touch the real /var/lib/mpd */
	CU_ASSERT_EQUAL(strncmp(pf(), tu_root, strlen(tu_root)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(pf(), "/var/lib/mpd/conf/platform.env"));
}

static void
test_load_missing(void)
{
	struct mpd_platform p;
	struct mpd_err e = {0};

	unlink(pf());
	CU_ASSERT_EQUAL(mpd_platform_load(&p, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "platform.env not found at "));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, pf()));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "mpd-virt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg,
	    "setup/sandbox/take-over-sandbox-vm.sh"));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

static void
test_load_values(void)
{
	struct mpd_platform p;
	struct mpd_err e = {0};

	put("# written by mpd-virt\n"
	    "MPD_PLATFORM=machine\n"
	    "MPD_VM_IP=10.211.55.159\n"
	    "MPD_INSTANCE_SUFFIX=-161\n"
	    "MPD_NETWORK_SUBNET=10.163.0.0/24\n");
	CU_ASSERT_EQUAL_FATAL(mpd_platform_load(&p, &e), 0);
	CU_ASSERT_EQUAL(p.kind, MPD_PLATFORM_MACHINE);
	CU_ASSERT_STRING_EQUAL(p.vm_ip, "10.211.55.159");
	CU_ASSERT_STRING_EQUAL(p.instance_suffix, "-161");

	/* quoting behaves as in every env file; absent keys are empty */
	put("MPD_PLATFORM=\"sandbox\"\nMPD_VM_IP=''\r\n");
	CU_ASSERT_EQUAL_FATAL(mpd_platform_load(&p, &e), 0);
	CU_ASSERT_EQUAL(p.kind, MPD_PLATFORM_SANDBOX);
	CU_ASSERT_STRING_EQUAL(p.vm_ip, "");
	CU_ASSERT_STRING_EQUAL(p.instance_suffix, "");

	/* the original's name for machine */
	put("MPD_PLATFORM=managed\nMPD_VM_IP=10.211.55.100\nMPD_VM_ID=100\n");
	CU_ASSERT_EQUAL_FATAL(mpd_platform_load(&p, &e), 0);
	CU_ASSERT_EQUAL(p.kind, MPD_PLATFORM_MACHINE);
	CU_ASSERT_STRING_EQUAL(mpd_platform_kind_name(p.kind), "machine");
	CU_ASSERT_STRING_EQUAL(mpd_platform_kind_name(MPD_PLATFORM_SANDBOX),
	    "sandbox");

	/* last assignment wins, like bash */
	put("MPD_PLATFORM=bogus\nMPD_PLATFORM=sandbox\n");
	CU_ASSERT_EQUAL(mpd_platform_load(&p, &e), 0);
	CU_ASSERT_EQUAL(p.kind, MPD_PLATFORM_SANDBOX);
}

static void
test_load_bad_values(void)
{
	const char *allowed = "(allowed: machine, sandbox)";

	expect_load_bad("MPD_VM_IP=1.2.3.4\n", "MPD_PLATFORM is missing "
	    "(allowed: machine, sandbox)");
	expect_load_bad("MPD_PLATFORM=vm\n", "MPD_PLATFORM='vm' is invalid "
	    "(allowed: machine, sandbox)");
	expect_load_bad("MPD_PLATFORM=Machine\n", allowed);
	expect_load_bad("MPD_PLATFORM=\n", allowed);
	expect_load_bad("MPD_PLATFORM=machine \n", allowed);
	expect_load_bad("MPD_PLATFORM=machine\nMPD_VM_IP=10.0.0\n",
	    "MPD_VM_IP='10.0.0' is not an IPv4 address");
	expect_load_bad("MPD_PLATFORM=machine\nMPD_VM_IP=$(id)\n",
	    "MPD_VM_IP='$(id)'");
	expect_load_bad("MPD_PLATFORM=sandbox\nMPD_INSTANCE_SUFFIX=161\n",
	    "MPD_INSTANCE_SUFFIX='161' is invalid");
	expect_load_bad("MPD_PLATFORM=sandbox\nMPD_INSTANCE_SUFFIX=-a b\n",
	    "MPD_INSTANCE_SUFFIX");
	expect_load_bad("MPD_PLATFORM=sandbox\nMPD_VM_IP=\x01\n",
	    "MPD_VM_IP='?'");
}

static void
test_ipv4(void)
{
	const char *good[] = { "0.0.0.0", "10.211.55.159", "255.255.255.255",
	    "1.2.3.4", "10.163.0.3", "192.168.0.10" };
	const char *bad[] = { "", "1.2.3", "1.2.3.4.5", "256.1.1.1",
	    "1.2.3.256", "010.1.1.1", "1.2.3.04", "00.1.1.1", "1..2.3",
	    ".1.2.3", "1.2.3.", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "1.2.3.4/24",
	    "1234.1.1.1", "0x1.2.3.4", "1.2.3.-4", "+1.2.3.4", "::1",
	    "99999999999.1.1.1" };

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CU_ASSERT_TRUE(mpd_platform_ipv4_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (mpd_platform_ipv4_valid(bad[i]))
			fprintf(stderr, "\n  accepted '%s'\n", bad[i]);
		CU_ASSERT_FALSE(mpd_platform_ipv4_valid(bad[i]));
	}
}

static void
expect_suffix(const char *hostname, const char *want)
{
	char out[MPD_PLATFORM_SUFFIX_MAX + 1];

	memset(out, 'z', sizeof out);
	mpd_platform_suffix_from_hostname(hostname, out);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  '%s': expected '%s', got '%s'\n",
		    hostname ? hostname : "(null)", want, out);
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_TRUE(mpd_platform_suffix_valid(out));
}

static void
test_suffix_from_hostname(void)
{
	char longhost[100];

	expect_suffix("mpd-161", "-161");
	expect_suffix("mpd-sandbox-trixie", "-sandbox-trixie");
	expect_suffix("mpd-X1", "-X1");
	expect_suffix("mpd-161.example.org", "-161");
	expect_suffix("mpd", "");
	expect_suffix("mpd-", "");
	expect_suffix("mpd-.local", "");
	expect_suffix("debian", "");
	expect_suffix("xmpd-161", "");
	expect_suffix("MPD-161", "");
	expect_suffix("mpd_161", "");
	expect_suffix("mpd-a_b", "");
	expect_suffix("mpd-a b", "");
	expect_suffix("", "");
	expect_suffix(NULL, "");
	/* "mpd-" + 62 chars gives a 63-char suffix; one more is refused */
	memcpy(longhost, "mpd-", 4);
	memset(longhost + 4, '7', 62);
	longhost[66] = '\0';
	{
		char out[MPD_PLATFORM_SUFFIX_MAX + 1];

		mpd_platform_suffix_from_hostname(longhost, out);
		CU_ASSERT_EQUAL(strlen(out), 63);
	}
	longhost[66] = '7';
	longhost[67] = '\0';
	expect_suffix(longhost, "");
}

static void
test_suffix_valid(void)
{
	CU_ASSERT_TRUE(mpd_platform_suffix_valid(""));
	CU_ASSERT_TRUE(mpd_platform_suffix_valid("-161"));
	CU_ASSERT_TRUE(mpd_platform_suffix_valid("-a-b"));
	CU_ASSERT_FALSE(mpd_platform_suffix_valid("-"));
	CU_ASSERT_FALSE(mpd_platform_suffix_valid("161"));
	CU_ASSERT_FALSE(mpd_platform_suffix_valid("-1.2"));
	CU_ASSERT_FALSE(mpd_platform_suffix_valid("-a/b"));
	CU_ASSERT_FALSE(mpd_platform_suffix_valid("-$(id)"));
}

static void
test_write_preserves_foreign_keys(void)
{
	struct mpd_platform p = { MPD_PLATFORM_MACHINE, "10.211.55.161",
	    "-161" };
	struct mpd_platform back;
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};
	char *text;

	put("# written by bootstrap/30-networking.sh\n"
	    "MPD_PLATFORM=managed\n"
	    "MPD_VM_IP=10.211.55.100\n"
	    "MPD_VM_ID=161\n"
	    "MPD_NETWORK_SUBNET=10.163.0.0/24\n"
	    "MPD_NETWORK_NOTE=\"two words\"  \n"
	    "MPD_INSTANCE_SUFFIX=-old\n"
	    "MPD_NETWORK_CRLF=x\r\n"
	    "OTHER=not an MPD key\n"
	    "  MPD_INDENTED=1\n"
	    "MPD_VM_IP=10.211.55.101\n");
	CU_ASSERT_EQUAL(chmod(pf(), 0600), 0);
	CU_ASSERT_EQUAL_FATAL(mpd_platform_write(&p, &e), 0);
	text = tu_read_file(pf());
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	/* managed keys exactly once, with the new values */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_PLATFORM=machine\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_VM_IP=10.211.55.161\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_INSTANCE_SUFFIX=-161\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "managed"));
	CU_ASSERT_PTR_NULL(strstr(text, "10.211.55.10"));
	CU_ASSERT_PTR_NULL(strstr(text, "-old"));
	/* foreign MPD_* lines verbatim, in their order */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_VM_ID=161\n"
	    "MPD_NETWORK_SUBNET=10.163.0.0/24\n"
	    "MPD_NETWORK_NOTE=\"two words\"  \n"
	    "MPD_NETWORK_CRLF=x\r\n"));
	/* non-MPD lines are not carried */
	CU_ASSERT_PTR_NULL(strstr(text, "OTHER="));
	CU_ASSERT_PTR_NULL(strstr(text, "MPD_INDENTED"));
	free(text);

	/* it reads back, through the same parser */
	CU_ASSERT_EQUAL_FATAL(mpd_platform_load(&back, &e), 0);
	CU_ASSERT_EQUAL(back.kind, MPD_PLATFORM_MACHINE);
	CU_ASSERT_STRING_EQUAL(back.vm_ip, "10.211.55.161");
	CU_ASSERT_STRING_EQUAL(back.instance_suffix, "-161");
	CU_ASSERT_EQUAL(mpd_envfile_load(pf(), &env, false, &e), 0);
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, "MPD_VM_ID"), "161");
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, "MPD_NETWORK_NOTE"),
	    "\"two words\"  ");
	mpd_env_free(&env);
	{
		struct stat st;

		CU_ASSERT_EQUAL(stat(pf(), &st), 0);
		CU_ASSERT_EQUAL(st.st_mode & 07777, 0600);
	}

	/* writing twice gives the same file (foreign keys not duplicated) */
	text = tu_read_file(pf());
	CU_ASSERT_EQUAL_FATAL(mpd_platform_write(&p, &e), 0);
	{
		char *again = tu_read_file(pf());

		CU_ASSERT_STRING_EQUAL(again, text);
		free(again);
	}
	free(text);
}

static void
test_write_new_file(void)
{
	struct mpd_platform p = { MPD_PLATFORM_SANDBOX, "", "" };
	struct mpd_platform back;
	struct mpd_err e = {0};
	char *text;

	unlink(pf());
	CU_ASSERT_EQUAL_FATAL(mpd_platform_write(&p, &e), 0);
	text = tu_read_file(pf());
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_PLATFORM=sandbox\n"
	    "MPD_VM_IP=\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_INSTANCE_SUFFIX=\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "preserved"));
	free(text);
	CU_ASSERT_EQUAL(mpd_platform_load(&back, &e), 0);
	CU_ASSERT_EQUAL(back.kind, MPD_PLATFORM_SANDBOX);
}

/* Bad input: an error naming the file, and the file exactly as it was. */
static void
expect_write_refused(const struct mpd_platform *p, const char *needle)
{
	const char *before_text = "MPD_PLATFORM=sandbox\nMPD_NETWORK_X=1\n";
	struct mpd_err e = {0};
	struct stat before, after;
	char *text;

	put(before_text);
	CU_ASSERT_EQUAL(stat(pf(), &before), 0);
	CU_ASSERT_EQUAL(mpd_platform_write(p, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, pf()));
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "\n  expected '%s' in: %s\n", needle, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_EQUAL(stat(pf(), &after), 0);
	CU_ASSERT_EQUAL(before.st_ino, after.st_ino);
	text = tu_read_file(pf());
	CU_ASSERT_STRING_EQUAL(text, before_text);
	free(text);
}

static void
test_write_refuses_bad_values(void)
{
	struct mpd_platform p = { MPD_PLATFORM_MACHINE, "10.0.0", "" };

	expect_write_refused(&p, "MPD_VM_IP='10.0.0' is not an IPv4 address");
	snprintf(p.vm_ip, sizeof p.vm_ip, "1.2.3.4\nMPD_X");
	expect_write_refused(&p, "MPD_VM_IP");
	snprintf(p.vm_ip, sizeof p.vm_ip, "1.2.3.4");
	snprintf(p.instance_suffix, sizeof p.instance_suffix, "-a\nb");
	expect_write_refused(&p, "MPD_INSTANCE_SUFFIX='-a?b' is invalid");
	snprintf(p.instance_suffix, sizeof p.instance_suffix, "161");
	expect_write_refused(&p, "MPD_INSTANCE_SUFFIX");
	snprintf(p.instance_suffix, sizeof p.instance_suffix, "-1");
	p.kind = (enum mpd_platform_kind)7;
	expect_write_refused(&p, "unknown platform kind");
	/* an unterminated buffer is refused, not overrun */
	p.kind = MPD_PLATFORM_MACHINE;
	memset(p.vm_ip, '1', sizeof p.vm_ip);
	expect_write_refused(&p, "MPD_VM_IP");
}

static void
test_write_refuses_corrupt_file(void)
{
	struct mpd_platform p = { MPD_PLATFORM_SANDBOX, "", "" };
	struct mpd_err e = {0};
	static const char bad[] = "MPD_PLATFORM=sandbox\nMPD_X=\0\n";
	FILE *f = fopen(pf(), "w");
	char buf[64];
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fwrite(bad, 1, sizeof bad - 1, f);
	fclose(f);
	CU_ASSERT_EQUAL(mpd_platform_write(&p, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "platform.env:2:"));
	f = fopen(pf(), "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	CU_ASSERT_EQUAL(n, sizeof bad - 1);
	CU_ASSERT_EQUAL(memcmp(buf, bad, n), 0);
}

static void
test_update_suffix(void)
{
	struct mpd_platform p;
	struct mpd_err e = {0};
	char *text;

	put("MPD_PLATFORM=machine\nMPD_VM_IP=10.211.55.161\n"
	    "MPD_INSTANCE_SUFFIX=\nMPD_VM_ID=161\n");
	CU_ASSERT_EQUAL_FATAL(mpd_platform_update_suffix("-161", &e), 0);
	CU_ASSERT_EQUAL_FATAL(mpd_platform_load(&p, &e), 0);
	CU_ASSERT_EQUAL(p.kind, MPD_PLATFORM_MACHINE);
	CU_ASSERT_STRING_EQUAL(p.vm_ip, "10.211.55.161");
	CU_ASSERT_STRING_EQUAL(p.instance_suffix, "-161");
	text = tu_read_file(pf());
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nMPD_VM_ID=161\n"));
	free(text);

	/* a bad suffix changes nothing */
	text = tu_read_file(pf());
	CU_ASSERT_EQUAL(mpd_platform_update_suffix("-a b", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, pf()));
	{
		char *now = tu_read_file(pf());

		CU_ASSERT_STRING_EQUAL(now, text);
		free(now);
	}
	free(text);

	/* and it needs the file */
	unlink(pf());
	CU_ASSERT_EQUAL(mpd_platform_update_suffix("-1", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_NOT_EQUAL(access(pf(), F_OK), 0);
}

static const struct mpd_test_case platform_cases[] = {
	{ "paths stay under the test root", test_root_is_private },
	{ "missing file has a fix-it", test_load_missing },
	{ "reading values", test_load_values },
	{ "bad values name the file", test_load_bad_values },
	{ "IPv4 check", test_ipv4 },
	{ "suffix from hostname", test_suffix_from_hostname },
	{ "suffix shape", test_suffix_valid },
	{ "write keeps foreign keys", test_write_preserves_foreign_keys },
	{ "write creates the file", test_write_new_file },
	{ "write refuses bad values", test_write_refuses_bad_values },
	{ "write refuses a corrupt file", test_write_refuses_corrupt_file },
	{ "update the suffix", test_update_suffix },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "platform", tu_suite_setup, tu_suite_teardown, platform_cases },
	{ NULL, NULL, NULL, NULL }
};
