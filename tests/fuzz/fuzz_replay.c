/* fuzz_replay.c - a plain main() that feeds files to a libFuzzer target,
 * so `make check` replays the committed corpus with gcc (and under ASan /
 * valgrind in their stages) without clang.  Arguments: files or
 * directories (one level); none = the target's committed corpus
 * (FUZZ_CORPUS_DIR, set by tests/tests.am). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (f == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned count = 0;
#ifdef FUZZ_CORPUS_DIR
	static char *dflt[] = { NULL, (char *)FUZZ_CORPUS_DIR, NULL };

	if (argc < 2) {
		dflt[0] = argv[0];
		argv = dflt;
		argc = 2;
	}
#endif

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *ent;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "%s: missing\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i]) != 0)
				return 1;
			count++;
			continue;
		}
		d = opendir(argv[i]);
		if (d == NULL)
			return 1;
		while ((ent = readdir(d)) != NULL) {
			char p[4096];

			if (ent->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/%s", argv[i], ent->d_name);
			if (replay_file(p) != 0) {
				closedir(d);
				return 1;
			}
			count++;
		}
		closedir(d);
	}
	printf("replayed %u inputs\n", count);
	if (count == 0) {
		fprintf(stderr, "no inputs replayed\n");
		return 1;
	}
	printf("%u passed, 0 failed\n", count);
	return 0;
}
