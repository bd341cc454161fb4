/* effect.c - the effect of a setting: --by with --baseline (see effect.h). */
#include "ts.h"
#include "effect.h"
#include "mem.h"
#include "tiers.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const enum ts_metric ts_effect_metrics[TS_EFFECT_COUNT] = {
	TS_M_RTF, TS_M_PEAK_MEMORY_MB, TS_M_TOKENS_PER_SECOND,
};

/* ==== the option ==== */

int ts_effect_parse(const char *arg, size_t by_n, struct ts_baseline *b,
		    char *why, size_t size)
{
	const char *p = arg;

	memset(b, 0, sizeof(*b));
	snprintf(b->text, sizeof(b->text), "%s", arg);
	if (strlen(arg) >= sizeof(b->text)) {
		snprintf(why, size, "longer than %zu bytes", sizeof(b->text) - 1);
		return -1;
	}
	for (;;) {
		size_t len = strcspn(p, ",");
		if (len == 0) {
			snprintf(why, size, "an empty value (the empty value is written none)");
			return -1;
		}
		if (b->n == by_n) {
			snprintf(why, size, "more values than the %zu column%s of --by", by_n,
				 by_n == 1 ? "" : "s");
			return -1;
		}
		if (len >= sizeof(b->value[0])) {
			snprintf(why, size, "a value longer than %zu bytes", sizeof(b->value[0]) - 1);
			return -1;
		}
		memcpy(b->value[b->n], p, len);
		b->value[b->n++][len] = '\0';
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/* want as an integer into *out: 1, or 0 when it is not a whole number. */
static int whole_number(const char *want, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(want, &end, 10);
	return end != want && !*end && errno == 0;
}

int ts_effect_matches(enum ts_syn_col c, const char *want, const char *v)
{
	long long a;

	if (strcmp(want, "none") == 0)
		return !v || (ts_synthesis_cols[c].type == TS_VAL_TEXT && strcmp(v, "none") == 0);
	if (!v)
		return 0;
	switch (ts_synthesis_cols[c].type) {
	case TS_VAL_BOOL:
		return strcasecmp(want, v) == 0;
	case TS_VAL_INT:
		return whole_number(want, &a) && a == strtoll(v, NULL, 10);
	default:
		return strcmp(want, v) == 0;
	}
}

/* The value a group of the baseline has in column c, as the groups write
 * it: NULL for "none", True/False for a boolean, else as given. */
static const char *canonical(enum ts_syn_col c, const char *want)
{
	if (strcmp(want, "none") == 0)
		return NULL;
	if (ts_synthesis_cols[c].type == TS_VAL_BOOL)
		return strcasecmp(want, "true") == 0 ? "True" : strcasecmp(want, "false") == 0 ? "False" : want;
	return want;
}

/* The values of column k over the tiers with rows, sorted and each once,
 * as "INT4, INT8, none", into buf. */
static void list_values(const struct ts_tiers *t, size_t k, char *buf, size_t size)
{
	enum ts_syn_col c = t->by.col[k];
	const char **v = ts_xmalloc((t->nr + 1) * sizeof(*v));
	size_t n = 0, used = 0;

	for (size_t i = 0; i < t->nr; i++) {
		const char *x = t->v[i].group[k];
		size_t j = 0;
		if (t->v[i].from != TS_FROM_CSV)
			continue;
		while (j < n && ts_settings_cmp(c, v[j], x) < 0)
			j++;
		if (j < n && ts_settings_cmp(c, v[j], x) == 0)
			continue;
		memmove(v + j + 1, v + j, (n - j) * sizeof(*v));
		v[j] = x;
		n++;
	}
	buf[0] = '\0';
	for (size_t j = 0; j < n && used < size; j++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", j ? ", " : "",
					 ts_settings_show(v[j]));
	free(v);
}

int ts_effect_check(const struct ts_tiers *t, const struct ts_baseline *b,
		    char *why, size_t size)
{
	for (size_t k = 0; k < b->n; k++) {
		enum ts_syn_col c = t->by.col[k];
		char values[400];
		size_t i = 0;
		while (i < t->nr && !(t->v[i].from == TS_FROM_CSV &&
				      ts_effect_matches(c, b->value[k], t->v[i].group[k])))
			i++;
		if (i < t->nr)
			continue;
		list_values(t, k, values, sizeof(values));
		snprintf(why, size, "no row has %s '%s' (values: %s)", ts_synthesis_cols[c].name,
			 b->value[k], values[0] ? values : "none");
		return -1;
	}
	return 0;
}

/* ==== the comparisons ==== */

/* Whether x is a group of the baseline: its first b->n values are it. */
static int is_baseline(const struct ts_tiers *t, const struct ts_baseline *b,
		       const struct ts_tier *x)
{
	for (size_t k = 0; k < b->n; k++)
		if (!ts_effect_matches(t->by.col[k], b->value[k], x->group[k]))
			return 0;
	return 1;
}

/* The baseline group of x (same machine, the baseline's values, then
 * x's own), or -1. */
static long partner(const struct ts_tiers *t, const struct ts_baseline *b, const struct ts_tier *x)
{
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *y = &t->v[i];
		size_t k = b->n;
		if (!ts_tier_same_machine(x, y) || !is_baseline(t, b, y))
			continue;
		while (k < t->by.n && ts_settings_cmp(t->by.col[k], x->group[k], y->group[k]) == 0)
			k++;
		if (k == t->by.n)
			return (long)i;
	}
	return -1;
}

/* a over b, with the interval where both have an SD (as --reference). */
static void ratio(const struct ts_summary *a, const struct ts_summary *b, struct ts_ratio *q)
{
	if (ts_stats_ratio(a, b, q) < 0 && a->mean > 0 && b->mean > 0)
		q->ratio = a->mean / b->mean;
}

static void compare(const struct ts_tiers *t, struct ts_effect_cmp *c)
{
	for (int k = 0; k < TS_EFFECT_COUNT; k++) {
		struct ts_ratio *q = &c->r[k];
		enum ts_metric m = ts_effect_metrics[k];
		q->ratio = q->ci95[0] = q->ci95[1] = q->df = q->se_log = NAN;
		if (c->base >= 0)
			ratio(&t->v[c->tier].metrics[m], &t->v[c->base].metrics[m], q);
	}
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct ts_effect_machine *)a)->key,
		      ((const struct ts_effect_machine *)b)->key);
}

/* The machines, each once with its first group, sorted by key. */
static void machines(struct ts_tiers *t)
{
	struct ts_effect *e = &t->effect;

	e->m = ts_xcalloc(t->nr ? t->nr : 1, sizeof(*e->m));
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		if (ts_tiers_machine_first(t, i) != i)
			continue;
		e->m[e->nr].key = ts_xasprintf("%s_%s", x->hardware_tier, x->device_type);
		e->m[e->nr].label = x->machine_label ? x->machine_label : x->label;
		e->m[e->nr++].first = i;
	}
	qsort(e->m, e->nr, sizeof(*e->m), by_key);
}

void ts_effect_build(struct ts_tiers *t, const struct ts_baseline *b)
{
	struct ts_effect *e = &t->effect;

	ts_effect_release(e);
	e->base = *b;
	if (!b->n || !t->by.n)
		return;
	machines(t);
	for (size_t j = 0; j < e->nr; j++) {
		struct ts_effect_machine *m = &e->m[j];
		const struct ts_tier *first = &t->v[m->first];
		m->cmp = ts_xcalloc(t->nr, sizeof(*m->cmp));
		for (size_t i = 0; i < t->nr; i++) {
			struct ts_effect_cmp *c = &m->cmp[m->nr];
			if (!ts_tier_same_machine(first, &t->v[i]) || is_baseline(t, b, &t->v[i]))
				continue;
			c->tier = i;
			c->base = partner(t, b, &t->v[i]);
			compare(t, c);
			m->measured += c->base >= 0;
			m->nr++;
		}
	}
}

/* ==== words ==== */

char *ts_effect_group_text(const struct ts_tiers *t, size_t tier)
{
	return ts_settings_group_parts(&t->by, t->v[tier].group);
}

char *ts_effect_base_text(const struct ts_tiers *t, size_t tier)
{
	const struct ts_baseline *b = &t->effect.base;
	char *values[TS_BY_MAX];

	for (size_t k = 0; k < t->by.n; k++)
		values[k] = k < b->n ? (char *)canonical(t->by.col[k], b->value[k]) : t->v[tier].group[k];
	return ts_settings_group_parts(&t->by, values);
}

char *ts_effect_only_text(const struct ts_tiers *t, const struct ts_effect_machine *m)
{
	const struct ts_tier *x = &t->v[m->first];
	struct ts_by first = t->by;
	char *parts, *out;

	if (x->from != TS_FROM_CSV)
		return ts_xstrdup("settings unknown: analysis JSON only");
	first.n = t->effect.base.n;
	for (size_t i = 0; i < t->nr; i++)
		if (ts_tier_same_machine(x, &t->v[i]) && ts_settings_group_cmp(&first, x->group, t->v[i].group))
			return NULL;
	parts = ts_settings_group_parts(&first, t->v[m->first].group);
	out = ts_xasprintf("only %s", parts);
	free(parts);
	return out;
}

void ts_effect_release(struct ts_effect *e)
{
	for (size_t j = 0; j < e->nr; j++) {
		free(e->m[j].key);
		free(e->m[j].cmp);
	}
	free(e->m);
	memset(e, 0, sizeof(*e));
}
