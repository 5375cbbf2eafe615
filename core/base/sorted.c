/* sorted.c - see sorted.h. */
#include "sorted.h"

#include <string.h>

size_t
mpd_sorted_find(const void *items, size_t n, size_t size, size_t key_offset,
		const char *key, int *found)
{
	const unsigned char *base = items;
	size_t lo = 0, hi = n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k;
		int c;

		memcpy(&k, base + mid * size + key_offset, sizeof k);
		c = strcmp(k, key);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
