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
