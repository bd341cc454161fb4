/* tiers_rt.c - the realtime files of the tier model: each paired with
 * its tier (README decision 6), its samples added (see tiers.h,
 * ts_tiers_finish; tiers_int.h). */
#include "ts.h"
#include "tiers.h"
#include "tiers_int.h"
#include "mem.h"
#include "stats.h"
#include "store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ==== realtime files: each paired with its tier (README decision 6) ==== */

/* The key of the synthesis file a realtime file belongs to: the one with
 * the same stem in the same folder, else the first (in path order) with
 * the same <tier>_<stamp> anywhere; NULL when there is none. */
static const struct ts_syn_first *partner(const struct ts_rt_file *f,
					  const struct ts_syn_first *syn, size_t nsyn)
{
	for (size_t i = 0; i < nsyn && f->stem; i++)
		if (syn[i].stem && strcmp(syn[i].stem, f->stem) == 0)
			return &syn[i];
	for (size_t i = 0; i < nsyn && f->base_stem; i++)
		if (syn[i].base_stem && strcmp(syn[i].base_stem, f->base_stem) == 0)
			return &syn[i];
	return NULL;
}

/* The tier of a realtime file: its partner's, else the only tier of the
 * same hardware_tier (noted), else none (warned). */
static struct ts_tier *realtime_tier(struct ts_tiers *t, const struct ts_rt_file *f,
				     const struct ts_syn_first *pair, struct ts_diag *d)
{
	struct ts_tier *found = NULL;
	size_t n = 0;

	for (size_t i = 0; pair && pair->path && i < t->nfirst; i++)   /* --by */
		if (strcmp(t->first[i].path, pair->path) == 0)
			return &t->v[t->first[i].tier];
	for (size_t i = 0; i < t->nr; i++) {
		struct ts_tier *x = &t->v[i];
		if (pair && pair->hardware_tier && pair->device_type) {
			if (!strcmp(x->hardware_tier, pair->hardware_tier) &&
			    !strcmp(x->device_type, pair->device_type))
				return x;
		} else if (!strcmp(x->hardware_tier, f->tier)) {
			found = x;
			n++;
		}
	}
	if (n == 1) {
		ts_diag_note(d, f->path, 0, "no synthesis file with the same name stamp (counted for %s)",
			     found->key);
		return found;
	}
	ts_diag_warn(d, TS_DROP_FILE, f->path, 0,
		     n ? "no synthesis file with the same name stamp, and tier '%s' has several device types (not used)"
		       : "no synthesis rows for tier '%s' (not used)", f->tier);
	return NULL;
}

/* Add a file's aggregate to its tier; sums[k] gathers the compensated
 * sums of column k over the tier's files. */
static void add_realtime(struct ts_tier *t, const struct ts_rt_agg *a, struct ts_ksum *sums)
{
	struct ts_realtime *r = &t->realtime;
	const struct ts_rt_col_agg *ts = &a->col[TS_RC_TIMESTAMP];

	r->samples += (long)a->samples;
	if (ts->n)   /* unknown (NAN) until a file has a timestamp kept */
		r->duration_s = (isnan(r->duration_s) ? 0 : r->duration_s) + ts->max - ts->min;
	for (int c = 0; c < TS_RC_COUNT; c++) {
		const struct ts_rt_col_agg *x = &a->col[c];
		struct ts_rt_stat *y = &r->col[c];
		if (!x->n)
			continue;
		y->n += x->n;
		if (ts_realtime_cols[c].aggs & TS_AGG_SUM)
			ts_ksum_add(&sums[c], x->sum);
		if (!isnan(x->min) && (isnan(y->min) || x->min < y->min))
			y->min = x->min;
		if (!isnan(x->max) && (isnan(y->max) || x->max > y->max))
			y->max = x->max;
	}
}

/* The during and idle samples of realtime file f, when it was judged
 * against the synthesis file tiers pair it with (pair): its loader chose
 * the partner by name before the synthesis rows were stored, so one that
 * turned out to have no row stored is no partner here. Summed in path
 * order into sum[], the tier's. */
static int add_phases(struct ts_tier *t, struct ts_store *s, const struct ts_rt_file *f,
		      const struct ts_syn_first *pair, struct ts_phase *sum)
{
	struct ts_phase ph[TS_SPAN_COUNT];
	char *partner;
	int rc = ts_store_realtime_phases(s, f->path, &partner, ph);

	if (rc == 1 && pair && pair->path && strcmp(partner, pair->path) == 0) {
		t->realtime.paired++;
		for (int k = 0; k < TS_SPAN_COUNT; k++)
			ts_phase_merge(&sum[k], &ph[k]);
	}
	free(partner);
	return rc < 0 ? -1 : 0;
}

static void finish_phases(struct ts_realtime *r, const struct ts_phase *sum)
{
	for (int k = 0; k < TS_SPAN_COUNT; k++) {
		const struct ts_phase *p = &sum[k];
		struct ts_rt_phase *y = &r->phase[k];
		y->samples = (long long)p->n;
		y->n_memory = (long long)p->n_memory;
		y->n_cpu = (long long)p->n_cpu;
		y->memory_mean = p->n_memory ? ts_ksum_value(&p->memory) / (double)p->n_memory : NAN;
		y->memory_max = p->memory_max;
		y->cpu_mean = p->n_cpu ? ts_ksum_value(&p->cpu) / (double)p->n_cpu : NAN;
	}
}

int ts_tiers_add_realtime(struct ts_tiers *t, struct ts_store *s, struct ts_diag *d)
{
	struct ts_phase (*phases)[TS_SPAN_COUNT] = ts_xcalloc(t->nr ? t->nr : 1, sizeof(*phases));
	struct ts_rt_file *f = NULL;
	struct ts_syn_first *syn = NULL;
	size_t nf = 0, nsyn = 0;
	struct ts_ksum (*sums)[TS_RC_COUNT] = ts_xcalloc(t->nr ? t->nr : 1, sizeof(*sums));
	int rc = -1;

	if (ts_store_synthesis_firsts(s, &syn, &nsyn) < 0 || ts_store_realtime_files(s, &f, &nf) < 0)
		goto out;
	for (size_t k = 0; k < t->nr; k++)
		for (int p = 0; p < TS_SPAN_COUNT; p++)
			ts_phase_init(&phases[k][p]);
	for (size_t i = 0; i < nf; i++) {
		const struct ts_syn_first *pair = partner(&f[i], syn, nsyn);
		struct ts_tier *x = realtime_tier(t, &f[i], pair, d);
		if (!x)
			continue;
		if (add_phases(x, s, &f[i], pair, phases[x - t->v]) < 0)
			goto out;
		add_realtime(x, &f[i].a, sums[x - t->v]);
		ts_tiers_add_source(x, f[i].path);
		ts_tl_add_run(&x->timeline, f[i].path, f[i].a.col[TS_RC_TIMESTAMP].min,
			      f[i].a.col[TS_RC_TIMESTAMP].max);
	}
	for (size_t k = 0; k < t->nr; k++)
		for (int c = 0; c < TS_RC_COUNT; c++)
			if (t->v[k].realtime.col[c].n && (ts_realtime_cols[c].aggs & TS_AGG_SUM))
				t->v[k].realtime.col[c].mean =
					ts_ksum_value(&sums[k][c]) / (double)t->v[k].realtime.col[c].n;
	for (size_t k = 0; k < t->nr; k++)
		finish_phases(&t->v[k].realtime, phases[k]);
	rc = 0;
out:
	free(phases);
	ts_store_free_rt_files(f, nf);
	ts_store_free_syn_firsts(syn, nsyn);
	free(sums);
	return rc;
}

/* A hardware_specs file that no tier has data for: its machine's CSV
 * files were perhaps not copied. */
int ts_tiers_note_lonely_specs(const struct ts_tiers *t, struct ts_store *s, struct ts_diag *d)
{
	struct ts_specs_file *v;
	size_t nr;

	if (ts_store_specs_files(s, &v, &nr) < 0)
		return -1;
	for (size_t i = 0; i < nr; i++) {
		size_t k;
		for (k = 0; k < t->nr; k++)
			if (strcmp(t->v[k].hardware_tier, v[i].hardware_tier) == 0)
				break;
		if (k == t->nr)
			ts_diag_note(d, v[i].path, 0,
				     "no synthesis rows and no analysis file for hardware_tier '%s' "
				     "(were its CSV files copied?)", v[i].hardware_tier);
	}
	ts_store_free_specs_files(v, nr);
	return 0;
}

