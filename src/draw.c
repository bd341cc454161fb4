/* draw.c - paint a chart with cairo and Pango (see draw.h). */
#include "ts.h"
#include "draw.h"
#include "mem.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ====================== library messages ====================== */

static atomic_ulong lib_warnings, lib_errors;

/* A GLib log field as text (length -1: NUL-terminated). */
static void field_text(const GLogField *f, const char **p, int *n)
{
	*p = f->value;
	*n = f->length < 0 ? (int)strlen(f->value) : (int)f->length;
}

/* GLib's log writer for the whole process (see draw.h). It may run on
 * any thread, so it touches no struct ts_diag: it formats one line on
 * the stack, writes it with one write() and counts it atomically. */
static GLogWriterOutput log_writer(GLogLevelFlags level, const GLogField *fields,
				   gsize nr, gpointer user)
{
	const char *domain = "GLib", *msg = "", *sev = "warning";
	int dn = 4, mn = 0, len;
	char line[1024];

	(void)user;
	if (level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG))
		return G_LOG_WRITER_HANDLED;
	for (gsize i = 0; i < nr; i++)
		if (strcmp(fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].value)
			field_text(&fields[i], &domain, &dn);
		else if (strcmp(fields[i].key, "MESSAGE") == 0 && fields[i].value)
			field_text(&fields[i], &msg, &mn);
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
		sev = "error";
	else if (level & G_LOG_LEVEL_MESSAGE)
		sev = "note";
	len = snprintf(line, sizeof(line) - 1, "tierstat: %s: %.*s: %.*s", sev, dn, domain,
		       mn, msg);
	if (len < 0)
		return G_LOG_WRITER_UNHANDLED;
	if (len > (int)sizeof(line) - 2)
		len = (int)sizeof(line) - 2;
	for (int i = 0; i < len; i++)   /* one line, whatever the message */
		if ((unsigned char)line[i] < ' ' || line[i] == 0x7f)
			line[i] = ' ';
	line[len++] = '\n';
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
		atomic_fetch_add(&lib_errors, 1);
	else if (level & G_LOG_LEVEL_WARNING)
		atomic_fetch_add(&lib_warnings, 1);
	return write(STDERR_FILENO, line, (size_t)len) == len ? G_LOG_WRITER_HANDLED
							    : G_LOG_WRITER_UNHANDLED;
}

static void install_log_writer(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		g_log_set_writer_func(log_writer, NULL, NULL);
		g_once_init_leave(&done, 1);
	}
}

struct ts_diag_counts ts_draw_lib_counts(void)
{
	struct ts_diag_counts c = { 0 };

	c.warning = atomic_load(&lib_warnings);
	c.error = atomic_load(&lib_errors);
	return c;
}

/* ====================== text ====================== */

struct ts_draw_text {
	PangoFontMap *map;
	PangoContext *ctx;
	char *family;
	/* the pixels of the last PNG band (draw_png), kept for the next
	 * one: a new surface per figure costs more in page faults than its
	 * drawing */
	unsigned char *px;
	size_t px_size;
};

struct ts_draw_text *ts_draw_text_new(const char *family)
{
	struct ts_draw_text *tx;
	cairo_font_options_t *fo;

	install_log_writer();   /* before anything of Pango's */
	tx = ts_xcalloc(1, sizeof(*tx));
	fo = cairo_font_options_create();

	tx->family = ts_xstrdup(family && *family ? family : "DejaVu Sans");
	/* A private font map: nothing depends on what else the process did. */
	tx->map = pango_cairo_font_map_new();
	tx->ctx = pango_font_map_create_context(tx->map);
	pango_cairo_context_set_resolution(tx->ctx, 72);
	/* Unhinted outlines and metrics, positions not rounded to device
	 * pixels: the same advances on a 300 dpi PNG and in a PDF. */
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(tx->ctx, fo);
	pango_context_set_round_glyph_positions(tx->ctx, FALSE);
	cairo_font_options_destroy(fo);
	return tx;
}

void ts_draw_text_free(struct ts_draw_text *tx)
{
	if (!tx)
		return;
	g_object_unref(tx->ctx);
	g_object_unref(tx->map);
	free(tx->family);
	free(tx->px);
	free(tx);
}

static PangoLayout *make_layout(struct ts_draw_text *tx, const char *text,
				const struct ts_font *f, enum ts_align align)
{
	PangoLayout *l = pango_layout_new(tx->ctx);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, tx->family);
	pango_font_description_set_absolute_size(fd, f->size * PANGO_SCALE);
	pango_font_description_set_weight(fd, f->bold ? PANGO_WEIGHT_BOLD
						       : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, f->italic ? PANGO_STYLE_ITALIC
						       : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_alignment(l, align == TS_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
				   : align == TS_ALIGN_CENTRE ? PANGO_ALIGN_CENTER
				   : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text, -1);
	return l;
}

char *ts_draw_text_family(struct ts_draw_text *tx)
{
	PangoFontDescription *fd = pango_font_description_from_string("");
	PangoFont *font;
	char *family = NULL;

	pango_font_description_set_family(fd, tx->family);
	pango_font_description_set_absolute_size(fd, 9 * PANGO_SCALE);
	font = pango_font_map_load_font(tx->map, tx->ctx, fd);
	if (font) {
		PangoFontDescription *got = pango_font_describe(font);
		const char *f = pango_font_description_get_family(got);
		family = f ? ts_xstrdup(f) : NULL;
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(fd);
	return family ? family : ts_xstrdup("");
}

static void measure(void *ctx, const char *text, const struct ts_font *f,
		    double *w, double *h)
{
	PangoLayout *l = make_layout(ctx, text, f, TS_ALIGN_LEFT);
	PangoRectangle logical;

	pango_layout_get_extents(l, NULL, &logical);
	*w = (double)logical.width / PANGO_SCALE;
	*h = (double)logical.height / PANGO_SCALE;
	g_object_unref(l);
}

struct ts_measure ts_draw_measurer(struct ts_draw_text *tx)
{
	struct ts_measure m = { measure, tx };
	return m;
}

int ts_draw_unknown_glyphs(struct ts_draw_text *tx, const char *text)
{
	struct ts_font f = { 9, 0, 0 };
	PangoLayout *l = make_layout(tx, text, &f, TS_ALIGN_LEFT);
	int n = pango_layout_get_unknown_glyphs_count(l);

	g_object_unref(l);
	return n;
}

/* ====================== painting ====================== */

struct pen {
	cairo_t *cr;
	double px;  /* device pixels per point; 0 = vector surface */
};

static void set_rgb(cairo_t *cr, struct ts_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Round a coordinate to whole device pixels (PNG only). */
static double snap(const struct pen *p, double v)
{
	return p->px > 0 ? round(v * p->px) / p->px : v;
}

/* Line width rounded to whole pixels (at least one), and the offset that
 * puts an odd-width line on pixel centres. */
static double snap_width(const struct pen *p, double lw, double *half)
{
	double dw;

	*half = 0;
	if (p->px <= 0)
		return lw;
	dw = fmax(1, round(lw * p->px));
	if ((long)dw % 2)
		*half = 0.5 / p->px;
	return dw / p->px;
}

static void hatch(const struct pen *p, const struct ts_item *it)
{
	cairo_t *cr = p->cr;
	const double gap = 2.6;
	double span = it->w + it->h;

	cairo_save(cr);
	cairo_rectangle(cr, it->x, it->y, it->w, it->h);
	cairo_clip(cr);
	set_rgb(cr, it->paint.hatch_rgb);
	cairo_set_line_width(cr, 0.55);
	for (double d = -span; d <= span; d += gap) {
		if (it->paint.hatch & TS_HATCH_FWD) {
			cairo_move_to(cr, it->x + d, it->y + it->h);
			cairo_line_to(cr, it->x + d + it->h, it->y);
		}
		if (it->paint.hatch & TS_HATCH_BACK) {
			cairo_move_to(cr, it->x + d, it->y);
			cairo_line_to(cr, it->x + d + it->h, it->y + it->h);
		}
		if ((it->paint.hatch & TS_HATCH_HORIZ) && d >= 0 && d <= it->h) {
			cairo_move_to(cr, it->x, it->y + d);
			cairo_line_to(cr, it->x + it->w, it->y + d);
		}
		if ((it->paint.hatch & TS_HATCH_VERT) && d >= 0 && d <= it->w) {
			cairo_move_to(cr, it->x + d, it->y);
			cairo_line_to(cr, it->x + d, it->y + it->h);
		}
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void paint_rect(const struct pen *p, const struct ts_item *src)
{
	struct ts_item it = *src;
	double x1 = it.x + it.w, y1 = it.y + it.h;

	if (it.snap) {
		it.x = snap(p, it.x);
		it.y = snap(p, it.y);
		it.w = snap(p, x1) - it.x;
		it.h = snap(p, y1) - it.y;
	}
	if (it.w <= 0 || it.h <= 0)
		return;
	set_rgb(p->cr, it.rgb);
	cairo_rectangle(p->cr, it.x, it.y, it.w, it.h);
	cairo_fill(p->cr);
	if (it.paint.hatch)
		hatch(p, &it);
	if (it.paint.outline) {
		double half, lw = snap_width(p, 0.5, &half);
		cairo_set_line_width(p->cr, lw);
		set_rgb(p->cr, (struct ts_rgb){ 0.2, 0.2, 0.2 });
		cairo_rectangle(p->cr, it.x + lw / 2, it.y + lw / 2, it.w - lw, it.h - lw);
		cairo_stroke(p->cr);
	}
}

/* A dot: its fill (a hatch would not read at this size) and a thin dark
 * outline, so that a light or grey fill shows on white. */
static void paint_dot(const struct pen *p, const struct ts_item *it)
{
	double r = it->w / 2;

	if (r <= 0)
		return;
	cairo_new_path(p->cr);
	cairo_arc(p->cr, it->x + r, it->y + r, r, 0, 2 * M_PI);
	set_rgb(p->cr, it->rgb);
	cairo_fill_preserve(p->cr);
	cairo_set_line_width(p->cr, 0.5);
	set_rgb(p->cr, (struct ts_rgb){ 0.15, 0.15, 0.15 });
	cairo_stroke(p->cr);
}

/* A scatter marker (chart.h enum ts_marker): a regular polygon or a
 * star of about the circle's area (it may reach past the box), filled (white when open) and outlined
 * dark, so that shape alone tells the series apart in grey. */
static void paint_marker(const struct pen *p, const struct ts_item *it)
{
	static const struct { int corners; double turn, scale; } shapes[TS_MARK_COUNT] = {
		[TS_MARK_CIRCLE] = { 0, 0, 1 },
		/* scale: about 90 % of the circle's area (pointed shapes
		 * look larger than their area) */
		[TS_MARK_SQUARE] = { 4, 0.125, 1.38 },
		[TS_MARK_TRIANGLE] = { 3, -0.25, 1.65 },
		[TS_MARK_DIAMOND] = { 4, 0, 1.38 },
		[TS_MARK_TRIANGLE_DOWN] = { 3, 0.25, 1.65 },
		[TS_MARK_PENTAGON] = { 5, -0.25, 1.28 },
		[TS_MARK_HEXAGON] = { 6, 0, 1.22 },
		[TS_MARK_STAR] = { 10, -0.25, 1.65 },
	};
	double r = it->w / 2, cx = it->x + r, cy = it->y + r;
	unsigned k = (unsigned)it->marker < TS_MARK_COUNT ? (unsigned)it->marker : 0;

	if (r <= 0)
		return;
	cairo_new_path(p->cr);
	if (shapes[k].corners == 0) {
		cairo_arc(p->cr, cx, cy, r * 0.92, 0, 2 * M_PI);
	} else {
		int n = shapes[k].corners;
		for (int i = 0; i < n; i++) {
			double a = 2 * M_PI * ((double)i / n + shapes[k].turn);
			double rr = r * shapes[k].scale * 0.8 * (k == TS_MARK_STAR && i % 2 ? 0.45 : 1);
			if (i == 0)
				cairo_move_to(p->cr, cx + rr * cos(a), cy + rr * sin(a));
			else
				cairo_line_to(p->cr, cx + rr * cos(a), cy + rr * sin(a));
		}
		cairo_close_path(p->cr);
	}
	set_rgb(p->cr, it->filled ? it->rgb : (struct ts_rgb){ 1, 1, 1 });
	cairo_fill_preserve(p->cr);
	cairo_set_line_width(p->cr, it->filled ? 0.5 : 0.9);
	cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_MITER);
	set_rgb(p->cr, it->filled ? (struct ts_rgb){ 0.15, 0.15, 0.15 } : it->rgb);
	cairo_stroke(p->cr);
}

static void paint_line(const struct pen *p, const struct ts_item *it)
{
	cairo_t *cr = p->cr;
	double x0 = it->x, y0 = it->y, x1 = it->x + it->w, y1 = it->y + it->h;
	double half = 0, lw = it->line_w;

	if (it->snap && (it->w == 0 || it->h == 0)) {
		lw = snap_width(p, it->line_w, &half);
		if (it->h == 0) {   /* horizontal: snap y, then the ends */
			y0 = y1 = snap(p, y0 - half) + half;
			x0 = snap(p, x0);
			x1 = snap(p, x1);
		} else {
			x0 = x1 = snap(p, x0 - half) + half;
			y0 = snap(p, y0);
			y1 = snap(p, y1);
		}
	}
	cairo_save(cr);
	cairo_set_line_width(cr, lw);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	if (it->dashed) {
		static const double dash[] = { 3.0, 2.0 };
		cairo_set_dash(cr, dash, 2, 0);
	}
	set_rgb(cr, it->rgb);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void paint_path(const struct pen *p, const struct ts_item *it)
{
	cairo_t *cr = p->cr;

	if (it->npts < 2)
		return;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_move_to(cr, it->pts[0], it->pts[1]);
	for (size_t i = 1; i < it->npts; i++)
		cairo_line_to(cr, it->pts[2 * i], it->pts[2 * i + 1]);
	set_rgb(cr, it->rgb);
	if (it->filled) {
		cairo_close_path(cr);
		cairo_fill(cr);
	} else {
		cairo_set_line_width(cr, it->line_w);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

static void paint_text(const struct pen *p, struct ts_draw_text *tx,
		       const struct ts_item *it)
{
	cairo_t *cr = p->cr;
	PangoLayout *l = make_layout(tx, it->text, &it->font, it->align);

	cairo_save(cr);
	if (it->halo) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, it->x - 1, it->y, it->w + 2, it->h);
		cairo_fill(cr);
	}
	set_rgb(cr, it->rgb);
	if (it->rotated) {
		cairo_translate(cr, it->x, it->y + it->h);
		cairo_rotate(cr, -M_PI / 2);
		cairo_move_to(cr, 0, 0);
	} else {
		cairo_move_to(cr, it->x, it->y);
	}
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
	g_object_unref(l);
}

/* The rows of the page an item may paint, in points (top < bottom):
 * its box (for a PATH the bounding box of its points, ts_chart_path),
 * widened by its line width and a margin for
 * antialiasing, round joins, markers that reach past their box and
 * glyphs past their logical box. Only to skip items a PNG band does not
 * meet: generous, never too tight. */
static void item_rows(const struct ts_item *it, double *top, double *bottom)
{
	double t = fmin(it->y, it->y + it->h), b = fmax(it->y, it->y + it->h);
	double m = 2 + it->line_w;

	switch (it->kind) {
	case TS_ITEM_TEXT:
		m += it->font.size;
		break;
	case TS_ITEM_DOT:
	case TS_ITEM_MARKER:
		m += it->w;
		break;
	case TS_ITEM_RECT:
	case TS_ITEM_LINE:
	case TS_ITEM_PATH:
		break;
	}
	*top = t - m;
	*bottom = b + m;
}

/* Paint the items of c; on a PNG band (rows non-NULL), only those whose
 * rows[2 i], rows[2 i + 1] (item_rows) meet [top, bottom) in points. */
static void paint_rows(const struct pen *p, struct ts_draw_text *tx,
		       const struct ts_chart *c, const double *rows,
		       double top, double bottom)
{
	for (size_t i = 0; i < c->nr; i++) {
		const struct ts_item *it = &c->items[i];
		if (rows && (rows[2 * i + 1] < top || rows[2 * i] > bottom))
			continue;
		switch (it->kind) {
		case TS_ITEM_RECT: paint_rect(p, it); break;
		case TS_ITEM_DOT: paint_dot(p, it); break;
		case TS_ITEM_LINE: paint_line(p, it); break;
		case TS_ITEM_TEXT: paint_text(p, tx, it); break;
		case TS_ITEM_PATH: paint_path(p, it); break;
		case TS_ITEM_MARKER: paint_marker(p, it); break;
		}
	}
}

static void paint(const struct pen *p, struct ts_draw_text *tx,
		  const struct ts_chart *c)
{
	paint_rows(p, tx, c, NULL, 0, 0);
}

/* ====================== surfaces ====================== */

const char *ts_draw_ext(enum ts_draw_format format)
{
	switch (format) {
	case TS_DRAW_PNG: return "png";
	case TS_DRAW_PDF: return "pdf";
	case TS_DRAW_SVG: return "svg";
	}
	return "?";
}

static cairo_status_t write_fp(void *closure, const unsigned char *data,
			       unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

struct membuf {
	unsigned char *p;
	size_t len, cap;
};

static cairo_status_t write_mem(void *closure, const unsigned char *data,
				unsigned int len)
{
	struct membuf *b = closure;

	if (b->len + len > b->cap) {
		b->cap = (b->len + len) * 2;
		b->p = ts_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* PDF dates as ISO 8601 in UTC ("2025-11-10T08:33:21Z"). */
static void iso_date(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "1970-01-01T00:00:00Z");
}

/* Text as XML character data into fp (& < > " escaped). */
static int put_xml(FILE *fp, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			      : *s == '"' ? "&quot;" : NULL;
		if (e ? fputs(e, fp) == EOF : fputc(*s, fp) == EOF)
			return -1;
	}
	return 0;
}

/* The SVG's <title> and <desc> (o->title, o->subject), as the first
 * children of its <svg> element: what a screen reader announces. */
static int svg_meta(const struct ts_draw_opts *o, FILE *fp)
{
	if (o->title && (fputs("\n<title>", fp) == EOF || put_xml(fp, o->title) < 0 ||
			 fputs("</title>", fp) == EOF))
		return -1;
	if (o->subject && (fputs("\n<desc>", fp) == EOF || put_xml(fp, o->subject) < 0 ||
			   fputs("</desc>", fp) == EOF))
		return -1;
	return 0;
}

/* cairo 1.16 names an SVG's page group after the surface's serial
 * number in the process ("surface102"), which depends on everything
 * drawn before. Renumber "surfaceN" and "imageN" by first appearance
 * so the bytes depend on the chart alone. */
static int write_svg(const struct membuf *b, const struct ts_draw_opts *o, FILE *fp)
{
	static const char *const prefixes[] = { "surface", "image" };
	unsigned long seen[2][64];
	size_t nr_seen[2] = { 0, 0 }, i = 0, from = 0, meta = 0;

	for (size_t at = 0; at + 4 <= b->len && !meta; at++)   /* past <svg ...> */
		if (memcmp(b->p + at, "<svg", 4) == 0)
			while (at < b->len && !meta)
				if (b->p[at++] == '>')
					meta = at;
	while (i < b->len) {
		if (meta && i == meta) {
			if (fwrite(b->p + from, 1, i - from, fp) != i - from || svg_meta(o, fp) < 0)
				return -1;
			from = i;
			meta = 0;
		}
		size_t k, n = 0, pl = 0, at;
		unsigned long v = 0;
		for (k = 0; k < TS_COUNTOF(prefixes); k++) {
			pl = strlen(prefixes[k]);
			if (i + pl < b->len && memcmp(b->p + i, prefixes[k], pl) == 0 &&
			    b->p[i + pl] >= '0' && b->p[i + pl] <= '9')
				break;
		}
		if (k == TS_COUNTOF(prefixes)) {
			i++;
			continue;
		}
		while (i + pl + n < b->len && b->p[i + pl + n] >= '0' &&
		       b->p[i + pl + n] <= '9' && n < 9)
			v = v * 10 + (unsigned long)(b->p[i + pl + n++] - '0');
		for (at = 0; at < nr_seen[k] && seen[k][at] != v; at++)
			;
		if (at == nr_seen[k] && nr_seen[k] < 64)
			seen[k][nr_seen[k]++] = v;
		if (fwrite(b->p + from, 1, i + pl - from, fp) != i + pl - from ||
		    fprintf(fp, "%zu", at + 1) < 0)
			return -1;
		i += pl + n;
		from = i;
	}
	return fwrite(b->p + from, 1, b->len - from, fp) == b->len - from ? 0 : -1;
}

static cairo_surface_t *vector_surface(const struct ts_chart *c,
				       const struct ts_draw_opts *o, FILE *fp,
				       struct membuf *svg)
{
	cairo_surface_t *s;
	char date[32];

	if (o->format == TS_DRAW_SVG) {
		s = cairo_svg_surface_create_for_stream(write_mem, svg, c->width,
							c->height);
		cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
		cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
		return s;
	}
	s = cairo_pdf_surface_create_for_stream(write_fp, fp, c->width, c->height);
	/* cairo 1.16 ignores SOURCE_DATE_EPOCH: set every date ourselves so
	 * that two runs write the same bytes. */
	iso_date(o->creation_time, date, sizeof(date));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
				       "tierstat " TS_VERSION);
	if (o->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, o->title);
	if (o->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, o->subject);
	/* the version and options of the run (cairo 1.16 has Keywords) */
	if (o->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, o->keywords);
	return s;
}

static int fail(struct ts_diag *d, const char *name, cairo_status_t st)
{
	ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
		       "cannot draw '%s': %s (not written)", name,
		       cairo_status_to_string(st));
	return -1;
}

/* The pixels of the PNGs, kept for the next figure: mapped in 2 MiB
 * huge pages where the kernel allows them (madvise), since first
 * touching a 20 MB canvas in 4 KiB pages was a fifth of a timeline's
 * drawing time on a virtual machine. */
#define PX_ALIGN ((size_t)2 << 20)
static void px_grow(struct ts_draw_text *tx, size_t need)
{
	size_t size = (need + PX_ALIGN - 1) / PX_ALIGN * PX_ALIGN;
	void *p = NULL;

	free(tx->px);
	tx->px = NULL;
	if (posix_memalign(&p, PX_ALIGN, size) != 0)
		p = ts_xmalloc(size);   /* out of memory: says so and exits */
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE);   /* advice: may be refused */
#endif
	tx->px = p;
	tx->px_size = size;
}

/* A PNG is drawn a band of ts_draw_band rows at a time into the same
 * canvas, each band encoded before the next is drawn: at 300 dpi and
 * 6.3 in a band is 3.9 MB where a five-panel timeline would be 15 MB
 * (per drawing thread). Each band paints only the items that meet it
 * (item_rows), translated by whole device pixels, so the pixels are
 * those of the image drawn whole, but for a rare rounding on a band's
 * first or last row (one channel of one pixel off by 1 in a 2.5 Mpx
 * timeline of the fixture with 37-row bands; none with 512: the thesis
 * folder's PNGs are the same bytes as drawn whole). test_figures
 * compares narrow bands with wide ones. */
int ts_draw_band = TS_DRAW_BAND;

struct band {
	const struct ts_chart *c;
	struct ts_draw_text *tx;
	double px;          /* device pixels per point */
	int wpx, stride;
	double *rows;       /* item_rows of every item */
	cairo_status_t st;  /* the first failure */
};

static const unsigned char *draw_band(void *ctx, int y0, int n, int *stride)
{
	struct band *b = ctx;
	cairo_surface_t *s = cairo_image_surface_create_for_data(b->tx->px, CAIRO_FORMAT_RGB24,
								 b->wpx, n, b->stride);
	struct pen p = { cairo_create(s), b->px };

	cairo_set_source_rgb(p.cr, 1, 1, 1);
	cairo_paint(p.cr);
	cairo_translate(p.cr, 0, -y0);
	cairo_scale(p.cr, p.px, p.px);
	paint_rows(&p, b->tx, b->c, b->rows, y0 / p.px, (y0 + n) / p.px);
	b->st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_flush(s);
	if (b->st == CAIRO_STATUS_SUCCESS)
		b->st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	*stride = b->stride;
	return b->st == CAIRO_STATUS_SUCCESS ? b->tx->px : NULL;
}

static int draw_png(const struct ts_chart *c, struct ts_draw_text *tx,
		    const struct ts_draw_opts *o, FILE *fp, const char *name,
		    struct ts_diag *d)
{
	struct band b = { c, tx, o->dpi / 72.0, 0, 0, NULL, CAIRO_STATUS_SUCCESS };
	double wd = fmax(1, round(c->width * b.px)), hd = fmax(1, round(c->height * b.px));
	int hpx, band, rc = 0;

	if (wd > TS_DRAW_PX_MAX || hd > TS_DRAW_PX_MAX) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot draw '%s': %.0f x %.0f px at --dpi %g is more than cairo's %d px a side (not written)",
			       name, wd, hd, o->dpi, TS_DRAW_PX_MAX);
		return -1;
	}
	b.wpx = (int)wd;
	hpx = (int)hd;
	if (b.wpx > TS_DRAW_PX_WARN || hpx > TS_DRAW_PX_WARN)
		ts_diag_report(d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0,
			       "'%s' is %d x %d px at --dpi %g, more than %d px a side (drawn, with %.0f MB of memory)",
			       name, b.wpx, hpx, o->dpi, TS_DRAW_PX_WARN, 4.0 * b.wpx * fmin(hpx, ts_draw_band) / 1e6);
	b.stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, b.wpx);
	band = ts_draw_band < 1 ? 1 : ts_draw_band;
	band = hpx < band ? hpx : band;
	if ((size_t)b.stride * (size_t)band > tx->px_size)
		px_grow(tx, (size_t)b.stride * (size_t)band);
	b.rows = ts_xreallocarray(NULL, c->nr ? 2 * c->nr : 1, sizeof(*b.rows));
	for (size_t i = 0; i < c->nr; i++)
		item_rows(&c->items[i], &b.rows[2 * i], &b.rows[2 * i + 1]);
	if (ts_draw_png_write(b.wpx, hpx, band, o->dpi, fp, draw_band, &b) < 0)
		rc = fail(d, name, b.st != CAIRO_STATUS_SUCCESS ? b.st : CAIRO_STATUS_WRITE_ERROR);
	free(b.rows);
	return rc;
}

int ts_draw_chart(const struct ts_chart *c, struct ts_draw_text *tx,
		  const struct ts_draw_opts *o, FILE *fp, const char *name,
		  struct ts_diag *d)
{
	struct pen p = { NULL, 0 };
	struct membuf svg = { NULL, 0, 0 };
	cairo_surface_t *s;
	cairo_status_t st;

	if (o->format == TS_DRAW_PNG)
		return draw_png(c, tx, o, fp, name, d);
	s = vector_surface(c, o, fp, &svg);
	p.cr = cairo_create(s);
	paint(&p, tx, c);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);  /* writes the file (PDF) or svg */
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st == CAIRO_STATUS_SUCCESS && o->format == TS_DRAW_SVG &&
	    write_svg(&svg, o, fp) < 0)
		st = CAIRO_STATUS_WRITE_ERROR;
	free(svg.p);
	return st == CAIRO_STATUS_SUCCESS ? 0 : fail(d, name, st);
}
