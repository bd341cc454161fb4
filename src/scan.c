/* scan.c - find the input files of a metrics folder (see scan.h). */
#include "ts.h"
#include "scan.h"
#include "mem.h"
#include "ownname.h"
#include "utf8.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
	const char *prefix;
	const char *ext;
	const char *form;    /* the pattern, as notes print it */
	enum ts_kind kind;
} patterns[] = {
	{ "synthesis_", ".csv", "synthesis_<tier>_<YYYYMMDD>[_<HHMMSS>].csv", TS_KIND_SYNTHESIS },
	{ "realtime_", ".csv", "realtime_<tier>_<YYYYMMDD>[_<HHMMSS>].csv", TS_KIND_REALTIME },
	{ "hardware_specs_", ".json", "hardware_specs_<tier>.json", TS_KIND_SPECS },
	{ "analysis_", ".json", "analysis_<tier>.json", TS_KIND_ANALYSIS },
};

/* Prefixes taken for a pattern's when compared without case and with '-'
 * or ' ' for '_': the pattern's own, and a few likely typos. */
static const struct {
	const char *spelling;
	size_t pattern;      /* index into patterns[] */
} spellings[] = {
	{ "synthesis_", 0 },
	{ "realtime_", 1 },
	{ "real_time_", 1 },
	{ "hardware_specs_", 2 },
	{ "hardware_spec_", 2 },
	{ "hardwarespecs_", 2 },
	{ "hardware_specification_", 2 },
	{ "hardware_specifications_", 2 },
	{ "analysis_", 3 },
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static void why_set(struct ts_name_why *why, enum ts_name_problem problem,
		    const char *fmt, ...) TS_PRINTF(3, 4);

static void why_set(struct ts_name_why *why, enum ts_name_problem problem,
		    const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	why->problem = problem;
	va_start(ap, fmt);
	vsnprintf(why->text, sizeof(why->text), fmt, ap);
	va_end(ap);
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

	return month == 2 && leap ? 29 : days[month - 1];
}

/* 1 if d[0..8) is a calendar date; otherwise 0 and why says so. */
static int real_date(const char *d, struct ts_name_why *why)
{
	int y = num(d, 4), m = num(d + 4, 2), day = num(d + 6, 2);

	if (m < 1 || m > 12) {
		why_set(why, TS_NAME_BAD_DATE, "%.8s is not a date: there is no month %02d", d, m);
		return 0;
	}
	if (day < 1) {
		why_set(why, TS_NAME_BAD_DATE, "%.8s is not a date: there is no day 00", d);
		return 0;
	}
	if (day > days_in_month(y, m)) {
		why_set(why, TS_NAME_BAD_DATE, "%.8s is not a date: %s %04d has %d days",
			d, month_names[m - 1], y, days_in_month(y, m));
		return 0;
	}
	return 1;
}

/* 1 if t[0..6) is a time of day; otherwise 0 and why says so. */
static int real_time(const char *t, struct ts_name_why *why)
{
	static const char *const unit[3] = { "hour", "minute", "second" };
	static const int max[3] = { 23, 59, 59 };

	for (int i = 0; i < 3; i++) {
		int v = num(t + 2 * i, 2);
		if (v > max[i]) {
			why_set(why, TS_NAME_BAD_TIME, "%.6s is not a time: there is no %s %02d",
				t, unit[i], v);
			return 0;
		}
	}
	return 1;
}

/* The stamp at the end of body[0..n) of a CSV name of pattern p: sets
 * *tier_len and *stamp_len and returns 1, or returns 0 with why set.
 * A last group of 8 digits is the date (what is before it, the tier, may
 * end in digits); a last group of 6 digits after one of 8 is the time. */
static int parse_stamp(const char *body, size_t n, size_t p, size_t *tier_len,
		       size_t *stamp_len, struct ts_name_why *why)
{
	size_t last = n, prev;
	const char *date, *hms = NULL;

	while (last > 0 && body[last - 1] != '_')
		last--;
	if (last == n || !all_digits(body + last, n - last)) {
		why_set(why, TS_NAME_NO_DATE, "no date in the name: expected %s",
			patterns[p].form);
		return 0;
	}
	prev = last ? last - 1 : 0;
	while (prev > 0 && body[prev - 1] != '_')
		prev--;
	if (last > 0 && n - last == 6 && last - 1 - prev == 8 &&
	    all_digits(body + prev, 8)) {
		date = body + prev;
		hms = body + last;
	} else if (n - last == 8) {
		date = body + last;
	} else if (last > 0 && last - 1 - prev == 8 && all_digits(body + prev, 8)) {
		why_set(why, TS_NAME_TIME_LENGTH, "%.*s is not a time: a time is 6 digits, HHMMSS",
			(int)(n - last), body + last);
		return 0;
	} else {
		why_set(why, TS_NAME_DATE_LENGTH, "%.*s is not a date: a date is 8 digits, YYYYMMDD",
			(int)(n - last), body + last);
		return 0;
	}
	*stamp_len = (size_t)(body + n - date);
	if (date == body || date == body + 1) {   /* "<date>..." or "_<date>..." */
		why_set(why, TS_NAME_NO_TIER, "no tier in the name: expected %s",
			patterns[p].form);
		return 0;
	}
	*tier_len = (size_t)(date - body) - 1;
	return real_date(date, why) && (!hms || real_time(hms, why));
}

/* The exact patterns: the kind, or TS_KIND_OTHER with why set (problem
 * TS_NAME_UNKNOWN when no prefix and extension match exactly). */
static enum ts_kind parse_exact(const char *base, char **tier, char **stamp,
				struct ts_name_why *why)
{
	size_t len = strlen(base);

	for (size_t i = 0; i < TS_COUNTOF(patterns); i++) {
		size_t pl = strlen(patterns[i].prefix), el = strlen(patterns[i].ext);
		const char *body = base + pl;
		size_t bl, tl = 0, sl = 0;

		if (len < pl + el || strncmp(base, patterns[i].prefix, pl) != 0 ||
		    strcmp(base + len - el, patterns[i].ext) != 0)
			continue;
		bl = len - pl - el;
		if (patterns[i].kind == TS_KIND_SPECS || patterns[i].kind == TS_KIND_ANALYSIS) {
			if (bl == 0) {
				why_set(why, TS_NAME_NO_TIER, "no tier in the name: expected %s",
					patterns[i].form);
				return TS_KIND_OTHER;
			}
			*tier = ts_xstrndup(body, bl);
			return patterns[i].kind;
		}
		if (!parse_stamp(body, bl, i, &tl, &sl, why))
			return TS_KIND_OTHER;
		*tier = ts_xstrndup(body, tl);
		if (stamp)
			*stamp = ts_xstrndup(body + bl - sl, sl);
		return patterns[i].kind;
	}
	why_set(why, TS_NAME_UNKNOWN, "not a metrics file name");
	return TS_KIND_OTHER;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Length of the prefix of s that is `spelling` without case and with '-'
 * or ' ' for '_', or 0. */
static size_t loose_prefix(const char *s, const char *spelling)
{
	size_t i;

	for (i = 0; spelling[i]; i++) {
		int c = lower((unsigned char)s[i]);
		if (c != spelling[i] && !(spelling[i] == '_' && (c == '-' || c == ' ')))
			return 0;
	}
	return i;
}

static int same_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (lower((unsigned char)*a) != *b)
			return 0;
	return *a == *b;
}

/* A name that matched no pattern exactly: is it near one? Sets why. */
static void near_miss(const char *base, struct ts_name_why *why)
{
	const char *dot = strrchr(base, '.');
	char fixed[TS_NAME_WHY_MAX];

	if (!dot || (!same_nocase(dot, ".csv") && !same_nocase(dot, ".json"))) {
		why->problem = TS_NAME_OTHER;
		why->text[0] = '\0';
		return;
	}
	for (size_t i = 0; i < TS_COUNTOF(spellings); i++) {
		size_t p = spellings[i].pattern;
		const char *want = patterns[p].prefix, *ext = patterns[p].ext;
		size_t pl = loose_prefix(base, spellings[i].spelling);
		int n, as_is;
		char *t = NULL, *s = NULL;
		struct ts_name_why again;

		if (!pl || dot < base + pl)
			continue;
		if (!same_nocase(dot, ext)) {
			why_set(why, TS_NAME_EXT, "%.*s files are %s: expected %s",
				(int)strlen(want) - 1, want, ext, patterns[p].form);
			return;
		}
		n = snprintf(fixed, sizeof(fixed), "%s%.*s%s", want,
			     (int)(dot - base - (ptrdiff_t)pl), base + pl, ext);
		if (n < 0 || (size_t)n >= sizeof(fixed))
			break;
		if (parse_exact(fixed, &t, &s, &again) == TS_KIND_OTHER) {
			*why = again;   /* the stamp or the tier is wrong too: say that */
			return;
		}
		free(t);
		free(s);
		/* only the case differs, or a letter or a separator too */
		as_is = strcmp(spellings[i].spelling, want) == 0;
		for (size_t j = 0; as_is && j < pl; j++)
			as_is = lower((unsigned char)base[j]) == want[j];
		if (as_is)
			why_set(why, TS_NAME_CASE, "not a metrics file name: names are lower case; "
				"did you mean '%s'?", fixed);
		else
			why_set(why, TS_NAME_PREFIX, "not a metrics file name; did you mean '%s'?",
				fixed);
		return;
	}
	why_set(why, TS_NAME_UNKNOWN, "not a metrics file name");
}

const char *ts_scan_base_stem(const char *stem)
{
	const char *slash = stem ? strrchr(stem, '/') : NULL;

	return slash ? slash + 1 : stem;
}

enum ts_kind ts_scan_parse_name(const char *base, char **tier, char **stamp,
				struct ts_name_why *why)
{
	struct ts_name_why scratch;
	enum ts_kind kind;

	*tier = NULL;
	if (stamp)
		*stamp = NULL;
	if (!why)
		why = &scratch;
	why->problem = TS_NAME_OK;
	why->text[0] = '\0';
	kind = parse_exact(base, tier, stamp, why);
	if (kind == TS_KIND_OTHER && why->problem == TS_NAME_UNKNOWN)
		near_miss(base, why);
	return kind;
}

int ts_scan_is_own_output(const char *base)
{
	return ts_own_name_like(base);
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

/* A file name as tierstat shows it everywhere (messages, the store, the
 * outputs): valid UTF-8 (an invalid byte becomes U+FFFD), and a control
 * character escaped (\n, \t, \x1b), so that a message stays one line.
 * New string. */
static char *shown_name(const char *raw)
{
	static const char hex[] = "0123456789abcdef";
	char *clean = ts_utf8_clean(raw), *out, *o;
	size_t n = 0;

	for (const char *p = clean; *p; p++)
		n += (unsigned char)*p < 0x20 || *p == 0x7f ? 4 : 1;
	o = out = ts_xmalloc(n + 1);
	for (const char *p = clean; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != 0x7f) {
			*o++ = (char)c;
			continue;
		}
		*o++ = '\\';
		if (c == '\n' || c == '\t' || c == '\r') {
			*o++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		} else {
			*o++ = 'x';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	free(clean);
	return out;
}

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
	m->rel = shown_name(rel);   /* as the inputs' names (add_input) */
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

static void add_input(const char *path, const char *rel, const char *base,
		      const struct stat *sb)
{
	struct ts_inputs *in = cur->in;
	struct ts_input *x;
	char *tier, *stamp;
	struct ts_name_why why;
	enum ts_kind kind = ts_scan_parse_name(base, &tier, &stamp, &why);

	/* A .csv or .json (in any case) that is not an input name gets a note
	 * saying why; other files (READMEs, notebooks, .git), hidden files
	 * and tierstat's own outputs are nobody's concern. */
	if (kind == TS_KIND_OTHER) {
		in->ignored++;
		if (why.text[0] && !ts_scan_is_own_output(base) && base[0] != '.')
			say(TS_NOTE, TS_DROP_NONE, rel, "%s (file ignored)", why.text);
		return;
	}
	TS_GROW(in->v, in->nr + 1, in->alloc);
	x = &in->v[in->nr++];
	memset(x, 0, sizeof(*x));
	/* names enter tierstat here: valid UTF-8 from now on (the path to
	 * open keeps the bytes on disk) */
	x->path = ts_xstrdup(path);
	x->rel = shown_name(rel);
	x->kind = kind;
	x->tier = shown_name(tier);
	if (stamp) {
		size_t dl = (size_t)(base - rel);
		char *stem = ts_xasprintf("%.*s%s_%s", (int)dl, rel, tier, stamp);
		x->stem = shown_name(stem);
		free(stem);
		free(stamp);
	}
	free(tier);
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
		if (ts_scan_parse_name(base, &resolved, NULL, NULL) == TS_KIND_OTHER)
			return 0;
		free(resolved);
		say(TS_ERROR, TS_DROP_FILE, rel, "cannot stat: %s (file skipped)",
		    strerror(errno ? errno : EACCES));
		return 0;
	case FTW_SL:
	case FTW_SLN:
		if (ts_scan_parse_name(base, &resolved, NULL, NULL) == TS_KIND_OTHER)
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
		} else if (ts_scan_parse_name(strrchr(resolved, '/') + 1, &tier, NULL, NULL) != TS_KIND_OTHER) {
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
		if (ts_scan_parse_name(base, &resolved, NULL, NULL) != TS_KIND_OTHER) {
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
