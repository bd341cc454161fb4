/* chart.c - colours, text wrapping, the display list and the frame
 * (title, legend, footnotes) shared by every figure (see chart.h; the
 * axes are in chart_axis.c).
 * Pure: no cairo, no Pango, no I/O.
 */
#include "ts.h"
#include "chart.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ====================== colours and paints ====================== */

static struct ts_rgb hex(unsigned v)
{
	struct ts_rgb c = { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0,
			    (v & 0xff) / 255.0 };
	return c;
}

static struct ts_rgb grey(double v)
{
	struct ts_rgb c = { v, v, v };
	return c;
}

/* Okabe & Ito (2008), "Color Universal Design": safe for the common forms
 * of colour blindness and distinct in luminance. */
static const unsigned okabe_ito[TS_DEV_COUNT] = {
	0x0072B2, /* cpu: blue */
	0x009E73, /* cuda: bluish green */
	0xE69F00, /* mps: orange */
	0xCC79A7  /* other: reddish purple */
};

enum ts_dev ts_chart_dev(const char *device_type)
{
	if (!device_type)
		return TS_DEV_OTHER;
	if (strcasecmp(device_type, "cpu") == 0)
		return TS_DEV_CPU;
	if (strcasecmp(device_type, "cuda") == 0)
		return TS_DEV_CUDA;
	if (strcasecmp(device_type, "mps") == 0)
		return TS_DEV_MPS;
	return TS_DEV_OTHER;
}

const char *ts_chart_dev_name(enum ts_dev dev)
{
	static const char *const names[TS_DEV_COUNT] = { "CPU", "CUDA", "MPS",
							 "other" };
	return dev < TS_DEV_COUNT ? names[dev] : "other";
}

char *ts_chart_dev_text(const char *device_type)
{
	char *out;

	if (!device_type || !*device_type)
		return NULL;
	out = ts_xstrdup(device_type);
	if (strcmp(out, "unknown") == 0)
		return out;
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return out;
}

void ts_chart_paint(enum ts_dev dev, int grayscale, int aggregates_only,
		    struct ts_paint *p)
{
	/* Greyscale: a distinct grey and hatch per class, so that black and
	 * white print keeps the classes apart. */
	static const double greys[TS_DEV_COUNT] = { 0.40, 0.78, 0.92, 1.0 };
	static const unsigned hatches[TS_DEV_COUNT] = {
		0, TS_HATCH_HORIZ, TS_HATCH_VERT, TS_HATCH_FWD
	};

	if (dev >= TS_DEV_COUNT)
		dev = TS_DEV_OTHER;
	memset(p, 0, sizeof(*p));
	if (grayscale) {
		p->fill = grey(greys[dev]);
		p->hatch = hatches[dev];
		p->hatch_rgb = ts_chart_text_on(p->fill);
		if (p->hatch_rgb.r < 0.5)
			p->hatch_rgb = grey(0.25);
		p->outline = 1;
	} else {
		p->fill = hex(okabe_ito[dev]);
		p->hatch_rgb = grey(1.0);
	}
	if (aggregates_only)
		p->hatch |= TS_HATCH_BACK;
}

/* c moved a share t towards white (t > 0) or black (t < 0). */
static struct ts_rgb mix(struct ts_rgb c, double t)
{
	double to = t > 0 ? 1.0 : 0.0, a = fabs(t);

	c.r += (to - c.r) * a;
	c.g += (to - c.g) * a;
	c.b += (to - c.b) * a;
	return c;
}

/* A setting's shade and hatch over the base colour `base`; `grayscale`:
 * the hatch alone (a shaded grey would read as another class's). */
static void shade_paint(struct ts_rgb base, int grayscale, int shade, struct ts_paint *p)
{
	static const double lift[TS_SHADES] = { 0, 0.45, -0.22, 0.7 };
	static const unsigned hatch[TS_SHADES] = {
		0, TS_HATCH_FWD, TS_HATCH_HORIZ, TS_HATCH_VERT
	};
	struct ts_rgb f;

	if (shade < 0 || shade >= TS_SHADES)
		shade = 0;
	memset(p, 0, sizeof(*p));
	p->fill = f = grayscale ? base : mix(base, lift[shade]);
	p->hatch = hatch[shade];
	p->outline = 1;
	if (0.2126 * f.r + 0.7152 * f.g + 0.0722 * f.b > 0.5)
		p->hatch_rgb = grayscale ? grey(0.25) : mix(base, -0.45);
	else
		p->hatch_rgb = grey(1.0);
}

void ts_chart_paint_shade(enum ts_dev dev, int grayscale, int aggregates_only,
			  int shade, struct ts_paint *p)
{
	struct ts_paint plain;

	ts_chart_paint(dev, grayscale, 0, &plain);
	shade_paint(plain.fill, grayscale, aggregates_only ? 0 : shade, p);
	if (aggregates_only)   /* settings unknown: a pattern no setting has */
		p->hatch = TS_HATCH_FWD | TS_HATCH_BACK;
}

void ts_chart_paint_shade_key(int grayscale, int shade, struct ts_paint *p)
{
	shade_paint(grayscale ? grey(1.0) : grey(0.45), grayscale, shade, p);
}

struct ts_rgb ts_chart_tint(enum ts_dev dev, int grayscale)
{
	static const double greys[TS_DEV_COUNT] = { 0.88, 0.94, 1.0, 0.84 };
	struct ts_rgb c;

	if (dev >= TS_DEV_COUNT)
		dev = TS_DEV_OTHER;
	if (grayscale)
		return grey(greys[dev]);
	c = hex(okabe_ito[dev]);
	/* 16 % of the colour on white: light enough for 8 pt black text. */
	c.r = 1.0 - 0.16 * (1.0 - c.r);
	c.g = 1.0 - 0.16 * (1.0 - c.g);
	c.b = 1.0 - 0.16 * (1.0 - c.b);
	return c;
}

static double lin(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(struct ts_rgb c)
{
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double ts_chart_contrast(struct ts_rgb a, struct ts_rgb b)
{
	double la = luminance(a), lb = luminance(b);

	if (la < lb) {
		double t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

struct ts_rgb ts_chart_text_on(struct ts_rgb bg)
{
	struct ts_rgb black = grey(0.0), white = grey(1.0);

	return ts_chart_contrast(bg, white) > ts_chart_contrast(bg, black)
		       ? white : black;
}

/* ====================== text wrapping ====================== */

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = ts_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

double ts_chart_text_width(const struct ts_measure *m, const struct ts_font *f,
			   const char *s, size_t n)
{
	char *t = ts_xstrndup(s, n);
	double w = 0, h = 0;

	m->fn(m->ctx, t, f, &w, &h);
	free(t);
	return w;
}

/* Length of the UTF-8 sequence starting at s (1 for stray bytes). */
static size_t u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return i;
	return n;
}

/* Append word w[0..n) to `out`, cutting it into lines of at most `width`;
 * the last piece stays open in line_start..out->len. */
static void cut_word(struct buf *out, size_t *line_start,
		     const struct ts_measure *m, const struct ts_font *f,
		     const char *w, size_t n, double width, int *lines)
{
	size_t i = 0;

	while (i < n) {
		size_t k = u8len(w + i);
		size_t cur = out->len - *line_start;
		char *probe = ts_xmalloc(cur + k + 1);

		memcpy(probe, out->s + *line_start, cur);
		memcpy(probe + cur, w + i, k);
		if (cur > 0 && ts_chart_text_width(m, f, probe, cur + k) > width) {
			buf_add(out, "\n", 1);
			*line_start = out->len;
			(*lines)++;
		}
		free(probe);
		buf_add(out, w + i, k);
		i += k;
	}
}

/* One piece: up to and including a break character, or up to a space. */
static size_t piece_len(const char *s, int *space_after)
{
	size_t i = 0;

	*space_after = 0;
	while (s[i] && s[i] != ' ' && s[i] != '\n') {
		char c = s[i];
		i += u8len(s + i);
		if (c == '_' || c == '/')
			break;
	}
	if (s[i] == ' ')
		*space_after = 1;
	return i;
}

char *ts_chart_wrap(const struct ts_measure *m, const struct ts_font *f,
		    const char *text, double width, int *lines,
		    int *split_word)
{
	struct buf out = { NULL, 0, 0 };
	size_t line_start = 0;
	int need_space = 0, cut = 0;
	const char *s = text ? text : "";

	*lines = 1;
	buf_add(&out, "", 0);
	while (*s) {
		int space_after;
		size_t n = piece_len(s, &space_after);
		size_t cur = out.len - line_start;

		if (n > 0) {
			struct buf probe = { NULL, 0, 0 };
			buf_add(&probe, out.s + line_start, cur);
			if (cur > 0 && need_space)
				buf_add(&probe, " ", 1);
			buf_add(&probe, s, n);
			if (cur == 0 || ts_chart_text_width(m, f, probe.s, probe.len) <= width) {
				if (cur > 0 && need_space)
					buf_add(&out, " ", 1);
			} else {
				buf_add(&out, "\n", 1);
				line_start = out.len;
				(*lines)++;
			}
			free(probe.s);
			if (ts_chart_text_width(m, f, s, n) > width) {
				cut = 1;
				cut_word(&out, &line_start, m, f, s, n, width, lines);
			} else {
				buf_add(&out, s, n);
			}
		}
		s += n;
		need_space = 0;
		while (*s == ' ') {
			need_space = 1;
			s++;
		}
		if (*s == '\n') {
			buf_add(&out, "\n", 1);
			line_start = out.len;
			(*lines)++;
			need_space = 0;
			s++;
		}
		(void)space_after;
	}
	if (split_word)
		*split_word = cut;
	return out.s;
}

/* ====================== display list ====================== */

void ts_chart_init(struct ts_chart *c)
{
	memset(c, 0, sizeof(*c));
}

void ts_chart_release(struct ts_chart *c)
{
	for (size_t i = 0; i < c->nr; i++) {
		free(c->items[i].text);
		free(c->items[i].pts);
	}
	free(c->items);
	free(c->bars);
	memset(c, 0, sizeof(*c));
}

struct ts_item *ts_chart_add(struct ts_chart *c, const struct ts_item *it)
{
	struct ts_item *n;

	TS_GROW(c->items, c->nr + 1, c->alloc);
	n = &c->items[c->nr++];
	*n = *it;
	n->text = it->text ? ts_xstrdup(it->text) : NULL;
	if (it->pts) {
		n->pts = ts_xreallocarray(NULL, it->npts * 2, sizeof(double));
		memcpy(n->pts, it->pts, it->npts * 2 * sizeof(double));
	}
	return n;
}

struct ts_item *ts_chart_text_up(struct ts_chart *c, const struct ts_measure *m,
				 enum ts_role role, const char *text, const struct ts_font *f,
				 struct ts_rgb rgb, double x, double top, double height)
{
	struct ts_item *it = ts_chart_text(c, m, role, -1, text, f, rgb, 0, 0, TS_ALIGN_LEFT);
	double len = it->w;

	it->rotated = 1;
	it->w = it->h;
	it->h = len;
	it->x = x;
	it->y = top + (height - len) / 2;
	return it;
}

struct ts_item *ts_chart_line(struct ts_chart *c, enum ts_role role, long tier,
			      double x, double y, double w, double h,
			      struct ts_rgb rgb, double line_w)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_LINE;
	it.role = role;
	it.tier = tier;
	it.x = x;
	it.y = y;
	it.w = w;
	it.h = h;
	it.rgb = rgb;
	it.line_w = line_w;
	it.snap = 1;
	return ts_chart_add(c, &it);
}

struct ts_item *ts_chart_path(struct ts_chart *c, enum ts_role role, long tier,
			      const double *pts, size_t npts, int filled,
			      struct ts_rgb rgb, double line_w)
{
	struct ts_item it;
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	memset(&it, 0, sizeof(it));
	for (size_t i = 0; i < npts; i++) {
		x0 = fmin(x0, pts[2 * i]);
		x1 = fmax(x1, pts[2 * i]);
		y0 = fmin(y0, pts[2 * i + 1]);
		y1 = fmax(y1, pts[2 * i + 1]);
	}
	it.kind = TS_ITEM_PATH;
	it.role = role;
	it.tier = tier;
	it.rgb = rgb;
	it.line_w = line_w;
	it.filled = filled;
	it.x = x0;
	it.y = y0;
	it.w = x1 - x0;
	it.h = y1 - y0;
	it.pts = (double *)pts;   /* copied by ts_chart_add */
	it.npts = npts;
	return ts_chart_add(c, &it);
}

struct ts_item *ts_chart_text(struct ts_chart *c, const struct ts_measure *m,
			      enum ts_role role, long tier, const char *text,
			      const struct ts_font *f, struct ts_rgb rgb,
			      double x, double y, enum ts_align align)
{
	struct ts_item it, *n;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_TEXT;
	it.role = role;
	it.tier = tier;
	it.font = *f;
	it.rgb = rgb;
	it.align = align;
	m->fn(m->ctx, text, f, &it.w, &it.h);
	it.x = align == TS_ALIGN_LEFT ? x
	       : align == TS_ALIGN_CENTRE ? x - it.w / 2 : x - it.w;
	it.y = y;
	n = ts_chart_add(c, &it);
	n->text = ts_xstrdup(text);
	return n;
}

struct sort_key {
	struct ts_item it;
	size_t index;
};

static int by_role(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->it.role != y->it.role)
		return x->it.role < y->it.role ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

void ts_chart_sort(struct ts_chart *c)
{
	struct sort_key *k = ts_xreallocarray(NULL, c->nr ? c->nr : 1, sizeof(*k));

	for (size_t i = 0; i < c->nr; i++) {
		k[i].it = c->items[i];
		k[i].index = i;
	}
	qsort(k, c->nr, sizeof(*k), by_role);
	for (size_t i = 0; i < c->nr; i++)
		c->items[i] = k[i].it;
	free(k);
}

#define EPS 0.01

static int overlap(const struct ts_item *a, const struct ts_item *b)
{
	return a->x + EPS < b->x + b->w && b->x + EPS < a->x + a->w &&
	       a->y + EPS < b->y + b->h && b->y + EPS < a->y + a->h;
}

static int on_canvas(const struct ts_chart *c, const struct ts_item *it)
{
	double x0 = fmin(it->x, it->x + it->w), x1 = fmax(it->x, it->x + it->w);
	double y0 = fmin(it->y, it->y + it->h), y1 = fmax(it->y, it->y + it->h);

	return x0 >= -EPS && y0 >= -EPS && x1 <= c->width + EPS &&
	       y1 <= c->height + EPS;
}

static const char *what(const struct ts_item *it)
{
	return it->text ? it->text : it->kind == TS_ITEM_LINE ? "(line)"
		: it->kind == TS_ITEM_PATH ? "(path)"
		: it->role == TS_ROLE_BAR ? "(bar)" : "(box)";
}

/* Clear space between a text box and an error bar's ink: closer, a
 * label reads as sitting in the cap (the value text past a bar's end is
 * 2.5 pt from the cap line's middle). */
#define ERR_CLEAR 2.0

/* The box a line covers, its width and `clear` on every side included. */
static struct ts_item line_box(const struct ts_item *l, double clear)
{
	struct ts_item b = *l;
	double hw = l->line_w / 2 + clear;

	b.x = fmin(l->x, l->x + l->w) - hw;
	b.y = fmin(l->y, l->y + l->h) - hw;
	b.w = fabs(l->w) + 2 * hw;
	b.h = fabs(l->h) + 2 * hw;
	return b;
}

int ts_chart_check(const struct ts_chart *c, char *msg, size_t size)
{
	for (size_t i = 0; i < c->nr; i++) {
		const struct ts_item *a = &c->items[i];
		if (!on_canvas(c, a)) {
			snprintf(msg, size, "'%s' at %.2f,%.2f size %.2f x %.2f is off the %.2f x %.2f canvas",
				 what(a), a->x, a->y, a->w, a->h, c->width, c->height);
			return -1;
		}
		if (a->kind != TS_ITEM_TEXT)
			continue;
		for (size_t j = 0; j < c->nr; j++) {
			const struct ts_item *b = &c->items[j];
			int solid = b->role == TS_ROLE_BAR || b->role == TS_ROLE_DOT ||
				    b->role == TS_ROLE_SWATCH;
			if (j != i && b->kind == TS_ITEM_LINE && b->role == TS_ROLE_ERR) {
				struct ts_item box = line_box(b, ERR_CLEAR);
				if (overlap(a, &box)) {
					snprintf(msg, size, "'%s' overlaps the error bar of tier %ld",
						 what(a), b->tier);
					return -1;
				}
				continue;
			}
			if (j == i || !overlap(a, b))
				continue;
			if (b->kind == TS_ITEM_TEXT && j < i)
				continue;   /* reported as (j, i) */
			if ((b->kind == TS_ITEM_RECT || b->kind == TS_ITEM_DOT) && (!solid ||
			    (a->role == TS_ROLE_INNER && a->tier == b->tier)))
				continue;
			if (b->kind == TS_ITEM_LINE || b->kind == TS_ITEM_PATH)
				continue;
			snprintf(msg, size, "'%s' overlaps '%s'", what(a), what(b));
			return -1;
		}
	}
	return 0;
}

/* ====================== common frame ====================== */

#define LEGEND_GAP 9.0  /* between legend entries */

static double swatch_size(const struct ts_frame *fr)
{
	return (fr->font_size - 1) * 0.9;
}

static const char *legend_text(const struct ts_frame *fr, int dev)
{
	if (dev == TS_DEV_OTHER && fr->other_label)
		return fr->other_label;
	return ts_chart_dev_name((enum ts_dev)dev);
}

/* Width of one legend entry: swatch, gap, text. */
static double legend_entry_w(const struct ts_measure *m,
			     const struct ts_frame *fr, int dev,
			     const struct ts_font *f)
{
	double w, h;

	m->fn(m->ctx, legend_text(fr, dev), f, &w, &h);
	return swatch_size(fr) + 3 + w;
}

/* A legend swatch `w` wide and s high, centred on a line from y of
 * height line_h. */
static void add_swatch(struct ts_chart *c, const struct ts_paint *p, double x, double y,
		       double w, double s, double line_h)
{
	struct ts_item sw;

	memset(&sw, 0, sizeof(sw));
	sw.kind = TS_ITEM_RECT;
	sw.role = TS_ROLE_SWATCH;
	sw.tier = -1;
	sw.x = x;
	sw.y = y + (line_h - s) / 2;
	sw.w = w;
	sw.h = s;
	sw.paint = *p;
	sw.rgb = p->fill;
	ts_chart_add(c, &sw);
}

static void legend_entry(struct ts_chart *c, const struct ts_measure *m,
			 const struct ts_frame *fr, int dev,
			 const struct ts_font *f, double x, double y,
			 double line_h)
{
	struct ts_paint p;
	double s = swatch_size(fr);

	if (fr->shades[0])   /* grouped: the class's plain shade */
		ts_chart_paint_shade((enum ts_dev)dev, fr->grayscale, 0, 0, &p);
	else
		ts_chart_paint((enum ts_dev)dev, fr->grayscale, 0, &p);
	if (fr->tint_legend) {
		p.fill = ts_chart_tint((enum ts_dev)dev, fr->grayscale);
		p.hatch = 0;
		p.outline = 1;
	}
	add_swatch(c, &p, x, y, s, s, line_h);
	ts_chart_text(c, m, TS_ROLE_LEGEND, -1, legend_text(fr, dev), f,
		      grey(0.1), x + s + 3, y, TS_ALIGN_LEFT);
}

/* The settings' legend (fr->shades) in lines of its own from y, the
 * bottom of what is above; returns the bottom of the last line (y
 * without one). A swatch is twice as wide as a class's, for its hatch. */
static double shade_legend(struct ts_chart *c, const struct ts_measure *m,
			   const struct ts_frame *fr, const struct ts_font *f,
			   double y, double lh)
{
	double s = swatch_size(fr), x = fr->pad, w, h;

	if (!fr->shades[0])
		return y;
	y += 3;
	if (fr->shade_title)
		x += ts_chart_text(c, m, TS_ROLE_LEGEND, -1, fr->shade_title, f,
				   grey(0.1), x, y, TS_ALIGN_LEFT)->w + 5;
	for (int k = 0; k < TS_SHADES && fr->shades[k]; k++) {
		struct ts_paint p;
		m->fn(m->ctx, fr->shades[k], f, &w, &h);
		if (x > fr->pad && x + 2 * s + 3 + w > c->width - fr->pad) {
			x = fr->pad;
			y += lh + 2;
		}
		ts_chart_paint_shade_key(fr->grayscale, k, &p);
		add_swatch(c, &p, x, y, 2 * s, s, lh);
		ts_chart_text(c, m, TS_ROLE_LEGEND, -1, fr->shades[k], f, grey(0.1),
			      x + 2 * s + 3, y, TS_ALIGN_LEFT);
		x += 2 * s + 3 + w + LEGEND_GAP;
	}
	return y + lh;
}

double ts_chart_frame_top(struct ts_chart *c, const struct ts_measure *m,
			  const struct ts_frame *fr)
{
	struct ts_font tf = { fr->font_size, 1, 0 };
	struct ts_font lf = { fr->font_size - 1, 0, 0 };
	double avail = c->width - 2 * fr->pad, y = fr->pad;
	double title_w = 0, title_h = 0, legend_w = 0, lh, dummy;
	int nr_dev = 0;

	m->fn(m->ctx, "Ag", &lf, &dummy, &lh);
	for (int dv = 0; dv < TS_DEV_COUNT; dv++)
		if (fr->devs & (1u << dv)) {
			legend_w += (nr_dev ? LEGEND_GAP : 0) +
				    legend_entry_w(m, fr, dv, &lf);
			nr_dev++;
		}
	if (fr->title) {
		struct ts_item *t = ts_chart_text(c, m, TS_ROLE_TITLE, -1,
						  fr->title, &tf, grey(0.0),
						  fr->pad, y, TS_ALIGN_LEFT);
		title_w = t->w;
		title_h = t->h;
	}
	if (nr_dev && fr->title && title_w + 14 + legend_w <= avail) {
		/* One line: legend at the right, centred on the title. */
		double x = c->width - fr->pad - legend_w;
		double ly = y + (title_h - lh) / 2;
		for (int dv = 0; dv < TS_DEV_COUNT; dv++)
			if (fr->devs & (1u << dv)) {
				legend_entry(c, m, fr, dv, &lf, x, ly, lh);
				x += legend_entry_w(m, fr, dv, &lf) + LEGEND_GAP;
			}
		return shade_legend(c, m, fr, &lf, y + (title_h > lh ? title_h : lh), lh) + 6;
	}
	y += title_h + (fr->title ? 2 : 0);
	if (nr_dev) {
		double x = fr->pad;
		for (int dv = 0; dv < TS_DEV_COUNT; dv++) {
			double ew;
			if (!(fr->devs & (1u << dv)))
				continue;
			ew = legend_entry_w(m, fr, dv, &lf);
			if (x > fr->pad && x + ew > fr->pad + avail) {
				x = fr->pad;
				y += lh + 2;
			}
			legend_entry(c, m, fr, dv, &lf, x, y, lh);
			x += ew + LEGEND_GAP;
		}
		y += lh;
	}
	return shade_legend(c, m, fr, &lf, y, lh) + 6;
}

/* Lay out (when c is not NULL) or only measure the notes; returns their
 * height. */
static double notes(struct ts_chart *c, const struct ts_measure *m,
		    const struct ts_frame *fr, double width, double bottom)
{
	struct ts_font nf = { fr->font_size - 1, 0, 0 };
	double total = 0, w, h;
	size_t n = 0;

	while (n < TS_COUNTOF(fr->notes) && fr->notes[n])
		n++;
	for (size_t pass = 0; pass < 2; pass++) {
		double y = bottom - total;
		for (size_t i = 0; i < n; i++) {
			int lines;
			char *t = ts_chart_wrap(m, &nf, fr->notes[i],
						width - 2 * fr->pad, &lines, NULL);
			m->fn(m->ctx, t, &nf, &w, &h);
			if (pass == 0)
				total += h;
			else if (c)
				ts_chart_text(c, m, TS_ROLE_NOTE, -1, t, &nf,
					      grey(0.3), fr->pad, y, TS_ALIGN_LEFT);
			y += h;
			free(t);
		}
		if (!c)
			break;
	}
	return total;
}

double ts_chart_notes_height(const struct ts_measure *m,
			     const struct ts_frame *fr, double width)
{
	return notes(NULL, m, fr, width, 0);
}

void ts_chart_frame_notes(struct ts_chart *c, const struct ts_measure *m,
			  const struct ts_frame *fr)
{
	notes(c, m, fr, c->width, c->height - fr->pad);
}
