/* settings.c - the optimisation settings of a tier's rows (see settings.h). */
#include "ts.h"
#include "settings.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

size_t ts_settings_intern(struct ts_settings *s, int k, const char *text)
{
	struct ts_setting *c = &s->col[k];

	for (size_t i = 0; i < c->nr; i++)
		if (c->v[i].text ? text && strcmp(c->v[i].text, text) == 0 : !text)
			return i;
	TS_GROW(c->v, c->nr + 1, c->alloc);
	c->v[c->nr].text = text ? ts_xstrdup(text) : NULL;
	c->v[c->nr].rows = 0;
	return c->nr++;
}

int ts_settings_cmp(enum ts_syn_col c, const char *a, const char *b)
{
	if (!a || !b)
		return !a - !b;   /* the empty value last */
	if (ts_synthesis_cols[c].type == TS_VAL_INT) {
		long long x = strtoll(a, NULL, 10), y = strtoll(b, NULL, 10);
		if (x != y)
			return x < y ? -1 : 1;
	}
	/* BOOL: "False" < "True" by bytes too */
	return strcmp(a, b);
}

/* Insertion sort: a column takes a few values, and qsort has no context
 * for the column's type. */
static void sort_values(struct ts_setting *c, enum ts_syn_col col)
{
	for (size_t i = 1; i < c->nr; i++) {
		struct ts_setting_value x = c->v[i];
		size_t j = i;
		for (; j > 0 && ts_settings_cmp(col, c->v[j - 1].text, x.text) > 0; j--)
			c->v[j] = c->v[j - 1];
		c->v[j] = x;
	}
}

void ts_settings_finish(struct ts_settings *s)
{
	for (int k = 0; k < TS_SETTINGS_COUNT; k++) {
		struct ts_setting *c = &s->col[k];
		size_t n = 0;
		for (size_t i = 0; i < c->nr; i++) {
			if (c->v[i].rows > 0) {
				c->v[n++] = c->v[i];
				s->known = 1;
			} else {
				free(c->v[i].text);
			}
		}
		c->nr = n;
		sort_values(c, ts_settings_cols[k]);
	}
}

/* "INT4 (25 rows), INT8 (25 rows)" into buf. */
static void list_values(const struct ts_setting *c, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < c->nr && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s (%ld row%s)", i ? ", " : "",
				      ts_settings_show(c->v[i].text), c->v[i].rows,
				      c->v[i].rows == 1 ? "" : "s");
}

void ts_settings_note(const struct ts_settings *s, const char *key, const char *by,
		      struct ts_diag *d)
{
	char values[1024];

	for (int k = 0; k < TS_SETTINGS_COUNT; k++) {
		const struct ts_setting *c = &s->col[k];
		const char *name = ts_synthesis_cols[ts_settings_cols[k]].name;
		if (c->nr < 2)
			continue;
		list_values(c, values, sizeof(values));
		ts_diag_run(d, TS_NOTE, "%s: %s takes %zu values: %s; --by %s%s%s compares them",
			    key, name, c->nr, values, by ? by : "", by ? "," : "", name);
	}
}

void ts_settings_release(struct ts_settings *s)
{
	for (int k = 0; k < TS_SETTINGS_COUNT; k++) {
		for (size_t i = 0; i < s->col[k].nr; i++)
			free(s->col[k].v[i].text);
		free(s->col[k].v);
	}
	memset(s, 0, sizeof(*s));
}

/* ==== --by ==== */

static int by_allowed(enum ts_syn_col c)
{
	enum ts_val_type type = ts_synthesis_cols[c].type;

	for (int k = 0; k < TS_SETTINGS_COUNT; k++)
		if (ts_settings_cols[k] == c)
			return 1;
	return (type == TS_VAL_TEXT || type == TS_VAL_BOOL) && c != TS_SC_HARDWARE_TIER &&
	       c != TS_SC_DEVICE_TYPE && c != TS_SC_REQUEST_ID;
}

/* "quantization_used, ..., error_message": the columns --by takes. */
static void list_allowed(char *buf, size_t size)
{
	size_t n = 0;
	int seen[TS_SC_COUNT] = { 0 };

	buf[0] = '\0';
	for (int k = 0; k < TS_SETTINGS_COUNT && n < size; k++) {
		seen[ts_settings_cols[k]] = 1;
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
				      ts_synthesis_cols[ts_settings_cols[k]].name);
	}
	for (int c = 0; c < TS_SC_COUNT && n < size; c++)
		if (!seen[c] && by_allowed((enum ts_syn_col)c))
			n += (size_t)snprintf(buf + n, size - n, ", %s", ts_synthesis_cols[c].name);
}

/* The column named name[0..len), or -1. */
static int column_named(const char *name, size_t len)
{
	for (int c = 0; c < TS_SC_COUNT; c++)
		if (strlen(ts_synthesis_cols[c].name) == len &&
		    memcmp(ts_synthesis_cols[c].name, name, len) == 0)
			return c;
	return -1;
}

int ts_settings_parse_by(const char *arg, struct ts_by *by, char *why, size_t size)
{
	char cols[512];
	const char *p = arg;
	size_t n = 0;

	memset(by, 0, sizeof(*by));
	for (;;) {
		size_t len = strcspn(p, ",");
		int c = column_named(p, len);
		if (c < 0 || !by_allowed((enum ts_syn_col)c)) {
			list_allowed(cols, sizeof(cols));
			if (len)
				snprintf(why, size, "no column '%.*s' (columns: %s)",
					 (int)(len > 64 ? 64 : len), p, cols);
			else
				snprintf(why, size, "an empty column name (columns: %s)", cols);
			return -1;
		}
		for (size_t k = 0; k < by->n; k++)
			if (by->col[k] == (enum ts_syn_col)c) {
				snprintf(why, size, "'%s' is given twice", ts_synthesis_cols[c].name);
				return -1;
			}
		if (by->n == TS_BY_MAX) {
			snprintf(why, size, "at most %d columns", TS_BY_MAX);
			return -1;
		}
		by->col[by->n++] = (enum ts_syn_col)c;
		n += (size_t)snprintf(by->text + n, sizeof(by->text) - n, "%s%s", n ? "," : "",
				      ts_synthesis_cols[c].name);
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/* Append s with every byte but [A-Za-z0-9._] as '_'. */
static void put_safe(char *out, size_t *n, const char *s)
{
	for (; *s; s++) {
		unsigned char b = (unsigned char)*s;
		int ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
			 b == '.' || b == '_';
		out[(*n)++] = ok ? (char)b : '_';
	}
}

char *ts_settings_group_key(const char *base, const struct ts_by *by, char *const *values)
{
	size_t size = strlen(base) + 1, n;
	char *out;

	for (size_t k = 0; k < by->n; k++)
		size += 2 + strlen(ts_synthesis_cols[by->col[k]].name) + strlen(ts_settings_show(values[k]));
	out = ts_xmalloc(size);
	n = (size_t)snprintf(out, size, "%s", base);
	for (size_t k = 0; k < by->n; k++) {
		const char *name = ts_synthesis_cols[by->col[k]].name;
		out[n++] = '-';
		if (ts_synthesis_cols[by->col[k]].type != TS_VAL_TEXT) {
			put_safe(out, &n, name);
			out[n++] = '_';
		}
		put_safe(out, &n, ts_settings_show(values[k]));
	}
	out[n] = '\0';
	return out;
}

/* A column's name in a label: short, for the legends and axes. */
static const char *short_name(enum ts_syn_col c)
{
	switch (c) {
	case TS_SC_TORCH_COMPILE_USED: return "compile";
	case TS_SC_ONNX_USED: return "ONNX";
	case TS_SC_CHUNK_LENGTH: return "chunk";
	case TS_SC_NUM_THREADS: return "threads";
	case TS_SC_THROTTLE_DETECTED: return "throttled";
	default: return ts_synthesis_cols[c].name;
	}
}

char *ts_settings_group_parts(const struct ts_by *by, char *const *values)
{
	char *out = ts_xstrdup(""), *done;

	for (size_t k = 0; k < by->n; k++) {
		enum ts_syn_col c = by->col[k];
		const char *v = values[k], *sep = k ? ", " : "";
		if (ts_synthesis_cols[c].type == TS_VAL_TEXT)
			done = ts_xasprintf("%s%s%s", out, sep, ts_settings_show(v));
		else if (ts_synthesis_cols[c].type == TS_VAL_BOOL && v)
			done = ts_xasprintf("%s%s%s%s", out, sep, strcmp(v, "True") ? "no " : "",
					    short_name(c));
		else
			done = ts_xasprintf("%s%s%s %s", out, sep, short_name(c), ts_settings_show(v));
		free(out);
		out = done;
	}
	return out;
}

char *ts_settings_group_label(const char *label, const struct ts_by *by, char *const *values)
{
	char *parts = ts_settings_group_parts(by, values);
	char *out = ts_xasprintf("%s (%s)", label, parts);

	free(parts);
	return out;
}

char *ts_settings_by_names(const struct ts_by *by, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < by->n && n < size; k++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", k ? ", " : "",
				      ts_synthesis_cols[by->col[k]].name);
	return buf;
}

int ts_settings_group_cmp(const struct ts_by *by, char *const *a, char *const *b)
{
	for (size_t k = 0; k < by->n; k++) {
		int c = ts_settings_cmp(by->col[k], a[k], b[k]);
		if (c)
			return c;
	}
	return 0;
}
