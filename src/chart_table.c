/* chart_table.c - table layout (see chart.h, ts_chart_table).
 *
 * Column widths are balanced: every column gets at least its longest
 * word, and the rest of the width goes where it takes the most lines off
 * the table (see "column widths" below), so a long CPU name does not wrap
 * to five lines while another column has room to spare. A table too
 * wide for the page even so is split into parts stacked one under the
 * other, each repeating the tier column, none with a single column
 * beside it. Booktabs rules (top, below the header, bottom) and rows
 * tinted by device.
 */
#include "ts.h"
#include "chart.h"
#include "mem.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
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

/* ====================== measuring, once ======================
 * Balancing wraps the same cells at many widths: every text is measured
 * once (a hash table of text and font), so that Pango is not asked the
 * same question twice. */

struct memo_entry {
	char *text;
	struct ts_font f;
	double w, h;
};

struct memo {
	const struct ts_measure *m;   /* the real measurer */
	struct memo_entry *v;
	size_t cap, nr;               /* cap: a power of 2 */
};

static size_t memo_hash(const char *t, const struct ts_font *f)
{
	uint64_t h = 1469598103934665603u;

	for (; *t; t++)
		h = (h ^ (unsigned char)*t) * 1099511628211u;
	h = (h ^ (uint64_t)(f->size * 64)) * 1099511628211u;
	h = (h ^ (uint64_t)(f->bold * 2 + f->italic)) * 1099511628211u;
	return (size_t)h;
}

static struct memo_entry *memo_slot(struct memo_entry *v, size_t cap, const char *t,
				    const struct ts_font *f)
{
	size_t i = memo_hash(t, f) & (cap - 1);

	while (v[i].text && (strcmp(v[i].text, t) != 0 || v[i].f.size != f->size ||
			     v[i].f.bold != f->bold || v[i].f.italic != f->italic))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void memo_measure(void *ctx, const char *text, const struct ts_font *f,
			 double *w, double *h)
{
	struct memo *M = ctx;
	struct memo_entry *e;

	if (2 * (M->nr + 1) > M->cap) {
		size_t cap = M->cap ? 2 * M->cap : 256;
		struct memo_entry *v = ts_xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < M->cap; i++)
			if (M->v[i].text)
				*memo_slot(v, cap, M->v[i].text, &M->v[i].f) = M->v[i];
		free(M->v);
		M->v = v;
		M->cap = cap;
	}
	e = memo_slot(M->v, M->cap, text, f);
	if (!e->text) {
		M->m->fn(M->m->ctx, text, f, &e->w, &e->h);
		e->text = ts_xstrdup(text);
		e->f = *f;
		M->nr++;
	}
	*w = e->w;
	*h = e->h;
}

static void memo_release(struct memo *M)
{
	for (size_t i = 0; i < M->cap; i++)
		free(M->v[i].text);
	free(M->v);
}

struct tl {
	const struct ts_table_spec *s;
	const struct ts_measure *m;
	struct ts_font cell, head;
	double *nat, *min, *w;   /* per column: natural, longest word, set */
	double *full;            /* natural with the header on one line */
	size_t *cols;            /* the columns of the part being laid out */
	size_t nr;
	size_t *part_end;        /* [p]: one past the last column of part p */
	size_t nr_parts;
};

static const char *cell(const struct tl *T, size_t r, size_t col)
{
	const char *v = T->s->cells[r * T->s->nr_cols + col];
	return v ? v : "";
}

/* A word wider than a third of the page is cut anyway: it asks for that
 * much (so that a 120-letter name does not make every part too narrow). */
static void natural_widths(struct tl *T)
{
	const struct ts_table_spec *s = T->s;
	double most = (s->width - 2 * s->frame.pad - 2 * CELL_PX) / 3;

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
						    : fmin(longest_word(T->m, &T->cell, v), most));
		}
	}
}

/* ====================== column widths ======================
 *
 * Balanced: the table as short as it can be made. Every column starts at
 * its longest word; then, as long as width is left, the column whose
 * next widening (to the width at which one of its cells loses a line)
 * takes the most lines off the table per point gets it (lines off its
 * own cells break a tie, as when another cell of the row stays as tall).
 * Every width is thus one that some line of the column needs, and what
 * is left at the end, less than any widening would need, goes to the
 * columns that still wrap (to all, evenly, when none does): no column is
 * wider than it needs while another wraps. */

/* Lines of cell (r, j) at width w (the header when r == nr_rows), and in
 * *next the next wider width at which its wrap changes: where a line can
 * take the first piece of the line after it. */
static int cell_wrap(const struct tl *T, size_t r, size_t j, double w, double *next,
		     double *used)
{
	int head = r == T->s->nr_rows;
	const struct ts_font *f = head ? &T->head : &T->cell;
	int lines;
	char *out = ts_chart_wrap(T->m, f, head ? T->s->headers[j] : cell(T, r, j),
				  w, &lines, NULL);
	double h;

	*next = INFINITY;
	if (used)
		T->m->fn(T->m->ctx, out, f, used, &h);
	for (char *p = out, *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		const char *q = nl + 1;
		int glue = nl > p && (nl[-1] == '_' || nl[-1] == '/');
		size_t n = 0;
		char *probe;
		double pw;
		while (q[n] && q[n] != ' ' && q[n] != '\n') {
			char ch = q[n++];
			if (ch == '_' || ch == '/')
				break;
		}
		probe = ts_xasprintf("%.*s%s%.*s", (int)(nl - p), p, glue ? "" : " ",
				     (int)n, q);
		pw = ts_chart_text_width(T->m, f, probe, strlen(probe));
		free(probe);
		if (pw > w && pw < *next)
			*next = pw;
	}
	free(out);
	return lines;
}

/* The state of the part's columns: per column k, row r (header last)
 * at [k * rows + r]; cand_* the column's next widening. */
struct cw {
	size_t rows;
	double *w, *cand_w;
	int *lines, *cand_lines;
	double *next, *cand_next;
};

/* Column k's next widening that takes a line off one of its cells, no
 * wider than `limit`; cand_w[k] = INFINITY when there is none. */
static void candidate(const struct tl *T, struct cw *C, size_t k, double limit)
{
	size_t R = C->rows, j = T->cols[k];
	int *cl = &C->cand_lines[k * R];
	double *cn = &C->cand_next[k * R], w = C->w[k];

	memcpy(cl, &C->lines[k * R], R * sizeof(int));
	memcpy(cn, &C->next[k * R], R * sizeof(double));
	C->cand_w[k] = INFINITY;
	for (;;) {
		int fewer = 0;
		for (size_t r = 0; r < R; r++)
			w = r == 0 || cn[r] < w ? cn[r] : w;
		if (!isfinite(w) || w > limit)
			return;
		for (size_t r = 0; r < R; r++)
			if (cn[r] <= w) {
				cl[r] = cell_wrap(T, r, j, w, &cn[r], NULL);
				fewer |= cl[r] < C->lines[k * R + r];
			}
		if (fewer) {
			C->cand_w[k] = w;
			return;
		}
	}
}

/* Lines of the table with column `k` at its candidate (k == nr: as is);
 * *own gets the lines its own cells lose. */
static long table_lines(const struct tl *T, const struct cw *C, size_t k, long *own)
{
	long sum = 0;

	*own = 0;
	for (size_t r = 0; r < C->rows; r++) {
		int top = 1;
		for (size_t q = 0; q < T->nr; q++) {
			int l = (q == k ? C->cand_lines : C->lines)[q * C->rows + r];
			top = l > top ? l : top;
			if (q == k)
				*own += C->lines[q * C->rows + r] - l;
		}
		sum += top;
	}
	return sum;
}

/* Widen the column that pays most per point while `rem` lasts; returns
 * what is left. */
static double widen(const struct tl *T, struct cw *C, double rem)
{
	for (size_t k = 0; k < T->nr; k++)
		candidate(T, C, k, C->w[k] + rem);
	for (;;) {
		long own, base = table_lines(T, C, T->nr, &own);
		double best_gain = -1, best_own = -1, cost;
		size_t best = T->nr;
		for (size_t k = 0; k < T->nr; k++) {
			double gain, by_own;
			if (!(C->cand_w[k] - C->w[k] <= rem + 1e-9))
				continue;
			cost = fmax(C->cand_w[k] - C->w[k], 1e-6);
			gain = (double)(base - table_lines(T, C, k, &own)) / cost;
			by_own = (double)own / cost;
			if (gain > best_gain + 1e-12 ||
			    (fabs(gain - best_gain) <= 1e-12 && by_own > best_own + 1e-12)) {
				best = k;
				best_gain = gain;
				best_own = by_own;
			}
		}
		if (best == T->nr)
			return rem;
		rem -= C->cand_w[best] - C->w[best];
		C->w[best] = C->cand_w[best];
		memcpy(&C->lines[best * C->rows], &C->cand_lines[best * C->rows], C->rows * sizeof(int));
		memcpy(&C->next[best * C->rows], &C->cand_next[best * C->rows], C->rows * sizeof(double));
		candidate(T, C, best, C->w[best] + rem);   /* the others' stand */
	}
}

/* Column k wrapped at width w: its cells' lines and next widths into
 * lines[], next[]; returns the width its lines take. */
static double wrap_col(const struct tl *T, const struct cw *C, size_t k, double w,
		       int *lines, double *next)
{
	double most = 0, used;

	for (size_t r = 0; r < C->rows; r++) {
		lines[r] = cell_wrap(T, r, T->cols[k], w, &next[r], &used);
		most = fmax(most, used);
	}
	return most;   /* the width its lines need */
}

/* One step the greedy widening cannot see: column b widened to its next
 * widening with width taken from column a (and what was left), when
 * that makes the table shorter. Returns 1 when it did. */
static int transfer(const struct tl *T, struct cw *C, double rem)
{
	size_t R = C->rows;
	int *al = ts_xcalloc(R, sizeof(int));
	double *an = ts_xcalloc(R, sizeof(double)), aw = 0;
	long own, base = table_lines(T, C, T->nr, &own);
	int done = 0;

	for (size_t b = 0; b < T->nr && !done; b++) {
		double give;
		candidate(T, C, b, T->s->width);
		give = C->cand_w[b] - C->w[b] - rem;
		for (size_t a = 0; a < T->nr && !done && isfinite(give) && give > 0; a++) {
			int *keep = C->lines;
			long then;
			if (a == b || C->w[a] - give < T->min[T->cols[a]])
				continue;
			aw = wrap_col(T, C, a, C->w[a] - give, al, an);
			/* the table with b at its candidate and a at al */
			C->lines = ts_xmalloc(R * T->nr * sizeof(int));
			memcpy(C->lines, keep, R * T->nr * sizeof(int));
			memcpy(&C->lines[a * R], al, R * sizeof(int));
			then = table_lines(T, C, b, &own);
			free(C->lines);
			C->lines = keep;
			if (then < base) {
				C->w[a] = fmax(aw, T->min[T->cols[a]]);
				memcpy(&C->lines[a * R], al, R * sizeof(int));
				memcpy(&C->next[a * R], an, R * sizeof(double));
				C->w[b] = C->cand_w[b];
				memcpy(&C->lines[b * R], &C->cand_lines[b * R], R * sizeof(int));
				memcpy(&C->next[b * R], &C->cand_next[b * R], R * sizeof(double));
				done = 1;
			}
		}
	}
	free(al);
	free(an);
	return done;
}

/* Words cut: each column its longest word, scaled to fit. */
static void cut_widths(struct tl *T, double avail, double sum_min)
{
	for (size_t k = 0; k < T->nr; k++)
		T->w[T->cols[k]] = T->min[T->cols[k]] * avail / sum_min;
}

/* Share `avail` points among the part's columns (see above); -1 if
 * hopeless. *lines (may be NULL) gets the part's lines, header and
 * rows (with words cut: LONG_MAX). */
static int column_widths(struct tl *T, double avail, long *lines)
{
	size_t nc = T->nr, R = T->s->nr_rows + 1, nwrap = 0;
	double sum_min = 0, rem;
	long own;
	struct cw C;

	if (avail < nc * 8.0)
		return -1;
	for (size_t k = 0; k < nc; k++)
		sum_min += T->min[T->cols[k]];
	if (sum_min > avail) {
		cut_widths(T, avail, sum_min);
		if (lines)
			*lines = LONG_MAX;
		return 0;
	}
	C.rows = R;
	C.w = ts_xcalloc(3 * nc, sizeof(double));
	C.cand_w = C.w + nc;
	C.lines = ts_xcalloc(2 * nc * R, sizeof(int));
	C.cand_lines = C.lines + nc * R;
	C.next = ts_xcalloc(2 * nc * R, sizeof(double));
	C.cand_next = C.next + nc * R;
	for (size_t k = 0; k < nc; k++) {
		C.w[k] = T->min[T->cols[k]];
		wrap_col(T, &C, k, C.w[k], &C.lines[k * R], &C.next[k * R]);
	}
	rem = widen(T, &C, avail - sum_min);
	for (int round = 0; round < 64 && transfer(T, &C, rem); round++) {
		rem = avail;
		for (size_t k = 0; k < nc; k++)
			rem -= C.w[k];
		rem = widen(T, &C, fmax(rem, 0));
	}
	if (lines)
		*lines = table_lines(T, &C, nc, &own);
	for (size_t k = 0; k < nc; k++)
		for (size_t r = 0; r < R; r++)
			if (C.lines[k * R + r] > 1) {
				C.cand_w[k] = -1;   /* marks a column that wraps */
				nwrap++;
				break;
			}
	for (size_t k = 0; k < nc; k++)
		T->w[T->cols[k]] = C.w[k] + (nwrap == 0 ? rem / (double)nc
					     : C.cand_w[k] < 0 ? rem / (double)nwrap : 0);
	free(C.w);
	free(C.lines);
	free(C.next);
	return 0;
}

/* Room for the text of n columns. */
static double text_width(const struct tl *T, size_t n)
{
	return T->s->width - 2 * T->s->frame.pad - (double)n * 2 * CELL_PX;
}

/* ====================== parts ======================
 *
 * A table too wide for the page is split into parts stacked one under
 * the other, each repeating the tier column (column 0) beside a run of
 * the others. The fewest parts whose columns fit without cutting a word,
 * none with a single column beside the tier column (when the columns
 * can be split so); of those, the one with the fewest lines in all (the
 * first of them, in column order, when several have as few). */

#define MAX_SPLITS 256   /* splits tried at most (of the fewest parts) */

struct parts {
	size_t k, least;     /* parts, and columns each holds at least */
	size_t *ends;        /* the split being tried */
	long best;           /* its lines, LONG_MAX before any */
	size_t tried;
	long *memo;          /* [a * (nc + 1) + b]: lines of part a..b-1, -1 */
};

/* Columns a..b-1 fit beside column 0 without cutting a word. */
static int part_fits(const struct tl *T, size_t a, size_t b)
{
	double min = T->min[0];

	for (size_t j = a; j < b; j++)
		min += T->min[j];
	return min <= text_width(T, b - a + 1);
}

/* Set up part p's columns: column 0 and its run, by `ends`. */
static void part_cols(struct tl *T, const size_t *ends, size_t p)
{
	T->nr = 0;
	T->cols[T->nr++] = 0;
	for (size_t j = p == 0 ? 1 : ends[p - 1]; j < ends[p]; j++)
		T->cols[T->nr++] = j;
}

/* The lines of the whole table split at P->ends. */
static long split_lines(struct tl *T, const struct parts *P)
{
	long sum = 0, *lines;

	for (size_t p = 0; p < P->k; p++) {
		size_t a = p == 0 ? 1 : P->ends[p - 1];
		lines = &P->memo[a * (T->s->nr_cols + 1) + P->ends[p]];
		part_cols(T, P->ends, p);
		if (*lines < 0 && column_widths(T, text_width(T, T->nr), lines) < 0)
			*lines = LONG_MAX;
		if (*lines == LONG_MAX)
			return LONG_MAX;
		sum += *lines;
	}
	return sum;
}

/* Try every split of columns a.. into parts p..k-1; keep the best in
 * T->part_end. */
static void try_splits(struct tl *T, struct parts *P, size_t a, size_t p)
{
	size_t nc = T->s->nr_cols;

	if (p + 1 == P->k) {
		long lines;
		if (nc - a < P->least || !part_fits(T, a, nc) || P->tried >= MAX_SPLITS)
			return;
		P->tried++;
		P->ends[p] = nc;
		lines = split_lines(T, P);
		if (lines < P->best) {
			P->best = lines;
			memcpy(T->part_end, P->ends, P->k * sizeof(size_t));
			T->nr_parts = P->k;
		}
		return;
	}
	for (size_t b = a + P->least; b + P->least * (P->k - 1 - p) <= nc; b++) {
		if (!part_fits(T, a, b))
			break;   /* a longer run fits no better */
		P->ends[p] = b;
		try_splits(T, P, b, p + 1);
	}
}

/* Choose the parts; when no split fits without cutting words, one
 * column a part beside column 0. */
static void plan_parts(struct tl *T)
{
	size_t nc = T->s->nr_cols;
	struct parts P;

	T->nr_parts = nc > 0;
	T->part_end[0] = nc;
	if (nc < 2 || part_fits(T, 1, nc))
		return;
	P.ends = ts_xcalloc(nc, sizeof(size_t));
	P.memo = ts_xcalloc((nc + 1) * (nc + 1), sizeof(long));
	for (size_t i = 0; i < (nc + 1) * (nc + 1); i++)
		P.memo[i] = -1;
	P.best = LONG_MAX;
	for (P.least = 2; P.least > 0 && P.best == LONG_MAX; P.least--)
		for (P.k = 2; P.k < nc && P.best == LONG_MAX; P.k++) {
			P.tried = 0;
			try_splits(T, &P, 1, 0);
		}
	free(P.ends);
	free(P.memo);
	if (P.best == LONG_MAX) {
		for (size_t j = 1; j < nc; j++)
			T->part_end[j - 1] = j + 1;
		T->nr_parts = nc - 1;
	}
}

/* Set up part p's columns as planned. */
static void next_part(struct tl *T, size_t p)
{
	part_cols(T, T->part_end, p);
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
	struct memo M = { m, NULL, 0, 0 };
	struct ts_measure once = { memo_measure, &M };
	struct tl T;
	double notes_h, y;
	int rc = 0;

	memset(&T, 0, sizeof(T));
	T.s = s;
	T.m = &once;
	T.cell.size = s->frame.font_size - 1;
	T.head = T.cell;
	T.head.bold = 1;
	T.nat = ts_xcalloc(4 * nc, sizeof(double));
	T.min = T.nat + nc;
	T.w = T.nat + 2 * nc;
	T.full = T.nat + 3 * nc;
	T.cols = ts_xcalloc(nc, sizeof(size_t));
	T.part_end = ts_xcalloc(nc, sizeof(size_t));
	c->width = s->width;
	c->height = 0;
	fr.devs = 0;
	fr.tint_legend = 1;
	for (size_t r = 0; r < s->nr_rows; r++)
		fr.devs |= 1u << s->row_dev[r];
	natural_widths(&T);
	plan_parts(&T);
	y = c->plot_y = ts_chart_frame_top(c, m, &fr);
	for (size_t p = 0; p < T.nr_parts && rc == 0; p++) {
		next_part(&T, p);
		rc = column_widths(&T, text_width(&T, T.nr), NULL);
		if (rc == 0)
			y = emit(c, &T, y) + (p + 1 < T.nr_parts ? 10 : 0);
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
	memo_release(&M);
	free(T.cols);
	free(T.part_end);
	free(T.nat);
	return rc;
}
