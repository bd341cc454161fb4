/* fuzz_util.h - shared by the fuzz targets: the input as a real file.
 *
 * The targets read files, as tierstat does, so each input is written to
 * one temporary file per process (rewritten, never re-created), and the
 * diagnostics go to /dev/null. Header-only: each target is one file.
 */
#ifndef TS_FUZZ_UTIL_H
#define TS_FUZZ_UTIL_H

#include "ts.h"
#include "diag.h"
#include "store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write data into the process's scratch file named like `base` (so the
 * scanner's name rules hold) and return its path. Aborts on I/O errors:
 * those are the harness's, not tierstat's. */
static inline const char *fuzz_file(const char *base, const uint8_t *data, size_t size)
{
	static char dir[64];
	static char path[128];
	FILE *fp;

	if (!dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(dir, sizeof(dir), "%s/tsfuzz.XXXXXX", t && *t && strlen(t) < 40 ? t : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	snprintf(path, sizeof(path), "%s/%s", dir, base);
	fp = fopen(path, "wb");
	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
		abort();
	return path;
}

/* Diagnostics into /dev/null, counted as usual. */
static inline void fuzz_diag(struct ts_diag *d)
{
	static FILE *null_out;

	if (!null_out)
		null_out = fopen("/dev/null", "w");
	if (!null_out)
		abort();
	ts_diag_init(d, null_out);
}

/* An in-memory store shared by successive inputs (so a loader meets rows
 * that earlier files left, as in a real folder), opened with a diagnostics
 * sink that lives as long as it does, and renewed every 256 inputs so
 * memory stays flat over a long run. */
static inline struct ts_store *fuzz_store(void)
{
	static struct ts_diag store_diag;
	static struct ts_store *store;
	static unsigned uses;

	if (store && ++uses % 256 == 0) {
		ts_store_close(store);
		store = NULL;
	}
	if (!store) {
		fuzz_diag(&store_diag);
		store = ts_store_open(NULL, &store_diag);
		if (!store)
			abort();
	}
	return store;
}

#endif /* TS_FUZZ_UTIL_H */
