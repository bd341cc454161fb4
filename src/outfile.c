/* outfile.c - outputs replaced as one set (see outfile.h). */
#include "ts.h"
#include "outfile.h"
#include "mem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ts_outset_init(struct ts_outset *set, const char *dir)
{
	memset(set, 0, sizeof(*set));
	set->dir = ts_xstrdup(dir);
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
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot create a temporary file for '%s': %s (nothing replaced)",
			       f->final_path, strerror(errno));
		free(f->tmp_path);
		f->tmp_path = NULL;
		f->failed = 1;
		set->failed = 1;
		return NULL;
	}
	/* mkstemp makes 0600; outputs are ordinary files (0644 less umask). */
	{
		mode_t um = umask(0);
		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
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
			unlink(f->tmp_path);
			free(f->tmp_path);
			f->tmp_path = NULL;
		}
	}
}

int ts_outset_commit(struct ts_outset *set, struct ts_diag *d)
{
	for (size_t i = 0; i < set->nr && !set->failed; i++)
		if (set->files[i].fp || !set->files[i].tmp_path)
			set->failed = 1;   /* never closed, or never created */
	if (set->failed) {
		remove_temps(set);
		return -1;
	}
	for (size_t i = 0; i < set->nr; i++) {
		struct ts_outfile *f = &set->files[i];
		if (rename(f->tmp_path, f->final_path) != 0) {
			ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
				       "cannot rename into '%s': %s (%zu of %zu outputs replaced)",
				       f->final_path, strerror(errno), i, set->nr);
			set->failed = 1;
			remove_temps(set);
			return -1;
		}
		free(f->tmp_path);
		f->tmp_path = NULL;
	}
	return 0;
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
