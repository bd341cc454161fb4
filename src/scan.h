/* scan.h - find the input files of a metrics folder (METRICS.md section 1).
 *
 * ts_scan_dir() walks the folder with nftw(FTW_PHYS): a symbolic link is
 * never followed into a directory (so no loop and no escape); a link to a
 * regular file inside the folder is read, one pointing outside is not.
 * Only regular files are opened later. Files are classified by name; the
 * result is sorted by relative path, so every later step is deterministic.
 * A regular file whose name ends in .csv or .json (in any case) but is not
 * an input name gets one note saying why (ts_name_why), and is never read;
 * tierstat's own outputs, hidden files and other extensions are passed
 * over silently.
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
	char *rel;           /* relative to the metrics folder, valid UTF-8 (an
	                        invalid byte shown as U+FFFD, a control
	                        character escaped as \n or \x1b): in
	                        messages, the store and the outputs */
	enum ts_kind kind;
	char *tier;          /* <tier> from the name, valid UTF-8 */
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
/* Free what ts_scan_dir() put in `in` (zeroes it: it can be used again). */
void ts_inputs_release(struct ts_inputs *in);

/* Why a name is not an input name (ts_scan_parse_name's `why`). */
enum ts_name_problem {
	TS_NAME_OK,          /* an input name: nothing wrong */
	TS_NAME_OTHER,       /* not .csv/.json in any case (README.md, x.png,
	                        x.csv.bak): not ours, nothing to say */
	TS_NAME_UNKNOWN,     /* a .csv/.json near no pattern (notes.csv) */
	TS_NAME_CASE,        /* a pattern with upper case in its prefix or
	                        extension (Synthesis_..., ....CSV, ....Json) */
	TS_NAME_PREFIX,      /* a likely typo of a prefix (hardware_spec_,
	                        hardware-specs_, real_time_, synthesis-) */
	TS_NAME_EXT,         /* a prefix with the other extension
	                        (synthesis_x_20251107.json, hardware_specs_x.csv) */
	TS_NAME_NO_TIER,     /* the tier is empty (synthesis__20251101.csv,
	                        synthesis_20251101.csv, analysis_.json) */
	TS_NAME_NO_DATE,     /* a CSV name without _<digits> at the end */
	TS_NAME_DATE_LENGTH, /* digits at the end, but not 8 (2025110) */
	TS_NAME_TIME_LENGTH, /* YYYYMMDD_ then not 6 digits (20251107_22304) */
	TS_NAME_BAD_DATE,    /* 8 digits that are no calendar date (month 13,
	                        day 00, Feb 30, Feb 29 outside a leap year) */
	TS_NAME_BAD_TIME     /* 6 digits that are no time of day (hour > 23,
	                        minute or second > 59) */
};

/* Room for the longest text: a suggested name (NAME_MAX 255) + wording. */
#define TS_NAME_WHY_MAX 400

struct ts_name_why {
	enum ts_name_problem problem;
	/* What is wrong, worded for "tierstat: FILE: note: TEXT (file
	 * ignored)", e.g. "20251332 is not a date: there is no month 13";
	 * "" for TS_NAME_OK and TS_NAME_OTHER (nothing to say). */
	char text[TS_NAME_WHY_MAX];
};

/* Classify a file's base name against METRICS.md section 1, exactly:
 * lower-case prefix and extension, a tier that is not empty, and for CSV
 * files a real date (month 01-12, a day of that month, leap years by the
 * Gregorian rule) and time of day (hour 00-23, minute and second 00-59).
 * The stamp is taken off the right-hand end (tiers hold underscores and
 * digits): a last group of 8 digits is the date; a last group of 6 digits
 * after a group of 8 is the time.
 *
 * Inputs: base, a NUL-terminated base name (no '/'). tier must not be
 * NULL; stamp and why may be NULL when not wanted.
 * Output: for the four input kinds, *tier (and, if stamp is not NULL and
 * the kind is a CSV one, *stamp: "YYYYMMDD" or "YYYYMMDD_HHMMSS") are set
 * to new strings the caller frees; otherwise both are set to NULL. If why
 * is not NULL it is always filled in (caller-owned storage, nothing to
 * free): problem TS_NAME_OK for an input, otherwise the reason.
 * Returns the kind, TS_KIND_OTHER for anything that is not an input.
 * Pure: no I/O, no global state. */
enum ts_kind ts_scan_parse_name(const char *base, char **tier, char **stamp,
				struct ts_name_why *why);

/* The "<tier>_<stamp>" of a stem "<dir>/<tier>_<stamp>" (a pointer into
 * it), which pairs a realtime file with a synthesis file of another
 * folder when none shares its folder (README decision 6); NULL for NULL. */
const char *ts_scan_base_stem(const char *stem);

/* True for a name tierstat itself writes (figures, hardware_metadata.json,
 * its temporary files), or one that starts like it: never input, never
 * reported. The list is ownname.h's (ts_own_name_like). */
int ts_scan_is_own_output(const char *base);

#endif /* TS_SCAN_H */
