/* chart_table.c - table layout (see chart.h, ts_chart_table).
 *
 * Column widths follow the automatic table layout of HTML: every column
 * gets at least its longest word; what is left of the width goes to the
 * columns in proportion to how much wider their content would like to
 * be. Long CPU and GPU names then wrap inside their cells; a table too
 * wide for the page even so is split into parts stacked one under the
 * other, each repeating the tier column. Booktabs
 * rules (top, below the header, bottom) and rows tinted by device.
 */
#include "ts.h"
#include "chart.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CELL_PX 3.0   /* horizontal cell padding, each side */
#define CELL_PY 1.8   /* vertical cell padding, each side */

static struct ts_rgb grey(double v)
{
	struct ts_rgb c = { v, v, v };
	return c;
}


/* Widest piece of text between break opportunities (see ts_chart_wrap). */
static double longest_word(const struct ts_measure *m,
			   const struct ts_font *f, const char *s)
{
	double best = 0;

	while (*s) {
		size_t n = 0;
		while (s[n] && s[n] != ' ') {
			char ch = s[n++];
			if (ch == '_' || ch == '/')
				break;
		}
		if (n)
			best = fmax(best, ts_chart_text_width(m, f, s, n));
		s += n;
		while (*s == ' ')
			s++;
	}
	return best;
}

struct tl {
	const struct ts_table_spec *s;
	const struct ts_measure *m;
	struct ts_font cell, head;
	double *nat, *min, *w;   /* per column: natural, longest word, set */
	double *full;            /* natural with the header on one line */
	size_t *cols;            /* the columns of the part being laid out */
	size_t nr;
};

static const char *cell(const struct tl *T, size_t r, size_t col)
{
	const char *v = T->s->cells[r * T->s->nr_cols + col];
	return v ? v : "";
}

static void natural_widths(struct tl *T)
{
	const struct ts_table_spec *s = T->s;

	for (size_t j = 0; j < s->nr_cols; j++) {
		const char *h = s->headers[j];
		/* headers may wrap: they ask for their longest word only */
		T->full[j] = ts_chart_text_width(T->m, &T->head, h, strlen(h));
		T->min[j] = longest_word(T->m, &T->head, h);
		T->nat[j] = T->min[j];
		for (size_t r = 0; r < s->nr_rows; r++) {
			const char *v = cell(T, r, j);
			double w = ts_chart_text_width(T->m, &T->cell, v, strlen(v));
			T->nat[j] = fmax(T->nat[j], w);
			T->full[j] = fmax(T->full[j], w);
			T->min[j] = fmax(T->min[j], s->numeric[j] ? w
						    : longest_word(T->m, &T->cell, v));
		}
	}
}

/* Share `avail` points among the columns; -1 if hopeless. Water
 * filling: a column whose content fits its fair share gets its natural
 * width and leaves the rest to the others; the columns that do not fit
 * get their longest word plus a share of what is left, in proportion to
 * how much they would still like to have. */
static int column_widths(struct tl *T, double avail)
{
	size_t nc = T->nr, left = nc;
	double rem = avail, sum_min = 0, sum_slack = 0, sum_nat = 0;
	int *done = ts_xcalloc(nc, sizeof(int));
	int changed = 1;

	if (avail < nc * 8.0) {
		free(done);
		return -1;
	}
	while (changed && left > 0) {
		changed = 0;
		for (size_t k = 0; k < nc; k++) {
			size_t j = T->cols[k];
			if (!done[k] && T->nat[j] <= rem / (double)left) {
				T->w[j] = T->nat[j];
				rem -= T->nat[j];
				done[k] = 1;
				left--;
				changed = 1;
			}
		}
	}
	for (size_t k = 0; k < nc; k++)
		if (!done[k]) {
			sum_min += T->min[T->cols[k]];
			sum_slack += T->nat[T->cols[k]] - T->min[T->cols[k]];
		}
	for (size_t k = 0; k < nc; k++) {
		size_t j = T->cols[k];
		if (done[k])
			continue;
		if (sum_min <= rem)   /* wrap, words stay whole */
			T->w[j] = T->min[j] + (sum_slack > 0 ? (rem - sum_min) *
				  (T->nat[j] - T->min[j]) / sum_slack : 0);
		else                  /* even words must be cut */
			T->w[j] = T->min[j] * rem / sum_min;
	}
	/* Room to spare (every column fits): first unwrap headers, then
	 * spread the rest evenly. */
	for (size_t k = 0; k < nc; k++)
		sum_nat += T->w[T->cols[k]];
	for (size_t k = 0; k < nc && left == 0; k++) {
		size_t j = T->cols[k];
		if (T->full[j] > T->w[j] && sum_nat + T->full[j] - T->w[j] <= avail) {
			sum_nat += T->full[j] - T->w[j];
			T->w[j] = T->full[j];
		}
	}
	for (size_t k = 0; k < nc && sum_nat < avail; k++)
		T->w[T->cols[k]] += (avail - sum_nat) / (double)nc;
	free(done);
	return 0;
}

/* Room for the text of n columns. */
static double text_width(const struct tl *T, size_t n)
{
	return T->s->width - 2 * T->s->frame.pad - (double)n * 2 * CELL_PX;
}

/* Choose the columns of the part that starts at column `start`: column
 * 0 (the tier) first, then as many as fit without cutting a word. A
 * table too wide for the page is split into parts stacked one under the
 * other, each repeating the tier column. Returns the next start. */
static size_t next_part(struct tl *T, size_t start)
{
	const struct ts_table_spec *s = T->s;
	double sum = 0;

	T->nr = 0;
	if (start > 0) {
		T->cols[T->nr++] = 0;
		sum = T->min[0];
	}
	for (size_t j = start; j < s->nr_cols; j++) {
		if (T->nr > (start > 0 ? 1u : 0u) &&
		    sum + T->min[j] > text_width(T, T->nr + 1))
			return j;
		T->cols[T->nr++] = j;
		sum += T->min[j];
	}
	return s->nr_cols;
}

/* Wrap a row's cells (header when r == nr_rows); returns its height. */
static double wrap_row(struct tl *T, size_t r, char **out)
{
	const struct ts_table_spec *s = T->s;
	int head = r == s->nr_rows;
	double hmax = 0;

	for (size_t k = 0; k < T->nr; k++) {
		size_t j = T->cols[k];
		const struct ts_font *f = head ? &T->head : &T->cell;
		double w, h;
		int lines;
		out[k] = ts_chart_wrap(T->m, f, head ? s->headers[j] : cell(T, r, j),
				       T->w[j], &lines, NULL);
		T->m->fn(T->m->ctx, out[k], f, &w, &h);
		hmax = fmax(hmax, h);
	}
	return hmax + 2 * CELL_PY;
}

static void rule(struct ts_chart *c, double x0, double x1, double y, double lw)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_LINE;
	it.role = TS_ROLE_AXIS;
	it.tier = -1;
	it.x = x0;
	it.y = y;
	it.w = x1 - x0;
	it.line_w = lw;
	it.snap = 1;
	ts_chart_add(c, &it);
}

/* Emit one row at y, `h` high; header when r == nr_rows. */
static void emit_row(struct ts_chart *c, struct tl *T, size_t r, char **txt,
		     double x0, double y, double h)
{
	const struct ts_table_spec *s = T->s;
	int head = r == s->nr_rows;
	const struct ts_font *f = head ? &T->head : &T->cell;
	double x = x0;

	if (!head) {
		struct ts_item bg;
		memset(&bg, 0, sizeof(bg));
		bg.kind = TS_ITEM_RECT;
		bg.role = TS_ROLE_BG;
		bg.tier = (long)r;
		bg.x = x0;
		bg.y = y + 0.3;         /* a white hairline between rows */
		bg.w = c->width - 2 * s->frame.pad;
		bg.h = h - 0.6;
		bg.rgb = ts_chart_tint(s->row_dev[r], s->frame.grayscale);
		bg.paint.fill = bg.rgb;
		ts_chart_add(c, &bg);
	}
	for (size_t k = 0; k < T->nr; k++) {
		size_t j = T->cols[k];
		double cw = T->w[j] + 2 * CELL_PX, tw, th, ty;
		T->m->fn(T->m->ctx, txt[k], f, &tw, &th);
		/* header cells sit on the rule, body cells are centred */
		ty = head ? y + h - CELL_PY - th : y + (h - th) / 2;
		if (s->numeric[j])
			ts_chart_text(c, T->m, head ? TS_ROLE_HEADER : TS_ROLE_CELL,
				      head ? -1 : (long)r, txt[k], f, grey(0.0),
				      x + cw - CELL_PX, ty, TS_ALIGN_RIGHT);
		else
			ts_chart_text(c, T->m, head ? TS_ROLE_HEADER : TS_ROLE_CELL,
				      head ? -1 : (long)r, txt[k], f, grey(0.0),
				      x + CELL_PX, ty, TS_ALIGN_LEFT);
		x += cw;
	}
}

static void free_row(const struct tl *T, char **txt)
{
	for (size_t k = 0; k < T->nr; k++) {
		free(txt[k]);
		txt[k] = NULL;
	}
}

/* Emit the current part from y down; returns the y below it. */
static double emit(struct ts_chart *c, struct tl *T, double y)
{
	const struct ts_table_spec *s = T->s;
	double x0 = s->frame.pad, x1 = c->width - s->frame.pad, h;
	char **txt = ts_xcalloc(s->nr_cols, sizeof(char *));

	rule(c, x0, x1, y, 0.8);
	h = wrap_row(T, s->nr_rows, txt);   /* the header */
	emit_row(c, T, s->nr_rows, txt, x0, y + 1, h);
	free_row(T, txt);
	y += h + 1;
	rule(c, x0, x1, y, 0.5);
	y += 1;
	for (size_t r = 0; r < s->nr_rows; r++) {
		h = wrap_row(T, r, txt);
		emit_row(c, T, r, txt, x0, y, h);
		free_row(T, txt);
		y += h;
	}
	rule(c, x0, x1, y + 0.5, 0.8);
	free(txt);
	return y + 1;
}

int ts_chart_table(struct ts_chart *c, const struct ts_table_spec *s,
		   const struct ts_measure *m)
{
	struct ts_frame fr = s->frame;
	size_t nc = s->nr_cols ? s->nr_cols : 1;
	struct tl T;
	double notes_h, y;
	int rc = 0;

	memset(&T, 0, sizeof(T));
	T.s = s;
	T.m = m;
	T.cell.size = s->frame.font_size - 1;
	T.head = T.cell;
	T.head.bold = 1;
	T.nat = ts_xcalloc(4 * nc, sizeof(double));
	T.min = T.nat + nc;
	T.w = T.nat + 2 * nc;
	T.full = T.nat + 3 * nc;
	T.cols = ts_xcalloc(nc, sizeof(size_t));
	c->width = s->width;
	c->height = 0;
	fr.devs = 0;
	fr.tint_legend = 1;
	for (size_t r = 0; r < s->nr_rows; r++)
		fr.devs |= 1u << s->row_dev[r];
	natural_widths(&T);
	y = c->plot_y = ts_chart_frame_top(c, m, &fr);
	for (size_t start = 0; start < s->nr_cols && rc == 0;) {
		start = next_part(&T, start);
		rc = column_widths(&T, text_width(&T, T.nr));
		if (rc == 0)
			y = emit(c, &T, y) + (start < s->nr_cols ? 10 : 0);
	}
	if (rc == 0) {
		c->plot_x = s->frame.pad;
		c->plot_w = c->width - 2 * s->frame.pad;
		c->plot_h = y - c->plot_y;
		notes_h = ts_chart_notes_height(m, &fr, c->width);
		c->height = y + (notes_h > 0 ? notes_h + 5 : 0) + s->frame.pad;
		ts_chart_frame_notes(c, m, &fr);
		ts_chart_sort(c);
	}
	free(T.cols);
	free(T.nat);
	return rc;
}
