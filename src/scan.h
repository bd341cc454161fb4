/* scan.h - find the input files of a metrics folder (METRICS.md section 1).
 *
 * ts_scan_dir() walks the folder with nftw(FTW_PHYS): a symbolic link is
 * never followed into a directory (so no loop and no escape); a link to a
 * regular file inside the folder is read, one pointing outside is not.
 * Only regular files are opened later. Files are classified by name; the
 * result is sorted by relative path, so every later step is deterministic.
 */
#ifndef TS_SCAN_H
#define TS_SCAN_H

#include "ts.h"
#include "diag.h"

#include <time.h>

enum ts_kind {
	TS_KIND_SYNTHESIS,   /* synthesis_<tier>_<YYYYMMDD>[_<HHMMSS>].csv */
	TS_KIND_REALTIME,    /* realtime_<tier>_<YYYYMMDD>[_<HHMMSS>].csv */
	TS_KIND_SPECS,       /* hardware_specs_<tier>.json */
	TS_KIND_ANALYSIS,    /* analysis_<tier>.json */
	TS_KIND_OTHER        /* anything else: not an input */
};

struct ts_input {
	char *path;          /* path to open (root joined with rel) */
	char *rel;           /* relative to the metrics folder: used in messages */
	enum ts_kind kind;
	char *tier;          /* <tier> from the name */
	char *stem;          /* "<dir>/<tier>_<stamp>" pairing synthesis and
	                        realtime files; NULL for JSON */
	long long size;      /* bytes, from lstat/stat */
	struct timespec mtime;
};

struct ts_inputs {
	struct ts_input *v;  /* sorted by rel */
	size_t nr, alloc;
	time_t newest_mtime; /* newest input's modification time (seconds) */
	unsigned long ignored; /* files seen that are not inputs */
};

/* Walk `root` and collect its inputs into `in` (initialise it to zeroes).
 * Problems (unreadable folders, non-regular files, links out of the tree)
 * are reported to d and the walk goes on. Returns 0, or -1 when root
 * itself cannot be walked (reported). Release with ts_inputs_release(). */
int ts_scan_dir(const char *root, struct ts_inputs *in, struct ts_diag *d);
void ts_inputs_release(struct ts_inputs *in);

/* Classify a file's base name. For the four input kinds, *tier (and for
 * CSV files *stamp, "YYYYMMDD" or "YYYYMMDD_HHMMSS") are set to new
 * strings the caller frees; otherwise they are left NULL. Pure. */
enum ts_kind ts_scan_parse_name(const char *base, char **tier, char **stamp);

/* True for a name tierstat itself writes (figures, hardware_metadata.json,
 * its temporary files): never input, never reported. */
int ts_scan_is_own_output(const char *base);

#endif /* TS_SCAN_H */
