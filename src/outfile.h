/* outfile.h - outputs replaced as one set (METRICS.md section 7).
 *
 * Every output (figures, hardware_metadata.json) is written into a
 * temporary file in the output folder. Only when every one of them has
 * been written, flushed and closed without error are they renamed into
 * place; if any failed, none is renamed, every temporary file is removed
 * and the outputs of the previous run stay as they were.
 *
 * Calling sequence:
 *
 *     struct ts_outset set;
 *     ts_outset_init(&set, "out");
 *     FILE *fp = ts_outset_open(&set, "hardware_metadata.json", d);
 *     ... write to fp (cairo writes through a stream callback) ...
 *     ts_outset_close(&set, fp, d);
 *     ... more files ...
 *     if (ts_outset_commit(&set, d) < 0) ... nothing was replaced ...
 *     ts_outset_release(&set);
 *
 * Temporary files are named ".tierstat-NAME.XXXXXX" (hidden, and never
 * matched as input by the scanner). Since POSIX cannot rename several
 * files at once, the commit keeps a hard link to each previous output and
 * puts the old set back if a rename fails half way.
 *
 * Outputs of an earlier run: once every file of the set is in place, the
 * commit removes every other regular file directly in the folder whose
 * name is exactly one of tierstat's (ts_own_name() in ownname.h: the
 * figures as png, pdf or svg, hardware_metadata.json, the captions, a
 * temporary file
 * left by a killed run), so that the folder holds one run's outputs. One
 * note lists the files removed, sorted by name:
 *
 *     tierstat: note: 'DIR' held N outputs of an earlier run that this run
 *     did not write: NAME, NAME (removed, so that the folder holds one
 *     run's outputs)
 *
 * Never removed: a file in a sub-folder, a symbolic link (or its target),
 * a folder, any other name (fig1_memory_comparison.png.bak is the
 * user's). A file that cannot be removed is a warning naming it, and the
 * new set stays. A set that failed, or a set of no file, removes nothing.
 */
#ifndef TS_OUTFILE_H
#define TS_OUTFILE_H

#include "ts.h"
#include "diag.h"

#include <stdio.h>

struct ts_outfile {
	char *name;        /* final file name inside the set's folder */
	char *final_path;  /* dir/name */
	char *tmp_path;    /* dir/.tierstat-name.XXXXXX; NULL once renamed */
	FILE *fp;          /* open stream, NULL once closed */
	int failed;        /* a write, flush or close failed */
};

struct ts_outset {
	char *dir;                 /* output folder (owned copy) */
	struct ts_outfile *files;  /* in the order they were opened */
	size_t nr, alloc;
	int failed;                /* any file failed: commit will refuse */
	int open_errno;            /* why the last temporary file could not be made */
	unsigned umask;            /* the process's, read by ts_outset_init */
};

/* Read the umask here, once: umask() cannot be read without setting it,
 * process-wide, and files are opened later on drawing threads (call this
 * before starting any thread). */
void ts_outset_init(struct ts_outset *set, const char *dir);

/* Create the temporary file for output `name` and return a stream open
 * for writing, or NULL (reported, and the set marked failed). The stream
 * belongs to the set: finish it with ts_outset_close(). */
FILE *ts_outset_open(struct ts_outset *set, const char *name,
		     struct ts_diag *d);

/* Flush, fsync and close `fp` (from ts_outset_open). Returns 0, or -1
 * with the problem reported naming the final file and the set marked
 * failed. */
int ts_outset_close(struct ts_outset *set, FILE *fp, struct ts_diag *d);

/* Mark the file whose stream is `fp` as failed (say the renderer saw an
 * error it already reported): the set will not be committed. Closes it. */
void ts_outset_fail(struct ts_outset *set, FILE *fp);

/* Rename every temporary file into place, in the order opened, then
 * remove the outputs of an earlier run (see the top of this file).
 * Returns 0, or -1 (reported) when the set had failed or a rename
 * failed; then every remaining temporary file is removed, and nothing
 * else. A removal that fails does not change the 0 (it is a warning). */
int ts_outset_commit(struct ts_outset *set, struct ts_diag *d);

/* Remove any temporary file still present and free the set. */
void ts_outset_release(struct ts_outset *set);

/* Remember a temporary path so that SIGINT, SIGTERM or SIGHUP remove it
 * before the process dies (the first call installs the handlers); forget
 * it once renamed or removed. The set does this for its own files. */
void ts_outfile_track(const char *path);
void ts_outfile_untrack(const char *path);

#endif /* TS_OUTFILE_H */
