/* specs.c - read the hardware_specs and analysis JSON files (see specs.h). */
#include "ts.h"
#include "specs.h"
#include "hash.h"
#include "mem.h"
#include "repr.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct jctx {
	const struct ts_input *in;
	struct ts_diag *d;
	unsigned long long hash;   /* of the file's bytes */
};

/* Larger than this is no hardware description: refuse, do not read. */
#define TS_JSON_MAX (64 << 20)

/* ==== repeated keys ==== */

/* One key of an object, found by scan_keys. */
struct jkey {
	size_t obj;          /* its object: 1 for the first '{' of the file, ... */
	size_t seq;          /* its place among the keys of the file */
	size_t off;          /* its decoded bytes at jkeys.text + off */
	const char *name;    /* jkeys.text + off, once the scan is done */
	unsigned len;
	unsigned line, col;  /* of its closing quote, counted as jansson counts */
	unsigned nth, total; /* the nth of total keys of that name in obj */
};

struct jkeys {
	struct jkey *v;
	size_t nr, alloc;
	char *text;          /* every key, decoded, one after the other */
	size_t text_len, text_alloc;
};

static void put_bytes(struct jkeys *k, const char *s, size_t n)
{
	TS_GROW(k->text, k->text_len + n, k->text_alloc);
	memcpy(k->text + k->text_len, s, n);
	k->text_len += n;
}

/* UTF-8 of code point u (jansson already checked it is one). */
static void put_utf8(struct jkeys *k, unsigned long u)
{
	char b[4];
	size_t n;

	if (u < 0x80) {
		b[0] = (char)u, n = 1;
	} else if (u < 0x800) {
		b[0] = (char)(0xc0 | u >> 6), b[1] = (char)(0x80 | (u & 0x3f)), n = 2;
	} else if (u < 0x10000) {
		b[0] = (char)(0xe0 | u >> 12), b[1] = (char)(0x80 | (u >> 6 & 0x3f));
		b[2] = (char)(0x80 | (u & 0x3f)), n = 3;
	} else {
		b[0] = (char)(0xf0 | u >> 18), b[1] = (char)(0x80 | (u >> 12 & 0x3f));
		b[2] = (char)(0x80 | (u >> 6 & 0x3f)), b[3] = (char)(0x80 | (u & 0x3f)), n = 4;
	}
	put_bytes(k, b, n);
}

/* The 4 hex digits at s (s has at least 4 bytes), or -1. */
static long hex4(const char *s)
{
	long u = 0;

	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i], x;
		if (c >= '0' && c <= '9')
			x = c - '0';
		else if (c >= 'a' && c <= 'f')
			x = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			x = c - 'A' + 10;
		else
			return -1;
		u = u << 4 | x;
	}
	return u;
}

/* Decode the string whose opening quote is at buf[i] into k->text, as
 * Python and jansson decode it ("\u0061" is "a", a surrogate pair one
 * character). Returns the index of the closing quote; *col counts the
 * characters passed (a byte that does not continue a UTF-8 sequence), as
 * jansson's column does. */
static size_t decode_string(struct jkeys *k, const char *buf, size_t len, size_t i,
			    unsigned *col)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";

	for (i++; i < len && buf[i] != '"'; i++) {
		const char *e;
		long u, lo;

		if (((unsigned char)buf[i] & 0xc0) != 0x80)
			(*col)++;
		if (buf[i] != '\\' || i + 1 >= len) {
			put_bytes(k, buf + i, 1);
			continue;
		}
		(*col)++, i++;
		if (buf[i] == 'u' && i + 4 < len && (u = hex4(buf + i + 1)) >= 0) {
			*col += 4, i += 4;
			if (u >= 0xd800 && u < 0xdc00 && i + 6 < len && buf[i + 1] == '\\' &&
			    buf[i + 2] == 'u' && (lo = hex4(buf + i + 3)) >= 0xdc00 && lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				*col += 6, i += 6;
			}
			put_utf8(k, (unsigned long)u);
		} else if ((e = strchr(esc_in, buf[i])) != NULL && *e) {
			put_bytes(k, esc_out + (e - esc_in), 1);
		} else {
			put_bytes(k, buf + i - 1, 2);   /* not JSON: jansson refused it */
		}
	}
	if (i < len)
		(*col)++;   /* the closing quote */
	return i;
}

/* Every key of every object of buf[0..len) (which jansson parsed), with
 * its object, line and column. A string is a key when the innermost open
 * bracket is '{' and the last structural character '{' or ','. */
static void scan_keys(struct jkeys *k, const char *buf, size_t len)
{
	size_t *open = NULL, depth = 0, open_alloc = 0, n_obj = 0;
	unsigned line = 1, col = 0;
	char last = 0;

	TS_GROW(k->text, 1, k->text_alloc);   /* never NULL, even for "" keys */
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '\n') {
			line++, col = 0;
			continue;
		}
		if (((unsigned char)c & 0xc0) != 0x80)
			col++;
		if (c == '{' || c == '[') {
			TS_GROW(open, depth + 1, open_alloc);
			open[depth++] = c == '{' ? ++n_obj : 0;
			last = c;
		} else if (c == '}' || c == ']') {
			depth -= depth > 0;
			last = c;
		} else if (c == ',' || c == ':') {
			last = c;
		} else if (c == '"') {
			size_t off = k->text_len;
			int is_key = depth > 0 && open[depth - 1] && (last == '{' || last == ',');

			i = decode_string(k, buf, len, i, &col);
			last = '"';
			if (!is_key) {
				k->text_len = off;
				continue;
			}
			TS_GROW(k->v, k->nr + 1, k->alloc);
			k->v[k->nr] = (struct jkey){ open[depth - 1], k->nr, off, NULL,
						     (unsigned)(k->text_len - off), line, col, 1, 1 };
			k->nr++;
		}
	}
	free(open);
	for (size_t i = 0; i < k->nr; i++)
		k->v[i].name = k->text + k->v[i].off;
}

/* By object, then name, then place in the file. */
static int cmp_name(const void *pa, const void *pb)
{
	const struct jkey *a = pa, *b = pb;
	int c;

	if (a->obj != b->obj)
		return a->obj < b->obj ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	c = memcmp(a->name, b->name, a->len);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* In file order: by seq, since "" takes no bytes and shares its off. */
static int cmp_place(const void *pa, const void *pb)
{
	const struct jkey *a = pa, *b = pb;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int same_name(const struct jkey *a, const struct jkey *b)
{
	return a->obj == b->obj && a->len == b->len && memcmp(a->name, b->name, a->len) == 0;
}

static const char *ordinal(unsigned n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/* One warning at each repeated key of buf (a JSON object that jansson
 * parsed keeping the last value of each, as Python's json does): at the
 * second occurrence, and at each further one. Returns how many. */
static size_t report_repeated_keys(struct jctx *j, const char *buf, size_t len)
{
	struct jkeys k = { 0 };
	size_t n = 0;

	scan_keys(&k, buf, len);
	if (k.nr > 1)
		qsort(k.v, k.nr, sizeof(*k.v), cmp_name);
	for (size_t a = 0, b; a < k.nr; a = b) {
		for (b = a + 1; b < k.nr && same_name(&k.v[a], &k.v[b]); b++)
			;
		for (size_t i = a + 1; i < b; i++) {
			k.v[i].nth = (unsigned)(i - a + 1);
			k.v[i].total = (unsigned)(b - a);
			k.v[n++] = k.v[i];   /* n < i: keeps only the repeats */
		}
	}
	if (n > 1)
		qsort(k.v, n, sizeof(*k.v), cmp_place);
	for (size_t i = 0; i < n; i++) {
		const struct jkey *x = &k.v[i];
		char q[TS_QUOTE_BUF];

		ts_diag_quote(q, sizeof(q), x->name, x->len, TS_QUOTE_MAX);
		if (x->total == 2)
			ts_diag_report(j->d, TS_WARNING, TS_DROP_CELL, j->in->rel, x->line, x->col,
				       "key '%s' appears twice (the last one is used, as Python's json does)", q);
		else
			ts_diag_report(j->d, TS_WARNING, TS_DROP_CELL, j->in->rel, x->line, x->col,
				       "key '%s' appears %u times, here for the %u%s time "
				       "(the last one is used, as Python's json does)",
				       q, x->total, x->nth, ordinal(x->nth));
	}
	free(k.v);
	free(k.text);
	return n;
}

/* ==== the file ==== */

/* Open with O_NONBLOCK (a FIFO never blocks) and read the whole file
 * (these files are small; a huge one is refused) to hash the bytes as
 * well as parse them. Returns the bytes (caller frees) or NULL
 * (reported). */
static char *read_whole(struct jctx *j, size_t *len_out)
{
	struct stat st;
	struct ts_hash h;
	size_t cap, len = 0;
	ssize_t got;
	char *buf;
	int fd = open(j->in->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		ts_diag_file_error(j->d, j->in->rel, 0, "cannot open: %s (file skipped)", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		ts_diag_file_error(j->d, j->in->rel, 0, "not a regular file (file skipped)");
		return NULL;
	}
	if (st.st_size > TS_JSON_MAX) {
		close(fd);
		ts_diag_file_error(j->d, j->in->rel, 0, "larger than %d MiB: not a hardware description (file skipped)",
				   TS_JSON_MAX >> 20);
		return NULL;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = ts_xmalloc(cap);
	while ((got = read(fd, buf + len, cap - len)) > 0 || (got < 0 && errno == EINTR)) {
		if (got < 0)
			continue;
		len += (size_t)got;
		if (len == cap) {
			if (cap > TS_JSON_MAX)
				break;   /* grew while read: parse what we have */
			cap *= 2;
			buf = ts_xrealloc(buf, cap);
		}
	}
	close(fd);
	ts_hash_init(&h);
	ts_hash_update(&h, buf, len);
	j->hash = ts_hash_final(&h);
	*len_out = len;
	return buf;
}

/* Parse the whole file; reports and returns NULL unless the top level is
 * an object. A repeated key is not an error: like Python's json, the last
 * value is kept (jansson without JSON_REJECT_DUPLICATES does the same,
 * the value taking the first one's place), and each repeat is reported.
 * The first parse rejects duplicates so that the key scan runs only on
 * files that have one. */
static json_t *load_object(struct jctx *j)
{
	json_error_t err, dup;
	json_t *root;
	size_t len, bom;
	char *buf = read_whole(j, &len);
	int repeated = 0;

	if (!buf)
		return NULL;
	/* a UTF-8 BOM (Windows editors) is not JSON, but harmless */
	bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	root = json_loadb(buf + bom, len - bom, JSON_REJECT_DUPLICATES, &err);
	if (!root && json_error_code(&err) == json_error_duplicate_key) {
		dup = err;
		root = json_loadb(buf + bom, len - bom, 0, &err);
		repeated = 1;
	}
	if (!root) {
		const char *hint = "";
		if (strstr(err.text, "NaN") || strstr(err.text, "Infinity"))
			hint = "; Python's json module writes NaN and Infinity, which JSON does not allow";
		ts_diag_report(j->d, TS_ERROR, TS_DROP_FILE, j->in->rel,
			       err.line > 0 ? err.line : 0, err.line > 0 ? err.column : 0,
			       "invalid JSON: %s%s (file skipped)", err.text, hint);
	} else if (!json_is_object(root)) {
		ts_diag_file_error(j->d, j->in->rel, 0, "the top level is not a JSON object (file skipped)");
		json_decref(root);
		root = NULL;
	} else if (repeated && report_repeated_keys(j, buf + bom, len - bom) == 0) {
		/* cannot happen (the scan finds what jansson found); say it anyway */
		ts_diag_report(j->d, TS_WARNING, TS_DROP_CELL, j->in->rel, dup.line, dup.column,
			       "%s (the last one is used, as Python's json does)", dup.text);
	}
	free(buf);
	return root;
}

static void wrong_type(struct jctx *j, const char *key, const char *want)
{
	ts_diag_report(j->d, TS_WARNING, TS_DROP_CELL, j->in->rel, 0, 0,
		       "field '%s' is not %s (taken as unknown)", key, want);
}

/* A string field, or NULL when absent or null. */
static const char *get_str(struct jctx *j, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		wrong_type(j, key, "a string");
		return NULL;
	}
	return json_string_value(v);
}

/* A number field (integer or real), or NAN. */
static double get_num(struct jctx *j, json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;

	if (!v || json_is_null(v))
		return NAN;
	if (!json_is_number(v)) {
		wrong_type(j, key, "a number");
		return NAN;
	}
	return json_number_value(v);
}

/* A count field (a whole number >= 0), or -1. */
static long long get_count(struct jctx *j, json_t *o, const char *key)
{
	double x = get_num(j, o, key);

	if (isnan(x))
		return -1;
	if (x < 0 || x != floor(x) || x > 9007199254740992.0) {
		wrong_type(j, key, "a count");
		return -1;
	}
	return (long long)x;
}

static json_t *get_obj(struct jctx *j, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_object(v)) {
		wrong_type(j, key, "an object");
		return NULL;
	}
	return v;
}

/* hardware_tier in the file, checked against the name's tier. */
static const char *tier_of(struct jctx *j, json_t *root)
{
	const char *ht = get_str(j, root, "hardware_tier");

	if (!ht || !*ht)
		return j->in->tier;
	if (strcmp(ht, j->in->tier) != 0) {
		char q[TS_QUOTE_BUF];
		ts_diag_note(j->d, j->in->rel, 0,
			     "hardware_tier '%s' differs from the file name's '%s' (the field is used)",
			     ts_diag_quote(q, sizeof(q), ht, strlen(ht), TS_QUOTE_MAX), j->in->tier);
	}
	return ht;
}

static int load_specs(struct ts_store *s, struct jctx *j, json_t *root, long long id)
{
	static const char *const fields[] = {
		"hardware_tier", "device_type", "display_name", "cpu_model",
		"cpu_cores", "total_memory_gb", "gpu_name",
	};
	struct ts_specs_row r;
	char *text, *shortened;
	int rc, any = 0;

	for (size_t i = 0; i < TS_COUNTOF(fields); i++)
		any |= json_object_get(root, fields[i]) != NULL;
	if (!any)
		ts_diag_report(j->d, TS_WARNING, TS_DROP_NONE, j->in->rel, 0, 0,
			       "no hardware fields in this file (hardware unknown)");

	r.hardware_tier = tier_of(j, root);
	r.device_type = get_str(j, root, "device_type");
	r.display_name = get_str(j, root, "display_name");
	r.cpu_model = get_str(j, root, "cpu_model");
	r.gpu_name = get_str(j, root, "gpu_name");
	r.cpu_cores = get_count(j, root, "cpu_cores");
	r.total_memory_gb = get_num(j, root, "total_memory_gb");
	text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	if (!text)
		return ts_diag_file_error(j->d, j->in->rel, 0, "cannot re-encode the object (file skipped)");
	shortened = ts_json_short_reals(text);   /* the numbers as written */
	free(text);
	r.json = shortened;
	rc = ts_store_add_specs(s, id, &r);
	free(shortened);
	return rc;
}

/* A figure of the monitor's aggregate that cannot be physical (a rate
 * outside 0 to 1, a negative time or amount): kept, but warned about, as
 * for CSV values (columns.h). */
static void check_bounds(struct jctx *j, const char *key, double x, double lo, double hi)
{
	if (!ts_out_of_bounds(x, lo, hi))
		return;
	if (lo == 0 && isinf(hi))
		ts_diag_warn(j->d, TS_DROP_NONE, j->in->rel, 0, "field '%s': %.15g is negative (kept)",
			     key, x);
	else
		ts_diag_warn(j->d, TS_DROP_NONE, j->in->rel, 0, "field '%s': %.15g is outside %g to %g (kept)",
			     key, x, lo, hi);
}

static void check_analysis(struct jctx *j, const struct ts_analysis_row *r)
{
	const struct { const char *key; double x; } amounts[] = {
		{ "memory.avg_peak_mb", r->avg_peak_mb }, { "memory.max_peak_mb", r->max_peak_mb },
		{ "memory.min_peak_mb", r->min_peak_mb }, { "memory.std_dev_mb", r->std_dev_mb },
		{ "performance.avg_rtf", r->avg_rtf },
		{ "performance.avg_tokens_per_sec", r->avg_tokens_per_sec },
		{ "performance.avg_duration_s", r->avg_duration_s },
	};

	check_bounds(j, "success_rate", r->success_rate, 0, 1);
	for (size_t i = 0; i < TS_COUNTOF(amounts); i++)
		check_bounds(j, amounts[i].key, amounts[i].x, 0, INFINITY);
	check_bounds(j, "thermal.max_temperature_c", r->max_temperature_c, -50, 150);
}

static int load_analysis(struct ts_store *s, struct jctx *j, json_t *root, long long id)
{
	struct ts_analysis_row r;
	json_t *mem = get_obj(j, root, "memory");
	json_t *perf = get_obj(j, root, "performance");
	json_t *thermal = get_obj(j, root, "thermal");
	char *specs_dt = NULL;
	int rc;

	r.hardware_tier = tier_of(j, root);
	r.device_type = get_str(j, root, "device_type");
	if (!r.device_type || !*r.device_type) {
		r.device_type = specs_dt = ts_store_specs_device(s, r.hardware_tier);
		if (!specs_dt)
			return ts_diag_file_error(j->d, j->in->rel, 0,
						  "no device_type, here or in the hardware specs (file skipped)");
		ts_diag_note(j->d, j->in->rel, 0, "no device_type (taken as '%s' from the hardware specs)",
			     specs_dt);
	}
	r.total_runs = get_count(j, root, "total_runs");
	r.successful_runs = get_count(j, root, "successful_runs");
	r.success_rate = get_num(j, root, "success_rate");
	r.avg_peak_mb = get_num(j, mem, "avg_peak_mb");
	r.max_peak_mb = get_num(j, mem, "max_peak_mb");
	r.min_peak_mb = get_num(j, mem, "min_peak_mb");
	r.std_dev_mb = get_num(j, mem, "std_dev_mb");
	r.avg_rtf = get_num(j, perf, "avg_rtf");
	r.avg_tokens_per_sec = get_num(j, perf, "avg_tokens_per_sec");
	r.avg_duration_s = get_num(j, perf, "avg_duration_s");
	r.max_temperature_c = get_num(j, thermal, "max_temperature_c");
	r.throttle_events = get_count(j, thermal, "throttle_events");
	check_analysis(j, &r);
	rc = ts_store_add_analysis(s, id, &r);
	free(specs_dt);
	return rc;
}

int ts_specs_load(struct ts_store *s, const struct ts_input *in,
		  struct ts_load_totals *tot, struct ts_diag *d)
{
	struct jctx j = { in, d, 0 };
	json_t *root;
	long long id;
	int rc = -1;

	ts_diag_file_begin(d, in->rel);
	root = load_object(&j);
	if (ts_store_begin(s) < 0)
		goto out;
	id = ts_store_add_file(s, in);
	if (id >= 0 && root) {
		rc = in->kind == TS_KIND_SPECS ? load_specs(s, &j, root, id)
					       : load_analysis(s, &j, root, id);
	}
	if (id < 0 || ts_store_file_status(s, id, rc == 0 ? "read" : "skipped", 0, 0, j.hash) < 0 ||
	    ts_store_commit(s) < 0) {
		ts_store_rollback(s);
		rc = -1;
	}
out:
	if (rc == 0)
		tot->files_read++;
	else
		tot->files_skipped++;
	json_decref(root);
	ts_diag_file_end(d);
	return rc;
}
