/* test_segments.c - a big realtime file read in segments (load.h) gives
 * what reading it whole gives.
 *
 * The test build cuts every TS_RT_SEGMENT = 64 bytes, so a file of a few
 * kilobytes has dozens of segments. Thousands of generated files (good
 * rows mostly; now and then a bad value, a short row, a blank line, a
 * quoted field, a lone CR, a timestamp going back, a missing newline at
 * the end) are read both ways: whole (ts_load_realtime_parse) and as the
 * main thread does with segments (ts_load_realtime_segment for each, then
 * ts_load_realtime_merge, or whole again when it refuses). The messages
 * must be the same bytes and the aggregates the same numbers.
 */
#include "ts.h"
#include "testutil.h"
#include "load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Messages of one read, in memory. */
struct said {
	char *text;
	size_t len;
	FILE *fp;
	struct ts_diag d;
};

static void said_open(struct said *s)
{
	memset(s, 0, sizeof(*s));
	s->fp = open_memstream(&s->text, &s->len);
	assert_non_null(s->fp);
	ts_diag_init(&s->d, s->fp);
}

static void said_close(struct said *s)
{
	fclose(s->fp);
	s->fp = NULL;
	s->d.out = NULL;
}

static unsigned long long rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* A realtime file of about `rows` rows; `odd` in 1000 rows are odd. */
static size_t make_file(char *buf, size_t cap, int rows, unsigned odd)
{
	size_t n = 0;
	double t = 1762000000.0;
	/* 100 ms samples, or far apart: the envelopes coarsen (up to 8 s) */
	double step = rnd(3) == 0 ? 61.25 : 0.1;
	const char *eol = rnd(4) ? "\r\n" : "\n";

	n += (size_t)snprintf(buf + n, cap - n,
			      "timestamp,cpu_percent,memory_mb,memory_percent,gpu_memory_mb,gpu_percent,temperature_c%s",
			      eol);
	for (int i = 0; i < rows && n + 200 < cap; i++) {
		unsigned what = rnd(1000) < odd ? rnd(9) : 99;
		t += step;
		switch (what) {
		case 0: n += (size_t)snprintf(buf + n, cap - n, "%.7f,lots,2000.5,12.5,,,61.0%s", t, eol); break;
		case 1: n += (size_t)snprintf(buf + n, cap - n, "%.7f,10.5%s", t, eol); break;
		case 2: n += (size_t)snprintf(buf + n, cap - n, "%s", eol); break;
		case 3: n += (size_t)snprintf(buf + n, cap - n, "%.7f,\"1%s2\",2000.5,12.5,,,61.0%s", t, eol, eol); break;
		case 4: n += (size_t)snprintf(buf + n, cap - n, "%.7f,10.5,2000.5,12.5,,,61.0\r", t); break;
		case 5: n += (size_t)snprintf(buf + n, cap - n, "%.7f,10.5,2000.5,12.5,,,61.0%s", t - 7.0, eol); break;
		case 6: n += (size_t)snprintf(buf + n, cap - n, ",,,,,,%s", eol); break;
		case 7: n += (size_t)snprintf(buf + n, cap - n, "%.7f,inf,2000.5,12.5,,,61.0%s", t, eol); break;
		case 8: n += (size_t)snprintf(buf + n, cap - n, "oops,10.5,2000.5,12.5,,,61.0%s", eol); break;
		default:
			n += (size_t)snprintf(buf + n, cap - n, "%.7f,%.1f,%.8f,%.14f,%.3f,%u,%.2f%s", t,
					      rnd(8000) / 10.0, 2000 + rnd(100000) / 64.0,
					      rnd(1000000) / 7.0, 1500 + rnd(100000) / 7.0, rnd(101),
					      40 + rnd(200) / 8.0, eol);
		}
	}
	if (rnd(8) == 0 && n > 2)   /* no line end after the last row */
		n -= buf[n - 2] == '\r' ? 2 : 1;
	return n;
}

static void assert_same_number(double a, double b)
{
	if (isnan(a) || isnan(b))
		assert_true(isnan(a) && isnan(b));
	else
		assert_double_rel(a, b, 1e-15);
}

/* Read `in` as ingest.c does with segments. */
static void read_in_segments(const struct ts_input *in, struct ts_rt_parsed *out,
			     struct said *s, int *merged)
{
	long long cuts[4096];
	size_t nc = ts_load_rt_cuts(in, cuts, 4096);
	struct ts_rt_parsed *seg = calloc(nc + 1, sizeof(*seg));
	struct ts_rt_parsed **p = calloc(nc + 1, sizeof(*p));
	struct said later;

	assert_non_null(seg);
	assert_non_null(p);
	for (size_t k = 0; k <= nc; k++) {
		long long start = k ? cuts[k - 1] : 0, end = k < nc ? cuts[k] : 0;
		p[k] = &seg[k];
		if (k == 0) {
			ts_load_realtime_segment(in, start, end, &seg[k], &s->d);
		} else {   /* a later segment's messages are its own */
			said_open(&later);
			ts_load_realtime_segment(in, start, end, &seg[k], &later.d);
			said_close(&later);
			if (seg[k].quiet)
				assert_int_equal(later.len, 0);
			free(later.text);
		}
	}
	*merged = ts_load_realtime_merge(in, p, nc + 1, &s->d) == 0;
	for (size_t k = 1; k <= nc; k++)   /* merged into seg[0], or not wanted */
		ts_rt_parsed_release(&seg[k]);
	if (*merged) {
		*out = seg[0];
	} else {   /* whole again: nothing of the segments is said */
		ts_rt_parsed_release(&seg[0]);
		said_close(s);
		free(s->text);
		said_open(s);
		ts_load_realtime_parse(in, 0, out, &s->d);
	}
	free(seg);
	free(p);
}

static void test_segments_same_as_whole(void **state)
{
	char *dir = tu_mkdtemp(), path[4096];
	static char buf[64 << 10];
	int merged_some = 0, refused_some = 0, coarsened = 0, enveloped = 0;
	char rel[] = "realtime_seg_20251101.csv", tier[] = "seg", stem[] = "seg_20251101";

	(void)state;
	rnd_state = 2025;
	tu_pathf(path, sizeof(path), "%s/%s", dir, rel);
	for (int f = 0; f < 1500; f++) {
		struct ts_input in;
		struct ts_rt_parsed whole, parts;
		struct said a, b;
		int merged;
		size_t n = make_file(buf, sizeof(buf), 10 + rnd(200), f % 3 == 0 ? 0 : rnd(40));

		tu_write_file(dir, rel, buf, n);
		memset(&in, 0, sizeof(in));
		in.path = path;
		in.rel = rel;
		in.kind = TS_KIND_REALTIME;
		in.tier = tier;
		in.stem = stem;
		in.size = (long long)n;

		said_open(&a);
		ts_load_realtime_parse(&in, 0, &whole, &a.d);
		said_close(&a);
		said_open(&b);
		read_in_segments(&in, &parts, &b, &merged);
		said_close(&b);
		merged_some += merged;
		refused_some += !merged;

		if (a.len != b.len || memcmp(a.text, b.text, a.len) != 0)
			fail_msg("file %d: whole said\n%.*s\nin segments%s said\n%.*s", f,
				 (int)a.len, a.text, merged ? "" : " (then whole)", (int)b.len, b.text);
		assert_int_equal(a.d.n.note, b.d.n.note);
		assert_int_equal(a.d.n.warning, b.d.n.warning);
		assert_int_equal(a.d.n.rows, b.d.n.rows);
		assert_int_equal(a.d.n.cells, b.d.n.cells);
		assert_int_equal(whole.ok, parts.ok);
		assert_int_equal(whole.rows_used, parts.rows_used);
		assert_int_equal(whole.rows_skipped, parts.rows_skipped);
		assert_int_equal(whole.agg.samples, parts.agg.samples);
		assert_int_equal(whole.agg.col[TS_RC_CPU_PERCENT].n, parts.agg.col[TS_RC_CPU_PERCENT].n);
		assert_same_number(whole.agg.col[TS_RC_TIMESTAMP].min, parts.agg.col[TS_RC_TIMESTAMP].min);
		assert_same_number(whole.agg.col[TS_RC_TIMESTAMP].max, parts.agg.col[TS_RC_TIMESTAMP].max);
		assert_same_number(whole.agg.col[TS_RC_CPU_PERCENT].sum, parts.agg.col[TS_RC_CPU_PERCENT].sum);
		assert_same_number(whole.agg.col[TS_RC_CPU_PERCENT].max, parts.agg.col[TS_RC_CPU_PERCENT].max);
		assert_same_number(whole.agg.col[TS_RC_MEMORY_MB].max, parts.agg.col[TS_RC_MEMORY_MB].max);
		assert_same_number(whole.agg.col[TS_RC_TEMPERATURE_C].max, parts.agg.col[TS_RC_TEMPERATURE_C].max);
		/* the envelopes over time: identical buckets, bit for bit */
		for (int c = 0; c < TS_RC_COUNT; c++) {
			if (!(ts_realtime_cols[c].aggs & TS_AGG_ENV))
				continue;
			if (!ts_env_equal(&whole.env[c], &parts.env[c]))
				fail_msg("file %d: the envelopes of %s differ (scale %d/%d, %zu/%zu buckets)",
					 f, ts_realtime_cols[c].name, whole.env[c].scale, parts.env[c].scale,
					 whole.env[c].nr, parts.env[c].nr);
			assert_int_equal(whole.env[c].samples, parts.env[c].samples);
			coarsened += whole.env[c].scale > TS_ENV_MIN_SCALE;
			enveloped += whole.env[c].samples > 0;
		}
		ts_rt_parsed_release(&whole);
		ts_rt_parsed_release(&parts);
		free(a.text);
		free(b.text);
	}
	/* both ways out of the merge were taken, many times */
	assert_true(merged_some > 300);
	assert_true(refused_some > 300);
	/* and the envelopes were there, some of them coarsened */
	assert_true(enveloped > 3000);
	assert_true(coarsened > 500);
	tu_rmtree(dir);
	free(dir);
}

static void test_cuts(void **state)
{
	char *dir = tu_mkdtemp(), path[4096], text[2048];
	char rel[] = "realtime_c_20251101.csv";
	struct ts_input in;
	long long cuts[64];
	size_t n, len = 0;

	(void)state;
	memset(&in, 0, sizeof(in));
	tu_pathf(path, sizeof(path), "%s/%s", dir, rel);
	in.path = path;
	in.rel = rel;
	len += (size_t)snprintf(text, sizeof(text), "timestamp,cpu_percent\n");
	for (int i = 0; i < 60; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%d.5,%d\n", 1762000000 + i, i);
	tu_write_file(dir, rel, text, len);
	in.size = (long long)len;
	n = ts_load_rt_cuts(&in, cuts, 64);
	assert_true(n > 5);
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(text[cuts[k] - 1], '\n');       /* just after a line end */
		assert_true(cuts[k] > 22);                         /* after the header */
		assert_true(k == 0 || cuts[k] > cuts[k - 1]);
		assert_true(cuts[k] <= (long long)len - TS_RT_SEGMENT / 2);
	}
	assert_int_equal(ts_load_rt_cuts(&in, cuts, 2), 2);   /* at most max */
	/* a quote in the header, a header ended by a lone CR (its "line"
	 * would hold a data row too), or no line end at all: read whole */
	text[3] = '"';
	tu_write_file(dir, rel, text, len);
	assert_int_equal(ts_load_rt_cuts(&in, cuts, 64), 0);
	text[3] = 'e';
	text[21] = '\r';
	tu_write_file(dir, rel, text, len);
	assert_int_equal(ts_load_rt_cuts(&in, cuts, 64), 0);
	text[21] = '\n';
	/* a blank first line: the header is the next one */
	tu_write_file(dir, rel, text + 21, len - 21);
	in.size = (long long)(len - 21);
	assert_int_equal(ts_load_rt_cuts(&in, cuts, 64), 0);
	in.size = (long long)len;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			text[i] = '\r';
	tu_write_file(dir, rel, text, len);
	assert_int_equal(ts_load_rt_cuts(&in, cuts, 64), 0);
	/* too small to cut */
	in.size = TS_RT_SEGMENT;
	assert_int_equal(ts_load_rt_cuts(&in, cuts, 64), 0);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cuts),
		cmocka_unit_test(test_segments_same_as_whole),
	};

	return cmocka_run_group_tests_name("segments", tests, NULL, NULL);
}
