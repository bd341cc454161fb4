/* scan.c - find the input files of a metrics folder (see scan.h). */
#include "ts.h"
#include "scan.h"
#include "mem.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
	const char *prefix;
	const char *ext;
	enum ts_kind kind;
} patterns[] = {
	{ "synthesis_", ".csv", TS_KIND_SYNTHESIS },
	{ "realtime_", ".csv", TS_KIND_REALTIME },
	{ "hardware_specs_", ".json", TS_KIND_SPECS },
	{ "analysis_", ".json", TS_KIND_ANALYSIS },
};

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Length of the stamp "YYYYMMDD" or "YYYYMMDD_HHMMSS" that ends s[0..n)
 * after an underscore, or 0 (the tier before it must not be empty).
 * Taken from the right-hand end: tiers hold underscores and digits. */
static size_t stamp_suffix(const char *s, size_t n)
{
	if (n > 16 && s[n - 16] == '_' && all_digits(s + n - 15, 8) &&
	    s[n - 7] == '_' && all_digits(s + n - 6, 6))
		return 15;
	if (n > 9 && s[n - 9] == '_' && all_digits(s + n - 8, 8))
		return 8;
	return 0;
}

enum ts_kind ts_scan_parse_name(const char *base, char **tier, char **stamp)
{
	size_t len = strlen(base);

	*tier = NULL;
	if (stamp)
		*stamp = NULL;
	for (size_t i = 0; i < TS_COUNTOF(patterns); i++) {
		size_t pl = strlen(patterns[i].prefix), el = strlen(patterns[i].ext);
		const char *body = base + pl;
		size_t bl, sl;

		if (len <= pl + el || strncmp(base, patterns[i].prefix, pl) != 0 ||
		    strcmp(base + len - el, patterns[i].ext) != 0)
			continue;
		bl = len - pl - el;
		if (patterns[i].kind == TS_KIND_SPECS || patterns[i].kind == TS_KIND_ANALYSIS) {
			*tier = ts_xstrndup(body, bl);
			return patterns[i].kind;
		}
		sl = stamp_suffix(body, bl);
		if (!sl)
			return TS_KIND_OTHER;
		*tier = ts_xstrndup(body, bl - sl - 1);
		if (stamp)
			*stamp = ts_xstrndup(body + bl - sl, sl);
		return patterns[i].kind;
	}
	return TS_KIND_OTHER;
}

int ts_scan_is_own_output(const char *base)
{
	static const char *const own[] = {
		"fig1_memory_comparison.", "fig2_rtf_comparison.",
		"fig3_success_rate.", "fig_hardware_summary.",
		"hardware_metadata.json", ".tierstat-",
	};

	for (size_t i = 0; i < TS_COUNTOF(own); i++)
		if (strncmp(base, own[i], strlen(own[i])) == 0)
			return 1;
	return 0;
}

/* A message of the walk, kept until the end: the walk visits a folder in
 * the file system's order, and messages must come out in path order
 * whatever the file system. */
struct msg {
	char *rel;
	enum ts_sev sev;
	enum ts_drop drop;
	char *text;
};

/* nftw has no user pointer: the walk in progress, one at a time. */
static struct walk {
	struct ts_inputs *in;
	struct ts_diag *d;
	struct msg *msgs;
	size_t nr_msgs, alloc_msgs;
	const char *root;     /* the resolved root */
	size_t root_len;
} *cur;

static void say(enum ts_sev sev, enum ts_drop drop, const char *rel,
		const char *fmt, ...) TS_PRINTF(4, 5);

static void say(enum ts_sev sev, enum ts_drop drop, const char *rel,
		const char *fmt, ...)
{
	struct msg *m;
	va_list ap;
	int n;

	TS_GROW(cur->msgs, cur->nr_msgs + 1, cur->alloc_msgs);
	m = &cur->msgs[cur->nr_msgs++];
	m->rel = ts_xstrdup(rel);
	m->sev = sev;
	m->drop = drop;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	m->text = ts_xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(m->text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
}

static int by_msg_rel(const void *a, const void *b)
{
	return strcmp(((const struct msg *)a)->rel, ((const struct msg *)b)->rel);
}

/* Print the walk's messages in path order (qsort is not stable, but a
 * path has at most one message). */
static void say_all(struct walk *w)
{
	if (w->nr_msgs)
		qsort(w->msgs, w->nr_msgs, sizeof(*w->msgs), by_msg_rel);
	for (size_t i = 0; i < w->nr_msgs; i++) {
		struct msg *m = &w->msgs[i];
		ts_diag_report(w->d, m->sev, m->drop, m->rel, 0, 0, "%s", m->text);
		free(m->rel);
		free(m->text);
	}
	free(w->msgs);
}

static int inside_root(const char *resolved)
{
	return strncmp(resolved, cur->root, cur->root_len) == 0 &&
	       (resolved[cur->root_len] == '/' || resolved[cur->root_len] == '\0');
}

/* Only .csv and .json files that match no pattern get a note: a folder
 * also holds READMEs, notebooks and .git, which are nobody's concern. */
static int has_data_ext(const char *base)
{
	size_t n = strlen(base);
	return (n > 4 && strcmp(base + n - 4, ".csv") == 0) ||
	       (n > 5 && strcmp(base + n - 5, ".json") == 0);
}

static void add_input(const char *path, const char *rel, const char *base,
		      const struct stat *sb)
{
	struct ts_inputs *in = cur->in;
	struct ts_input *x;
	char *tier, *stamp;
	enum ts_kind kind = ts_scan_parse_name(base, &tier, &stamp);

	if (kind == TS_KIND_OTHER) {
		in->ignored++;
		if (!ts_scan_is_own_output(base) && base[0] != '.' && has_data_ext(base))
			say(TS_NOTE, TS_DROP_NONE, rel, "not a metrics file name (ignored)");
		return;
	}
	TS_GROW(in->v, in->nr + 1, in->alloc);
	x = &in->v[in->nr++];
	memset(x, 0, sizeof(*x));
	x->path = ts_xstrdup(path);
	x->rel = ts_xstrdup(rel);
	x->kind = kind;
	x->tier = tier;
	if (stamp) {
		size_t dl = (size_t)(base - rel);
		x->stem = ts_xasprintf("%.*s%s_%s", (int)dl, rel, tier, stamp);
		free(stamp);
	}
	x->size = (long long)sb->st_size;
	x->mtime = sb->st_mtim;
	if (sb->st_mtim.tv_sec > in->newest_mtime)
		in->newest_mtime = sb->st_mtim.tv_sec;
}

static int visit(const char *path, const struct stat *sb, int flag,
		 struct FTW *ftw)
{
	const char *rel = path + cur->root_len + (path[cur->root_len] == '/');
	const char *base = path + ftw->base;
	struct stat st;
	char *resolved, *tier;

	if (ftw->level == 0)
		return 0;
	switch (flag) {
	case FTW_D:
		return 0;
	case FTW_DNR:
		say(TS_ERROR, TS_DROP_FILE, rel, "cannot read this folder: %s (skipped)",
		    strerror(EACCES));
		return 0;
	case FTW_NS:
		/* in a folder we may list but not search: an input lost */
		if (ts_scan_parse_name(base, &resolved, NULL) == TS_KIND_OTHER)
			return 0;
		free(resolved);
		say(TS_ERROR, TS_DROP_FILE, rel, "cannot stat: %s (file skipped)",
		    strerror(errno ? errno : EACCES));
		return 0;
	case FTW_SL:
	case FTW_SLN:
		if (ts_scan_parse_name(base, &resolved, NULL) == TS_KIND_OTHER)
			return 0;   /* not an input name: nothing to say */
		free(resolved);
		errno = 0;
		resolved = realpath(path, NULL);
		if (!resolved && errno == ELOOP) {
			say(TS_WARNING, TS_DROP_FILE, rel, "symbolic link loop (skipped)");
		} else if (!resolved || stat(resolved, &st) != 0) {
			say(TS_WARNING, TS_DROP_FILE, rel, "dangling symbolic link (skipped)");
		} else if (!inside_root(resolved)) {
			say(TS_WARNING, TS_DROP_FILE, rel,
			    "symbolic link to a file outside the metrics folder (not followed)");
		} else if (!S_ISREG(st.st_mode)) {
			say(TS_WARNING, TS_DROP_FILE, rel,
			    "symbolic link to something that is not a regular file (not followed)");
		} else if (ts_scan_parse_name(strrchr(resolved, '/') + 1, &tier, NULL) != TS_KIND_OTHER) {
			free(tier);   /* the target is read under its own name */
			say(TS_NOTE, TS_DROP_NONE, rel, "symbolic link to '%s', which is read itself (skipped)",
			    resolved + cur->root_len + 1);
		} else {
			add_input(resolved, rel, base, &st);
		}
		free(resolved);
		return 0;
	default:
		break;
	}
	if (!S_ISREG(sb->st_mode)) {
		if (ts_scan_parse_name(base, &resolved, NULL) != TS_KIND_OTHER) {
			free(resolved);
			say(TS_WARNING, TS_DROP_FILE, rel, "not a regular file (skipped)");
		}
		return 0;
	}
	add_input(path, rel, base, sb);
	return 0;
}

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const struct ts_input *)a)->rel,
		      ((const struct ts_input *)b)->rel);
}

int ts_scan_dir(const char *root, struct ts_inputs *in, struct ts_diag *d)
{
	struct walk w;
	struct stat st;
	char *resolved = realpath(root, NULL);
	int rc = 0;

	if (!resolved || stat(resolved, &st) != 0) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot open metrics folder '%s': %s", root, strerror(errno));
		free(resolved);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "'%s' is not a folder", root);
		free(resolved);
		return -1;
	}
	w.in = in;
	w.d = d;
	w.root = resolved;
	w.root_len = strlen(resolved);
	if (w.root_len == 1)  /* "/" */
		w.root_len = 0;
	w.msgs = NULL;
	w.nr_msgs = w.alloc_msgs = 0;
	cur = &w;
	if (nftw(resolved, visit, 32, FTW_PHYS) != 0) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot walk metrics folder '%s': %s", root, strerror(errno));
		rc = -1;
	}
	cur = NULL;
	say_all(&w);
	free(resolved);
	if (in->nr)
		qsort(in->v, in->nr, sizeof(*in->v), by_rel);
	return rc;
}

void ts_inputs_release(struct ts_inputs *in)
{
	for (size_t i = 0; i < in->nr; i++) {
		free(in->v[i].path);
		free(in->v[i].rel);
		free(in->v[i].tier);
		free(in->v[i].stem);
	}
	free(in->v);
	memset(in, 0, sizeof(*in));
}
