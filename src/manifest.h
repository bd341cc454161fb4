/* manifest.h - what a run was made of, for hardware_metadata.json's
 * `run` object: tierstat's version, the options that decide the outputs,
 * and every input file with its size and SHA-256.
 *
 * The hashes are nettle's SHA-256 (SHA extensions where the CPU has
 * them: four times GLib's GChecksum here), computed on a
 * few threads (pool.h) over the inputs of the scan (scan.h), which are
 * sorted by path: the manifest is in that order, so two runs over the
 * same files give the same bytes.
 */
#ifndef TS_MANIFEST_H
#define TS_MANIFEST_H

#include "ts.h"
#include "scan.h"

/* One input file. */
struct ts_manifest_file {
	const char *rel;     /* as ts_input.rel: relative to the metrics folder
	                        (borrowed from the inputs) */
	long long size;      /* bytes hashed; the scan's size when not read */
	char sha256[65];     /* lower-case hex; "" when the file could not be
	                        read (the loader reported it) */
};

struct ts_manifest {
	const char *const *args;  /* the options, as cmd_analyze.c keeps them
	                             (borrowed) */
	size_t nr_args;
	struct ts_manifest_file *files;  /* owned */
	size_t nr_files;
	struct ts_manifest_job *pending; /* private: between start and finish */
};

/* Fill m->files from `in` (same order), hashing every regular file it can
 * open; never fails (a file that cannot be read has sha256 ""). In two
 * steps, so that the hashing runs while the caller reads the inputs (the
 * realtime threads have time to spare while the main thread loads the
 * synthesis rows): start() hashes on one helper thread (none when
 * TIERSTAT_THREADS is 1), finish() hashes what is left on the calling
 * thread and waits. `in` must not change in between, and m->files is to
 * be read only after finish(). Free with ts_manifest_release(), which
 * leaves args alone. */
void ts_manifest_hash_start(struct ts_manifest *m, const struct ts_inputs *in);
void ts_manifest_hash_finish(struct ts_manifest *m);

/* Stops a hashing under way (a run that ends before it needs the
 * hashes: what is not hashed yet is not), then frees m->files. */
void ts_manifest_release(struct ts_manifest *m);

/* SHA-256 of the file at `path`, into hex (65 bytes) and *size. Returns 0,
 * or -1 when it is not a regular file or cannot be read (hex ""). */
int ts_manifest_sha256(const char *path, char hex[65], long long *size);

#endif /* TS_MANIFEST_H */
