/* outfile.c - outputs replaced as one set (see outfile.h). */
#include "ts.h"
#include "outfile.h"
#include "mem.h"
#include "ownname.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ==== temporary files removed on a fatal signal ====
 * A run killed by SIGINT, SIGTERM or SIGHUP must leave no temporary file:
 * their paths are copied into fixed slots that the handler can walk with
 * nothing but unlink(), which is async-signal-safe. */
#define TRACK_SLOTS 64
static char tracked[TRACK_SLOTS][PATH_MAX];
static volatile sig_atomic_t tracked_used[TRACK_SLOTS];

static void on_fatal_signal(int sig)
{
	for (int i = 0; i < TRACK_SLOTS; i++)
		if (tracked_used[i])
			unlink(tracked[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void ts_outfile_track(const char *path)
{
	static int installed;

	if (!path || strlen(path) >= PATH_MAX)
		return;
	if (!installed) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		installed = 1;
	}
	for (int i = 0; i < TRACK_SLOTS; i++) {
		if (!tracked_used[i]) {
			memcpy(tracked[i], path, strlen(path) + 1);
			tracked_used[i] = 1;
			return;
		}
	}
}

void ts_outfile_untrack(const char *path)
{
	if (!path)
		return;
	for (int i = 0; i < TRACK_SLOTS; i++)
		if (tracked_used[i] && strcmp(tracked[i], path) == 0)
			tracked_used[i] = 0;
}

void ts_outset_init(struct ts_outset *set, const char *dir)
{
	mode_t um = umask(0);

	umask(um);
	memset(set, 0, sizeof(*set));
	set->dir = ts_xstrdup(dir);
	set->umask = (unsigned)um;
}

static struct ts_outfile *find_fp(struct ts_outset *set, FILE *fp)
{
	for (size_t i = 0; i < set->nr; i++)
		if (set->files[i].fp == fp)
			return &set->files[i];
	return NULL;
}

FILE *ts_outset_open(struct ts_outset *set, const char *name,
		     struct ts_diag *d)
{
	struct ts_outfile *f;
	int fd;

	TS_GROW(set->files, set->nr + 1, set->alloc);
	f = &set->files[set->nr++];
	memset(f, 0, sizeof(*f));
	f->name = ts_xstrdup(name);
	f->final_path = ts_xasprintf("%s/%s", set->dir, name);
	f->tmp_path = ts_xasprintf("%s/.tierstat-%s.XXXXXX", set->dir, name);
	fd = mkstemp(f->tmp_path);
	if (fd < 0) {
		/* a folder we cannot write to fails every output alike: say
		 * it once */
		if (errno != set->open_errno)
			ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
				       "cannot create a temporary file for '%s': %s (nothing replaced)",
				       f->final_path, strerror(errno));
		set->open_errno = errno;
		free(f->tmp_path);
		f->tmp_path = NULL;
		f->failed = 1;
		set->failed = 1;
		return NULL;
	}
	ts_outfile_track(f->tmp_path);
	/* mkstemp makes 0600; outputs are ordinary files (0666 less umask). */
	(void)fchmod(fd, (mode_t)(0666 & ~set->umask));
	f->fp = fdopen(fd, "wb");
	if (!f->fp) {
		close(fd);
		f->failed = 1;
		set->failed = 1;
		return NULL;
	}
	return f->fp;
}

int ts_outset_close(struct ts_outset *set, FILE *fp, struct ts_diag *d)
{
	struct ts_outfile *f = find_fp(set, fp);
	int err = 0;

	if (!f)
		return -1;
	if (fflush(fp) != 0 || ferror(fp))
		err = errno ? errno : EIO;
	if (!err && fsync(fileno(fp)) != 0 && errno != EINVAL)
		err = errno;
	if (fclose(fp) != 0 && !err)
		err = errno ? errno : EIO;
	f->fp = NULL;
	if (err) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot write '%s': %s (nothing replaced)",
			       f->final_path, strerror(err));
		f->failed = 1;
		set->failed = 1;
		return -1;
	}
	return 0;
}

void ts_outset_fail(struct ts_outset *set, FILE *fp)
{
	struct ts_outfile *f = find_fp(set, fp);

	if (!f)
		return;
	fclose(fp);
	f->fp = NULL;
	f->failed = 1;
	set->failed = 1;
}

static void remove_temps(struct ts_outset *set)
{
	for (size_t i = 0; i < set->nr; i++) {
		struct ts_outfile *f = &set->files[i];
		if (f->fp) {
			fclose(f->fp);
			f->fp = NULL;
		}
		if (f->tmp_path) {
			ts_outfile_untrack(f->tmp_path);
			unlink(f->tmp_path);
			free(f->tmp_path);
			f->tmp_path = NULL;
		}
	}
}

/* Put back the outputs 0..n-1 of a commit that failed half way: the
 * previous version where there was one (its hard-link backup), else
 * remove the new file. */
static void undo_renames(struct ts_outset *set, size_t n, char **backup)
{
	for (size_t j = 0; j < n; j++) {
		struct ts_outfile *f = &set->files[j];
		if (backup[j])
			rename(backup[j], f->final_path);
		else
			unlink(f->final_path);
	}
}

/* ==== outputs of an earlier run ====
 * Once the new set is in place, every regular file directly in the
 * folder whose name is exactly one of tierstat's (ownname.h) and that
 * this set did not write is removed, so that the folder holds one run's
 * outputs. Never a symbolic link (nor what it points to), a folder, or
 * any other name. */

static int written_by(const struct ts_outset *set, const char *name)
{
	for (size_t i = 0; i < set->nr; i++)
		if (strcmp(set->files[i].name, name) == 0)
			return 1;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dp that are earlier outputs, sorted (the folder's order
 * is the file system's). Returns how many, in *names (caller frees). */
static size_t earlier_outputs(const struct ts_outset *set, DIR *dp,
			      char ***names, struct ts_diag *d)
{
	struct dirent *e;
	size_t nr = 0, alloc = 0;

	*names = NULL;
	for (;;) {
		struct stat st;
		errno = 0;
		if (!(e = readdir(dp)))
			break;
		if (ts_own_name(e->d_name) == TS_OWN_NONE || written_by(set, e->d_name))
			continue;
		if (fstatat(dirfd(dp), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		TS_GROW(*names, nr + 1, alloc);
		(*names)[nr++] = ts_xstrdup(e->d_name);
	}
	if (errno)
		ts_diag_report(d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0,
			       "cannot read the folder '%s' to remove the outputs of an earlier run: %s (any left in place)",
			       set->dir, strerror(errno));
	if (nr > 1)
		qsort(*names, nr, sizeof(**names), by_name);
	return nr;
}

static void remove_earlier_outputs(const struct ts_outset *set, struct ts_diag *d)
{
	char **names, *list = NULL;
	size_t nr, removed = 0;
	DIR *dp;

	if (set->nr == 0)
		return;   /* a set of nothing says nothing about the folder */
	if (!(dp = opendir(set->dir))) {
		ts_diag_report(d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0,
			       "cannot read the folder '%s' to remove the outputs of an earlier run: %s (any left in place)",
			       set->dir, strerror(errno));
		return;
	}
	nr = earlier_outputs(set, dp, &names, d);
	for (size_t i = 0; i < nr; i++) {
		char *was = list;
		if (unlinkat(dirfd(dp), names[i], 0) != 0) {
			ts_diag_report(d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0,
				       "cannot remove '%s/%s', an output of an earlier run: %s (left in place: the folder holds outputs of two runs)",
				       set->dir, names[i], strerror(errno));
			continue;
		}
		list = was ? ts_xasprintf("%s, %s", was, names[i]) : ts_xstrdup(names[i]);
		free(was);
		removed++;
	}
	closedir(dp);
	if (removed)
		ts_diag_note(d, NULL, 0,
			     "'%s' held %zu output%s of an earlier run that this run did not write: %s (removed, so that the folder holds one run's outputs)",
			     set->dir, removed, removed == 1 ? "" : "s", list);
	for (size_t i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	free(list);
}

int ts_outset_commit(struct ts_outset *set, struct ts_diag *d)
{
	char **backup;
	int rc = 0;

	for (size_t i = 0; i < set->nr && !set->failed; i++)
		if (set->files[i].fp || !set->files[i].tmp_path)
			set->failed = 1;   /* never closed, or never created */
	if (set->failed) {
		remove_temps(set);
		return -1;
	}
	/* POSIX has no atomic rename of several files: keep a hard link to
	 * each previous output, so that a rename failing half way can put
	 * the old set back instead of leaving a mixed one. */
	backup = ts_xcalloc(set->nr ? set->nr : 1, sizeof(*backup));
	for (size_t i = 0; i < set->nr; i++) {
		backup[i] = ts_xasprintf("%s.old", set->files[i].tmp_path);
		if (link(set->files[i].final_path, backup[i]) != 0) {
			free(backup[i]);   /* no previous output (or no links) */
			backup[i] = NULL;
		}
		ts_outfile_track(backup[i]);
	}
	for (size_t i = 0; i < set->nr; i++) {
		struct ts_outfile *f = &set->files[i];
		if (rename(f->tmp_path, f->final_path) != 0) {
			int err = errno;
			undo_renames(set, i, backup);
			ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
				       "cannot rename into '%s': %s (nothing replaced)",
				       f->final_path, strerror(err));
			set->failed = 1;
			rc = -1;
			break;
		}
		ts_outfile_untrack(f->tmp_path);
		free(f->tmp_path);
		f->tmp_path = NULL;
	}
	for (size_t i = 0; i < set->nr; i++) {
		if (backup[i]) {
			ts_outfile_untrack(backup[i]);
			unlink(backup[i]);   /* a no-op for one renamed back */
		}
		free(backup[i]);
	}
	free(backup);
	if (rc < 0)
		remove_temps(set);
	else
		remove_earlier_outputs(set, d);
	return rc;
}

void ts_outset_release(struct ts_outset *set)
{
	remove_temps(set);
	for (size_t i = 0; i < set->nr; i++) {
		free(set->files[i].name);
		free(set->files[i].final_path);
	}
	free(set->files);
	free(set->dir);
	memset(set, 0, sizeof(*set));
}
