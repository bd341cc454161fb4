/* draw.h - paint a chart (chart.h) with cairo and Pango on PNG, PDF or SVG.
 *
 * The only module that sees cairo and Pango. Text is set with one Pango
 * context at 72 dpi (1 unit = 1 point) with hinting off and glyph
 * positions unrounded, so that the layout measured once in points is the
 * same on every surface. The PNG surface is scaled by dpi / 72 and gets
 * a pHYs chunk; hairlines and bar edges snap to whole pixels in PNG only.
 * Cairo's status is sticky: it is checked once, after the surface is
 * finished, and a failure is reported naming the file.
 */
#ifndef TS_DRAW_H
#define TS_DRAW_H

#include "ts.h"
#include "chart.h"
#include "diag.h"

#include <stdio.h>
#include <time.h>

enum ts_draw_format { TS_DRAW_PNG, TS_DRAW_PDF, TS_DRAW_SVG };

/* Font map and Pango context for one run (opaque). */
struct ts_draw_text;

/* New text context for font `family` (e.g. "DejaVu Sans"). Free with
 * ts_draw_text_free() (NULL is a no-op). The first call (on any thread)
 * installs the process's GLib log writer: from then on what GLib, Pango
 * or another GLib-based library logs is one line on stderr in tierstat's
 * format, "tierstat: error: Pango: ..." for the critical and error
 * levels, "tierstat: warning: DOMAIN: ..." for warnings and messages
 * (info and debug are dropped), written with one write() and counted
 * (ts_draw_lib_counts): no library prints on its own. */
struct ts_draw_text *ts_draw_text_new(const char *family);
void ts_draw_text_free(struct ts_draw_text *tx);

/* What the GLib log writer printed so far: .warning and .error (the
 * other counters are 0). Safe on any thread. */
struct ts_diag_counts ts_draw_lib_counts(void);

/* The family Pango resolved the requested one to ("DejaVu Sans" when the
 * requested family is not installed). Caller frees. */
char *ts_draw_text_family(struct ts_draw_text *tx);

/* A measurer for the chart layout (chart.h) backed by `tx`. */
struct ts_measure ts_draw_measurer(struct ts_draw_text *tx);

/* Number of characters of `text` that no installed font can draw (Pango's
 * unknown glyphs: they would show as boxes). */
int ts_draw_unknown_glyphs(struct ts_draw_text *tx, const char *text);

/* A PNG wider or taller than TS_DRAW_PX_WARN pixels is drawn with a
 * warning; one beyond cairo's limit for an image, TS_DRAW_PX_MAX, is an
 * error (not cairo's "invalid value (typically too big)"). */
#define TS_DRAW_PX_WARN 10000
#define TS_DRAW_PX_MAX 32767

struct ts_draw_opts {
	enum ts_draw_format format;
	double dpi;           /* PNG pixels per inch */
	time_t creation_time; /* PDF CreationDate and ModDate */
	const char *title;    /* PDF Title, SVG <title> */
	const char *subject;  /* PDF Subject, SVG <desc>: the caption
	                         (figures.h ts_fig_caption); NULL = none */
	const char *keywords; /* PDF Keywords (NULL = none) */
};

/* File name extension of a format ("png", "pdf", "svg"). */
const char *ts_draw_ext(enum ts_draw_format format);

/* Paint chart c into fp in o->format. `name` (the output file name) is
 * used in messages only. Returns 0, or -1 after reporting to d; fp may
 * then hold a partial file, which the caller discards. */
int ts_draw_chart(const struct ts_chart *c, struct ts_draw_text *tx,
		  const struct ts_draw_opts *o, FILE *fp, const char *name,
		  struct ts_diag *d);

/* Rows of a PNG drawn at a time (draw.c draw_png): TS_DRAW_BAND; tests
 * vary it (at least 1). */
#define TS_DRAW_BAND 512
extern int ts_draw_band;

/* Encode a cairo RGB24 image of width x height pixels as PNG into fp,
 * with a pHYs chunk recording `dpi` (draw_png.c), `band` rows at a time:
 * rows(ctx, y0, n, &stride) returns the pixels of rows [y0, y0 + n)
 * (stride bytes a row, valid until the next call), or NULL to give up.
 * Returns 0, or -1 when libpng, the write or rows() failed (not
 * reported). */
typedef const unsigned char *(*ts_draw_rows_fn)(void *ctx, int y0, int n, int *stride);
int ts_draw_png_write(int width, int height, int band, double dpi, FILE *fp,
		      ts_draw_rows_fn rows, void *ctx);

#endif /* TS_DRAW_H */
