/* sorted.h - binary search in an array of structs sorted by a string key. */
#ifndef MPD_SORTED_H
#define MPD_SORTED_H

#include <stddef.h>

/* Index of the item whose `const char *` member at `key_offset` equals
 * `key` (strcmp order), with *found 1; else where it would be inserted,
 * with *found 0.  `items` holds `n` items of `size` bytes, sorted. */
size_t mpd_sorted_find(const void *items, size_t n, size_t size,
		       size_t key_offset, const char *key, int *found);

#endif
