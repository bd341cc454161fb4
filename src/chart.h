/* chart.h - pure figure layout: ranges, ticks, bars, tables, colours.
 *
 * A layout turns plain numbers and strings into a display list: boxes,
 * lines and text boxes in points at print size (origin top left, y down).
 * draw.c paints that list on any surface, so PNG, PDF and SVG share one
 * layout, and tests inspect it without cairo. Text is measured through a
 * callback (struct ts_measure): Pango in the tool, a fake in tests.
 * Nothing here reads the tier model; fig_bars.c and fig_table.c translate.
 */
#ifndef TS_CHART_H
#define TS_CHART_H

#include "ts.h"

/* ====================== colours and paints ====================== */

struct ts_rgb {
	double r, g, b;  /* 0..1, sRGB */
};

/* Device classes, in legend order. */
enum ts_dev { TS_DEV_CPU, TS_DEV_CUDA, TS_DEV_MPS, TS_DEV_OTHER, TS_DEV_COUNT };

/* "cpu", "cuda", "mps" (any case); anything else is TS_DEV_OTHER. */
enum ts_dev ts_chart_dev(const char *device_type);
/* Legend name of a class ("CPU", "CUDA", "MPS", "other"). */
const char *ts_chart_dev_name(enum ts_dev dev);
/* How a device type is written in legends and tables: in capitals like
 * the classes above ("xpu" -> "XPU", ASCII letters only), except
 * "unknown", tierstat's own word for a type nobody gave; NULL or "" gives
 * NULL. Caller frees. */
char *ts_chart_dev_text(const char *device_type);

/* Hatch directions drawn over a fill (bits). */
enum {
	TS_HATCH_FWD = 1u << 0,    /* '/' */
	TS_HATCH_BACK = 1u << 1,   /* '\', the "aggregates only" mark */
	TS_HATCH_HORIZ = 1u << 2,
	TS_HATCH_VERT = 1u << 3
};

struct ts_paint {
	struct ts_rgb fill;
	unsigned hatch;          /* TS_HATCH_* bits, 0 = plain */
	struct ts_rgb hatch_rgb; /* colour of the hatch lines */
	int outline;             /* draw a thin dark outline (light fills) */
};

/* How a bar of class dev is painted: Okabe-Ito colours (cpu #0072B2,
 * cuda #009E73, mps #E69F00, other #CC79A7), or with `grayscale` greys
 * and hatches only. `aggregates_only` adds the TS_HATCH_BACK mark. */
void ts_chart_paint(enum ts_dev dev, int grayscale, int aggregates_only,
		    struct ts_paint *p);
/* How a bar of a grouped chart (--by) is painted: the colour of class
 * dev, told apart by its setting's shade and hatch (TS_SHADES of them):
 * 0 the full colour, plain; 1 lighter, hatched '/'; 2 a little darker,
 * hatched horizontally; 3 lightest, hatched vertically. With `grayscale`
 * the class's grey stays as it is (its level tells the class) and the
 * setting is the hatch alone. Hatch lines are dark on a light fill,
 * white on a dark one; every fill is outlined. `aggregates_only` (a tier
 * from analysis JSON alone, its settings unknown): the class's plain
 * colour cross-hatched, whatever `shade`. */
#define TS_SHADES 4
void ts_chart_paint_shade(enum ts_dev dev, int grayscale, int aggregates_only,
			  int shade, struct ts_paint *p);
/* A legend swatch of shade `shade`: the same shade and hatch on a
 * neutral grey (white with `grayscale`), for the settings' legend (it
 * names no device class). */
void ts_chart_paint_shade_key(int grayscale, int shade, struct ts_paint *p);
/* Light tint of class dev for table rows (greys with `grayscale`). */
struct ts_rgb ts_chart_tint(enum ts_dev dev, int grayscale);
/* WCAG 2 contrast ratio of two colours (1..21). */
double ts_chart_contrast(struct ts_rgb a, struct ts_rgb b);
/* Black or white, whichever reads better on `bg`. */
struct ts_rgb ts_chart_text_on(struct ts_rgb bg);

/* ====================== text measuring ====================== */

struct ts_font {
	double size;   /* points */
	int bold;
	int italic;
};

/* Logical width and height in points of `text` (UTF-8; '\n' separates
 * lines, each line is one line of the box). */
typedef void (*ts_measure_fn)(void *ctx, const char *text,
			      const struct ts_font *f, double *w, double *h);

struct ts_measure {
	ts_measure_fn fn;
	void *ctx;
};

/* Width in points of s[0..n) set in font f. */
double ts_chart_text_width(const struct ts_measure *m, const struct ts_font *f,
			   const char *s, size_t n);

/* Break `text` into lines no wider than `width` points: at spaces (which
 * are dropped) or after '_' and '/' (which stay; not after '-', which
 * joins model numbers such as "i5-1235U"), and inside a word
 * only if one word alone is wider. Returns a new string (caller frees)
 * with '\n' between lines; *lines gets the count, *split_word (may be
 * NULL) whether a word had to be cut. */
char *ts_chart_wrap(const struct ts_measure *m, const struct ts_font *f,
		    const char *text, double width, int *lines,
		    int *split_word);

/* ====================== axes ====================== */

#define TS_AXIS_MAX_TICKS 24

struct ts_axis {
	double max;        /* the axis runs from 0 (log: from min) to max */
	double step;       /* tick spacing: 1, 2, 2.5 or 5 times a power of 10
	                      (log: decades per tick, 0 = ticks at 1, 2, 5) */
	int nr_ticks;      /* ticks at 0, step, ... (<= max, <= cap) */
	double ticks[TS_AXIS_MAX_TICKS];
	int decimals;      /* digits after the point for tick labels (linear) */
	int log;           /* logarithmic: from min to max, both ticks */
	double min;        /* log: where the axis and the bars start; a
	                      scatter plot's linear axis (chart_scatter.c)
	                      may start there too (else 0) */
};

/* Choose a range from 0 covering `need` (> 0) with about `target` ticks
 * (2..TS_AXIS_MAX_TICKS - 1). max is a whole number of steps. Ticks stop
 * at `cap` when cap is finite (percentages stop at 100); above the cap
 * max is `need` itself (room for labels over a 100 % bar). */
void ts_chart_axis(double need, int target, double cap, struct ts_axis *a);

/* A logarithmic axis from a tick below `lo` (> 0, the smallest value
 * shown: at least a factor 1.5 lower, so the shortest bar is seen) to a
 * tick at or above `need`. Ticks at 1, 2 and 5 times the powers of 10
 * when at most `target` of them fit, else at powers of 10 (every k-th
 * decade when there are very many). */
void ts_chart_log_axis(double lo, double need, int target, struct ts_axis *a);

/* Where v lies on axis a, in the units of a linear axis from 0 to
 * a->max: v itself on a linear axis; on a log axis its share of the
 * decades times a->max, 0 at or below a->min (and for v <= 0). So a
 * page position is always origin + (length / a->max) * ts_chart_axis_at(). */
double ts_chart_axis_at(const struct ts_axis *a, double v);

/* Format v with the axis' decimals into buf (a log axis: as many as
 * that tick needs, "0.05", "0.1", "1", "10"). */
void ts_chart_tick_text(const struct ts_axis *a, double v, char *buf,
			size_t size);

/* Format v with three significant digits ("2900", "8.20", "0.180"). */
void ts_chart_fmt3(double v, char *buf, size_t size);

/* ====================== display list ====================== */

/* DOT: a filled circle in its box (x, y, w, h; w == h), outlined.
 * PATH: a polyline through pts (stroked, line_w wide), or with `filled`
 * the polygon they close (filled, no outline); x, y, w, h is its
 * bounding box. */
enum ts_item_kind { TS_ITEM_RECT, TS_ITEM_LINE, TS_ITEM_TEXT, TS_ITEM_DOT, TS_ITEM_PATH,
		   TS_ITEM_MARKER };

/* MARKER: a scatter plot's marker of shape `marker` centred in its box
 * (x, y, w, h; w == h), outlined dark, filled with rgb when `filled`,
 * else white (an open marker). Shapes in the order they are handed out. */
enum ts_marker {
	TS_MARK_CIRCLE, TS_MARK_SQUARE, TS_MARK_TRIANGLE, TS_MARK_DIAMOND,
	TS_MARK_TRIANGLE_DOWN, TS_MARK_PENTAGON, TS_MARK_HEXAGON, TS_MARK_STAR,
	TS_MARK_COUNT
};

enum ts_align { TS_ALIGN_LEFT, TS_ALIGN_CENTRE, TS_ALIGN_RIGHT };

/* What an item is, for tests and for the drawing order. */
enum ts_role {
	TS_ROLE_BG,        /* background, table row tint */
	TS_ROLE_SPAN,      /* a timeline's request interval, shaded */
	TS_ROLE_GRID,      /* grid lines */
	TS_ROLE_REF,       /* reference line (RTF = 1) */
	TS_ROLE_BAND,      /* a timeline's min-max envelope */
	TS_ROLE_SERIES,    /* a timeline's mean line, and its marks */
	TS_ROLE_BAR,       /* a bar */
	TS_ROLE_ERR,       /* error bar */
	TS_ROLE_DOT,       /* a forest plot's dot, over its error bar */
	TS_ROLE_AXIS,      /* axis lines, ticks, table rules */
	TS_ROLE_SWATCH,    /* legend swatch */
	TS_ROLE_TITLE,
	TS_ROLE_LEGEND,
	TS_ROLE_AXIS_LABEL,
	TS_ROLE_TICK_LABEL,
	TS_ROLE_CATEGORY,  /* tier label */
	TS_ROLE_VALUE,     /* value printed at a bar's end */
	TS_ROLE_INNER,     /* text inside a bar ("n = 29") */
	TS_ROLE_NODATA,    /* "no data" */
	TS_ROLE_REF_LABEL, /* "real time" */
	TS_ROLE_NOTE,      /* footnote */
	TS_ROLE_HEADER,    /* table header cell */
	TS_ROLE_CELL       /* table cell */
};

struct ts_item {
	enum ts_item_kind kind;
	enum ts_role role;
	long tier;            /* bar or row index, -1 for none */
	/* RECT and TEXT: top-left corner and size of the box on the page.
	 * LINE: from (x, y) to (x + w, y + h). */
	double x, y, w, h;
	struct ts_rgb rgb;    /* RECT fill, LINE stroke, TEXT colour */
	struct ts_paint paint; /* RECT only: hatch and outline */
	double line_w;        /* LINE width in points */
	int dashed;           /* LINE: dash pattern */
	int snap;             /* LINE, RECT: align to whole pixels (PNG) */
	char *text;           /* TEXT, owned; lines separated by '\n' */
	struct ts_font font;
	enum ts_align align;  /* of the lines inside the box */
	int rotated;          /* TEXT turned 90 degrees, read bottom to top */
	int halo;             /* TEXT: clear its box to white first */
	double *pts;          /* PATH: x0, y0, x1, y1, ... in points, owned */
	size_t npts;          /* PATH: points (pairs) in pts, >= 2 */
	int filled;           /* PATH: fill the closed polygon; MARKER: solid */
	enum ts_marker marker; /* MARKER: its shape */
};

/* Where a bar went (NAN value = "no data" slot). */
struct ts_bar_geom {
	double x, y, w, h;    /* the bar box (with dots: from the axis start
	                         to the dot's centre); h (or w) 0 for no data */
	double value;
};

struct ts_chart {
	double width, height;  /* canvas in points */
	struct ts_item *items; /* painted in this order */
	size_t nr, alloc;
	/* what the layout decided, for the caller and the tests */
	int horizontal;        /* bars run left to right */
	int grown;             /* height raised above the requested one */
	double plot_x, plot_y, plot_w, plot_h; /* plot area */
	struct ts_axis axis;
	struct ts_bar_geom *bars;
	size_t nr_bars;
};

void ts_chart_init(struct ts_chart *c);
/* Free every item and the bar geometry; leaves an empty chart. */
void ts_chart_release(struct ts_chart *c);

/* Append an item (copied; a TEXT item's text is duplicated). Returns it,
 * valid until the next append. */
struct ts_item *ts_chart_add(struct ts_chart *c, const struct ts_item *it);
/* Measure `text` and append it as a TEXT item at (x, y) with `align`
 * applied to x (left edge, centre or right edge). */
struct ts_item *ts_chart_text(struct ts_chart *c, const struct ts_measure *m,
			      enum ts_role role, long tier, const char *text,
			      const struct ts_font *f, struct ts_rgb rgb,
			      double x, double y, enum ts_align align);

/* Append a TEXT item reading bottom to top (a y axis label): its box's
 * left edge at x, centred on the span from top, height high. */
struct ts_item *ts_chart_text_up(struct ts_chart *c, const struct ts_measure *m,
				 enum ts_role role, const char *text, const struct ts_font *f,
				 struct ts_rgb rgb, double x, double top, double height);

/* Append a LINE item from (x, y) to (x + w, y + h), points, line_w
 * wide, snapped to the device pixels. */
struct ts_item *ts_chart_line(struct ts_chart *c, enum ts_role role, long tier,
			      double x, double y, double w, double h,
			      struct ts_rgb rgb, double line_w);

/* Append a PATH item through npts points (x, y pairs, copied); its box
 * (x, y, w, h) is their bounding box. */
struct ts_item *ts_chart_path(struct ts_chart *c, enum ts_role role, long tier,
			      const double *pts, size_t npts, int filled,
			      struct ts_rgb rgb, double line_w);

/* Sort the items into painting order (by role, stable): backgrounds,
 * grid, reference line, bars, error bars, axes, then text. */
void ts_chart_sort(struct ts_chart *c);

/* Check the rules every layout keeps: every item lies on the canvas, no
 * two text boxes overlap, no text box overlaps a bar or a legend
 * swatch (except a bar's own inner text), and every text box keeps 2 pt
 * clear of an error bar's whisker and caps (their line width included).
 * Returns 0, or -1 with the first problem described in msg. */
int ts_chart_check(const struct ts_chart *c, char *msg, size_t size);

/* ====================== common frame ====================== */

/* Title and legend at the top, footnotes at the bottom. */
struct ts_frame {
	const char *title;
	unsigned devs;              /* bits (1 << TS_DEV_x) for the legend */
	const char *other_label;    /* legend text of TS_DEV_OTHER */
	int grayscale;
	int tint_legend;            /* swatches show table row tints */
	const char *notes[4];       /* footnotes, NULL-terminated */
	/* the settings' legend of a grouped bar chart, a line of its own
	 * under the classes': "TITLE: [swatch] NAME ...", a swatch per
	 * shade (ts_chart_paint_shade_key); shades[0] NULL: none */
	const char *shade_title;
	const char *shades[TS_SHADES];  /* NULL-terminated when fewer */
	double font_size;           /* titles; small text is 1 pt less */
	double pad;                 /* canvas margin */
};

/* Lay out the title and legend from the top of a canvas `width` wide;
 * returns the y where the content may start. */
double ts_chart_frame_top(struct ts_chart *c, const struct ts_measure *m,
			  const struct ts_frame *fr);
/* Height the footnotes need at width `width` (0 without notes). */
double ts_chart_notes_height(const struct ts_measure *m,
			     const struct ts_frame *fr, double width);
/* Lay out the footnotes so that they end at the canvas bottom. */
void ts_chart_frame_notes(struct ts_chart *c, const struct ts_measure *m,
			  const struct ts_frame *fr);

/* ====================== bar charts ====================== */

struct ts_bar_spec {
	const char *label;       /* tier label (UTF-8) */
	enum ts_dev dev;
	int aggregates_only;     /* hatched: analysis_*.json only */
	double value;            /* NAN = "no data" */
	double err_lo, err_hi;   /* error bar from err_lo to err_hi (values,
	                            err_lo <= value <= err_hi; not symmetric:
	                            a Wilson interval); NAN = none */
	const char *value_text;  /* printed past the bar's end; NULL = none */
	const char *inner_text;  /* inside the bar at its base when it fits,
	                            else after value_text; NULL = none */
	size_t group;            /* with ts_bars_spec.groups: its group's
	                            index (< nr_groups); the groups are drawn
	                            in index order, a group's bars in theirs */
	int shade;               /* with groups: 0..TS_SHADES-1, its setting
	                            (ts_chart_paint_shade) */
};

/* What the bar charts of one run share, so that they lay out alike (the
 * same canvas, plot area and bars for the same tiers): an orientation,
 * and the least distance of the plot area from each canvas edge. All 0:
 * each chart its own (see ts_fig_share). */
struct ts_bars_share {
	int orient;              /* 0 choose, 1 vertical, 2 horizontal */
	double top, below, left, right;  /* points */
};

struct ts_bars_spec {
	double width, height;    /* points; height 0 = width / 1.618 */
	struct ts_bars_share share;
	struct ts_frame frame;
	const char *axis_label;  /* value axis */
	double ref;              /* dashed reference line; NAN = none */
	const char *ref_label;
	double tick_cap;         /* no tick above this; NAN = none */
	int log_axis;            /* logarithmic value axis (bars with a value
	                            > 0; others are drawn at the axis start) */
	int dots;                /* a dot at each value instead of a bar, rows
	                            always horizontal (a forest plot: the axis
	                            covers the error bars' low ends too) */
	const struct ts_bar_spec *bars;
	size_t nr;
	/* Grouped bars (--by): the bars of one group (a machine) side by
	 * side, a gap between groups, one label per group (under it, or left
	 * of its rows) instead of one per bar; each bar painted by its shade.
	 * NULL: a bar per label, as without --by. Not with dots. */
	const char *const *groups;  /* nr_groups labels */
	size_t nr_groups;
};

/* Lay out a bar chart into c (initialised, empty). Vertical bars when
 * every label fits its slot in two lines (grouped: every group's label
 * fits its group in two lines and every bar's value its slot), else
 * horizontal bars (or what
 * s->share.orient says); the plot area keeps at least s->share's
 * distances from the edges; the height grows when the rows need it
 * (c->grown). Returns 0, or -1 when the canvas is too small to hold
 * anything, or the labels do not fit the orientation asked for (nothing
 * reported). */
int ts_chart_bars(struct ts_chart *c, const struct ts_bars_spec *s,
		  const struct ts_measure *m);

/* ====================== tables ====================== */

struct ts_table_spec {
	double width;             /* points; the height is what it needs */
	struct ts_frame frame;
	size_t nr_cols;
	const char *const *headers;  /* nr_cols */
	const int *numeric;          /* nr_cols: right aligned, never wrapped */
	size_t nr_rows;
	const char *const *cells;    /* nr_rows * nr_cols, row-major */
	const enum ts_dev *row_dev;  /* nr_rows: row tint */
};

/* Lay out a table into c; long cells wrap inside their column. Returns
 * 0, or -1 when the columns cannot fit the width (nothing reported). */
int ts_chart_table(struct ts_chart *c, const struct ts_table_spec *s,
		   const struct ts_measure *m);

/* ====================== timelines ====================== */

/* One bucket of an envelope: t its middle in seconds since the run's
 * start, lo and hi the least and greatest sample, mean their mean (all
 * in the panel's unit; NAN: an empty bucket). */
struct ts_tl_point {
	double t, lo, hi, mean;
	long long n;       /* samples in the bucket (for the figure's data) */
};

/* A stretch of a run covered by requests: from t0 to t1 seconds since
 * the run's start, with TS_TL_* flags of timeline.h (FAILED: a failed
 * request is among them; THROTTLE: one with throttle_detected). */
struct ts_tl_span {
	double t0, t1;
	unsigned flags;
};

struct ts_tl_run_spec {
	double duration;             /* seconds, >= 0 */
	const char *head;            /* over the run ("Run 2 · 2025-11-08
	                                16:20 UTC"); NULL = none */
	const char *short_head;      /* when head does not fit ("16:20") */
	const struct ts_tl_span *spans;
	size_t nr_spans;
};

/* One panel: a quantity over the runs (series[r] for run r; n 0 = no
 * samples in that run). */
struct ts_tl_panel_spec {
	const char *axis_label;      /* "Memory (GiB)" */
	double need;                 /* the y axis reaches at least this */
	double width_s;              /* the widest bucket, for the band */
	struct ts_tl_series {
		const struct ts_tl_point *p;
		size_t n;
		double bucket_s;     /* this run's bucket width, seconds */
	} const *series;
	int throttle;                /* mark THROTTLE spans at its foot */
};

/* A block of stacked panels sharing one time axis: the runs side by
 * side, each in a slot as wide as its share of the time (at least a
 * quarter of an equal share), a break between slots. */
struct ts_tl_block_spec {
	const char *title;           /* over the block (fig5: the tier);
	                                NULL = none */
	const char *empty;           /* no runs: this text in the block */
	struct ts_rgb line, band;    /* the mean line and the band */
	int grayscale;
	size_t nr_runs;
	const struct ts_tl_run_spec *runs;
	size_t nr_panels;
	const struct ts_tl_panel_spec *panels;
	double panel_h;              /* points per panel */
	int y_label;                 /* draw the panels' axis labels */
	const char *time_label;      /* under the time axis; NULL = none */
	double time_unit;            /* seconds per unit of the tick labels */
};

/* A timeline figure: one block (timeline_<key>) or a grid of blocks of
 * one panel each (fig5_memory_timeline: every block's panel gets the
 * same y axis, the largest need of all). */
struct ts_timeline_spec {
	double width;                /* points; the height is what it needs */
	struct ts_frame frame;
	size_t nr_blocks;
	const struct ts_tl_block_spec *blocks;
	size_t cols;                 /* blocks per row */
	int legend;                  /* say what band, line and shades are */
};

/* The time unit for runs up to `longest` seconds: 1 (s) up to 3 min,
 * 60 (min) up to 3 h, else 3600 (h); *name gets "s", "min" or "h". */
double ts_chart_time_unit(double longest, const char **name);

/* Lay out a timeline figure into c (initialised, empty). Returns 0, or
 * -1 when the width cannot hold the panels (nothing reported). */
int ts_chart_timeline(struct ts_chart *c, const struct ts_timeline_spec *s,
		      const struct ts_measure *m);

/* ====================== scatter plots ====================== */

/* One series (a tier): its points, its marker, and a fitted line
 * y = intercept + slope x drawn from x = line_x0 to line_x1 (a curve on
 * log axes: sampled). Points outside the axes' range are left out. */
struct ts_scatter_series {
	const char *label;           /* legend text (UTF-8) */
	enum ts_dev dev;             /* colour: ts_chart_paint's fill */
	enum ts_marker marker;
	int open;                    /* white fill (more series than shapes) */
	const double *x, *y;         /* n points */
	size_t n;
	int has_line;
	double slope, intercept, line_x0, line_x1;
	const char *legend_note;     /* after the label ("no line"); NULL none */
};

struct ts_scatter_spec {
	double width, height;        /* points; height 0 = width / 1.618 */
	struct ts_frame frame;       /* frame.devs is ignored: the legend
	                                names each series with its marker */
	const char *x_label, *y_label;
	const struct ts_scatter_series *series;
	size_t nr;
};

/* Lay out a scatter plot into c (initialised, empty): the legend (one
 * entry per series, its marker and label) under the title, an x and a y
 * axis, each logarithmic when the positive values it shows span more
 * than two decades (max > 100 min, all > 0), else linear: from 0 when
 * the least value is below a third of the greatest, else from the tick
 * at or below it (the axis' min); the
 * markers, then the lines. The height grows when the legend needs it
 * (c->grown); c->axis is the y axis. Returns 0, or -1 when the canvas
 * is too small (nothing reported). */
int ts_chart_scatter(struct ts_chart *c, const struct ts_scatter_spec *s,
		     const struct ts_measure *m);
/* Is that axis (x_axis 1: x, 0: y) of s logarithmic? (The rule above;
 * for captions and notes.) */
int ts_chart_scatter_log(const struct ts_scatter_spec *s, int x_axis);

/* ====================== forest plots ====================== */

/* Ratios with their intervals, in panels side by side that share the
 * rows, each panel with its own log axis and a dashed line at `ref`
 * (chart_forest.c): fig7_setting_effect, a panel per metric. */
#define TS_FOREST_PANELS 3
struct ts_forest_row {
	const char *label;           /* at the left (UTF-8; wrapped) */
	enum ts_dev dev;             /* the dots' paint */
	const char *note;            /* drawn across the panels instead of
	                                dots ("not measured (only INT8)");
	                                NULL: the dots */
	double value[TS_FOREST_PANELS];          /* per panel; not > 0: "no data" */
	double lo[TS_FOREST_PANELS], hi[TS_FOREST_PANELS]; /* the whisker; NAN none */
	int first_of_group;          /* a thin rule above it (not the first row) */
};

struct ts_forest_spec {
	double width;                /* points; the height is what the rows need */
	struct ts_frame frame;
	size_t nr_panels;            /* 1..TS_FOREST_PANELS */
	const char *panel_title[TS_FOREST_PANELS];
	const char *axis_label;      /* under the panels; NULL = none */
	double ref;                  /* the dashed line (> 0) */
	const struct ts_forest_row *rows;
	size_t nr;
};

/* Lay out a forest plot into c (initialised, empty). Returns 0, or -1
 * when the width cannot hold the panels (nothing reported). */
int ts_chart_forest(struct ts_chart *c, const struct ts_forest_spec *s,
		    const struct ts_measure *m);

#endif /* TS_CHART_H */
