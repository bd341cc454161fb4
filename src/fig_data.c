/* fig_data.c - the data behind each figure as CSV (see fig_int.h): the
 * numbers of the very spec the figure is laid out from (ts_fig_bars_fill,
 * ts_fig_table_fill), not computed again, so the CSV and the drawing
 * cannot disagree.
 *
 * RFC 4180: a header row, CRLF after every record (as the RFC, Python's
 * csv module and the monitor's own files write it), a field quoted only
 * when it holds a comma, a quote, CR or LF. Reals as ts_repr() writes
 * them (the shortest text that reads back as the same double); an empty
 * field where nothing is drawn.
 */
#include "ts.h"
#include "fig_int.h"
#include "csvwrite.h"
#include "repr.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void real_field(FILE *fp, double v, int last)
{
	char buf[TS_REPR_MAX];

	ts_csv_put_field(fp, isfinite(v) ? ts_repr(buf, v) : NULL, last);
}

static void count_field(FILE *fp, long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	ts_csv_put_field(fp, n >= 0 ? buf : NULL, 0);
}

/* The name of the value column: what is drawn, in the unit drawn. */
static void value_name(const struct ts_fig_env *e, enum ts_fig_bar_kind kind,
		       char *buf, size_t size)
{
	switch (kind) {
	case TS_FIG_MEMORY: snprintf(buf, size, "mean_peak_memory_%s", e->mem_unit); break;
	case TS_FIG_RTF: snprintf(buf, size, "mean_rtf"); break;
	case TS_FIG_SUCCESS: snprintf(buf, size, "success_percent"); break;
	case TS_FIG_RELATIVE: snprintf(buf, size, "rtf_ratio"); break;
	}
}

int ts_fig_bars_csv(FILE *fp, const struct ts_fig_env *e, enum ts_fig_bar_kind kind)
{
	struct ts_fig_bars_spec b;
	char value[64];

	if (ts_fig_bars_fill(&b, e, kind) < 0) {
		ts_fig_bars_release(&b);
		return -1;
	}
	value_name(e, kind, value, sizeof(value));
	fprintf(fp, "key,label,device,%sn,%s,err_lo,err_hi\r\n",
		kind == TS_FIG_SUCCESS ? "successful," : "", value);
	for (size_t i = 0; i < b.s.nr; i++) {
		const struct ts_tier *tier = &e->t->v[i];
		const struct ts_bar_spec *x = &b.bars[i];
		ts_csv_put_field(fp, tier->key, 0);
		ts_csv_put_field(fp, x->label, 0);
		ts_csv_put_field(fp, tier->device_type, 0);
		if (kind == TS_FIG_SUCCESS) {
			count_field(fp, tier->successful);
			count_field(fp, tier->tests);
		} else {
			count_field(fp, tier->metrics[kind == TS_FIG_MEMORY ? TS_M_PEAK_MEMORY_MB
								 : TS_M_RTF].n);
		}
		real_field(fp, x->value, 0);
		real_field(fp, x->err_lo, 0);
		real_field(fp, x->err_hi, 1);
	}
	ts_fig_bars_release(&b);
	return 0;
}

int ts_fig_table_csv(FILE *fp, const struct ts_fig_env *e)
{
	struct ts_fig_table_spec b;
	const struct ts_table_spec *s = &b.s;

	ts_fig_table_fill(&b, e);
	for (size_t c = 0; c < s->nr_cols; c++)
		ts_csv_put_field(fp, s->headers[c], c + 1 == s->nr_cols);
	for (size_t r = 0; r < s->nr_rows; r++)
		for (size_t c = 0; c < s->nr_cols; c++)
			ts_csv_put_field(fp, s->cells[r * s->nr_cols + c], c + 1 == s->nr_cols);
	ts_fig_table_release(&b);
	return 0;
}
