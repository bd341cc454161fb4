/* test_scan.c - file-name classification and the folder walk (scan.h). */
#include "ts.h"
#include "testutil.h"
#include "scan.h"

#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- ts_scan_parse_name ------------------------------------------------ */

static void expect_name(const char *base, enum ts_kind kind, const char *tier,
			const char *stamp)
{
	char *t = (char *)"unset", *s = (char *)"unset";
	struct ts_name_why why;
	enum ts_kind k = ts_scan_parse_name(base, &t, &s, &why);

	if (k != kind)
		print_error("'%s': kind %d, want %d (%s)\n", base, (int)k, (int)kind, why.text);
	assert_int_equal(k, kind);
	if (kind != TS_KIND_OTHER) {
		assert_int_equal(why.problem, TS_NAME_OK);
		assert_string_equal(why.text, "");
	}
	if (tier) {
		assert_non_null(t);
		assert_string_equal(t, tier);
	} else {
		assert_null(t);
	}
	if (stamp) {
		assert_non_null(s);
		assert_string_equal(s, stamp);
	} else {
		assert_null(s);
	}
	free(t);
	free(s);
}

/* base is not an input name, for `problem`, worded exactly as `text`. */
static void expect_why(const char *base, enum ts_name_problem problem,
		       const char *text)
{
	char *t = (char *)"unset", *s = (char *)"unset";
	struct ts_name_why why;
	enum ts_kind k = ts_scan_parse_name(base, &t, &s, &why);

	if (k != TS_KIND_OTHER || why.problem != problem || strcmp(why.text, text) != 0)
		print_error("'%s': kind %d, problem %d '%s'; want problem %d '%s'\n",
			    base, (int)k, (int)why.problem, why.text, (int)problem, text);
	assert_int_equal(k, TS_KIND_OTHER);
	assert_int_equal(why.problem, problem);
	assert_string_equal(why.text, text);
	assert_null(t);
	assert_null(s);
}

static void test_parse_inputs(void **state)
{
	(void)state;
	expect_name("synthesis_intel_i5_20251107_223045.csv", TS_KIND_SYNTHESIS,
		    "intel_i5", "20251107_223045");
	expect_name("synthesis_nvidia_rtx3060_20251109.csv", TS_KIND_SYNTHESIS,
		    "nvidia_rtx3060", "20251109");
	expect_name("realtime_xeon_gold_6130_2_20251109_201455.csv", TS_KIND_REALTIME,
		    "xeon_gold_6130_2", "20251109_201455");
	expect_name("realtime_intel_i5_20251107.csv", TS_KIND_REALTIME,
		    "intel_i5", "20251107");
	expect_name("hardware_specs_m1_air.json", TS_KIND_SPECS, "m1_air", NULL);
	expect_name("analysis_amd_ryzen5.json", TS_KIND_ANALYSIS, "amd_ryzen5", NULL);
	/* one-letter tier; tiers ending in digit groups */
	expect_name("synthesis_x_20251107.csv", TS_KIND_SYNTHESIS, "x", "20251107");
	expect_name("synthesis_box_12345678_20251107.csv", TS_KIND_SYNTHESIS,
		    "box_12345678", "20251107");
	expect_name("synthesis_box_20251107_123456.csv", TS_KIND_SYNTHESIS,
		    "box", "20251107_123456");
	expect_name("synthesis_gpu_2_20251107_000000.csv", TS_KIND_SYNTHESIS,
		    "gpu_2", "20251107_000000");
	/* a tier of digits only, a tier that is itself a date, a tier ending
	 * in a group of 6 digits */
	expect_name("synthesis_12345678_20251107.csv", TS_KIND_SYNTHESIS,
		    "12345678", "20251107");
	expect_name("realtime_20251107_20251108_010203.csv", TS_KIND_REALTIME,
		    "20251107", "20251108_010203");
	expect_name("synthesis_rig_123456_20251107.csv", TS_KIND_SYNTHESIS,
		    "rig_123456", "20251107");
	/* the tier is free text: case, spaces, dots are its own */
	expect_name("synthesis_Lab PC.2_20251107.csv", TS_KIND_SYNTHESIS,
		    "Lab PC.2", "20251107");
	expect_name("hardware_specs_M1.json", TS_KIND_SPECS, "M1", NULL);
}

/* Leap years (Gregorian: every 4th, not every 100th, every 400th) and
 * the last day of each month. */
static void test_parse_dates(void **state)
{
	static const char *const real[] = {
		"20240229", "20000229", "16000229", "20250131", "20250228",
		"20250331", "20250430", "20250531", "20250630", "20250731",
		"20250831", "20250930", "20251031", "20251130", "20251231",
		"20250101", "00010101", "99991231",
	};
	char name[64], want[128];

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(real); i++) {
		snprintf(name, sizeof(name), "synthesis_x_%s.csv", real[i]);
		expect_name(name, TS_KIND_SYNTHESIS, "x", real[i]);
	}
	expect_why("synthesis_x_20230229.csv", TS_NAME_BAD_DATE,
		   "20230229 is not a date: February 2023 has 28 days");
	expect_why("synthesis_x_21000229.csv", TS_NAME_BAD_DATE,
		   "21000229 is not a date: February 2100 has 28 days");
	expect_why("synthesis_x_19000229.csv", TS_NAME_BAD_DATE,
		   "19000229 is not a date: February 1900 has 28 days");
	expect_why("synthesis_x_20240230.csv", TS_NAME_BAD_DATE,
		   "20240230 is not a date: February 2024 has 29 days");
	expect_why("synthesis_x_20250230.csv", TS_NAME_BAD_DATE,
		   "20250230 is not a date: February 2025 has 28 days");
	expect_why("realtime_x_20251131_120000.csv", TS_NAME_BAD_DATE,
		   "20251131 is not a date: November 2025 has 30 days");
	expect_why("synthesis_x_20250432.csv", TS_NAME_BAD_DATE,
		   "20250432 is not a date: April 2025 has 30 days");
	expect_why("synthesis_x_20250132.csv", TS_NAME_BAD_DATE,
		   "20250132 is not a date: January 2025 has 31 days");
	expect_why("synthesis_x_20251100.csv", TS_NAME_BAD_DATE,
		   "20251100 is not a date: there is no day 00");
	expect_why("synthesis_lab_20251332.csv", TS_NAME_BAD_DATE,
		   "20251332 is not a date: there is no month 13");
	expect_why("synthesis_x_20251301.csv", TS_NAME_BAD_DATE,
		   "20251301 is not a date: there is no month 13");
	expect_why("synthesis_x_20250001.csv", TS_NAME_BAD_DATE,
		   "20250001 is not a date: there is no month 00");
	/* a tier ending in 8 digits does not rescue a bad date after it */
	expect_why("synthesis_x_20251107_20251399.csv", TS_NAME_BAD_DATE,
		   "20251399 is not a date: there is no month 13");
	/* every month's day after the last */
	for (int m = 1; m <= 12; m++) {
		static const int last[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		static const char *const names[12] = {
			"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December",
		};
		snprintf(name, sizeof(name), "realtime_x_2025%02d%02d.csv", m, last[m - 1] + 1);
		snprintf(want, sizeof(want), "2025%02d%02d is not a date: %s 2025 has %d days",
			 m, last[m - 1] + 1, names[m - 1], last[m - 1]);
		expect_why(name, TS_NAME_BAD_DATE, want);
	}
}

static void test_parse_times(void **state)
{
	(void)state;
	expect_name("synthesis_x_20251101_000000.csv", TS_KIND_SYNTHESIS, "x", "20251101_000000");
	expect_name("synthesis_x_20251101_235959.csv", TS_KIND_SYNTHESIS, "x", "20251101_235959");
	expect_name("realtime_x_20251101_230000.csv", TS_KIND_REALTIME, "x", "20251101_230000");
	expect_name("realtime_x_20251101_005900.csv", TS_KIND_REALTIME, "x", "20251101_005900");
	expect_name("realtime_x_20251101_000059.csv", TS_KIND_REALTIME, "x", "20251101_000059");
	expect_why("synthesis_x_20251101_250000.csv", TS_NAME_BAD_TIME,
		   "250000 is not a time: there is no hour 25");
	expect_why("synthesis_x_20251101_240000.csv", TS_NAME_BAD_TIME,
		   "240000 is not a time: there is no hour 24");
	expect_why("synthesis_x_20251101_236000.csv", TS_NAME_BAD_TIME,
		   "236000 is not a time: there is no minute 60");
	expect_why("realtime_x_20251101_235960.csv", TS_NAME_BAD_TIME,
		   "235960 is not a time: there is no second 60");
	expect_why("realtime_x_20251101_009999.csv", TS_NAME_BAD_TIME,
		   "009999 is not a time: there is no minute 99");
	/* the date is checked first */
	expect_why("synthesis_x_20251301_250000.csv", TS_NAME_BAD_DATE,
		   "20251301 is not a date: there is no month 13");
}

#define SYN_FORM "synthesis_<tier>_<YYYYMMDD>[_<HHMMSS>].csv"

static void test_parse_near_misses(void **state)
{
	(void)state;
	/* case of the prefix or the extension */
	expect_why("Synthesis_lab_20251101.CSV", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'synthesis_lab_20251101.csv'?");
	expect_why("Synthesis_x_20251107.csv", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'synthesis_x_20251107.csv'?");
	expect_why("synthesis_x_20251107.CSV", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'synthesis_x_20251107.csv'?");
	expect_why("REALTIME_x_20251107.Csv", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'realtime_x_20251107.csv'?");
	expect_why("analysis_x.Json", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'analysis_x.json'?");
	expect_why("Hardware_Specs_m1.JSON", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'hardware_specs_m1.json'?");
	/* the tier keeps its case in the suggestion */
	expect_why("SYNTHESIS_A_20251101.csv", TS_NAME_CASE,
		   "not a metrics file name: names are lower case; "
		   "did you mean 'synthesis_A_20251101.csv'?");
	/* likely typos of a prefix */
	expect_why("hardware_spec_m1.json", TS_NAME_PREFIX,
		   "not a metrics file name; did you mean 'hardware_specs_m1.json'?");
	expect_why("hardware-specs_m1.json", TS_NAME_PREFIX,
		   "not a metrics file name; did you mean 'hardware_specs_m1.json'?");
	expect_why("Hardware-Spec_m1.json", TS_NAME_PREFIX,
		   "not a metrics file name; did you mean 'hardware_specs_m1.json'?");
	expect_why("hardwarespecs_m1.json", TS_NAME_PREFIX,
		   "not a metrics file name; did you mean 'hardware_specs_m1.json'?");
	expect_why("real_time_x_20251101.csv", TS_NAME_PREFIX,
		   "not a metrics file name; did you mean 'realtime_x_20251101.csv'?");
	expect_why("synthesis-x_20251101.csv", TS_NAME_PREFIX,
		   "not a metrics file name; did you mean 'synthesis_x_20251101.csv'?");
	/* a near miss whose stamp is wrong too: the stamp is said */
	expect_why("Synthesis_lab_20251332.CSV", TS_NAME_BAD_DATE,
		   "20251332 is not a date: there is no month 13");
	expect_why("hardware_spec_.json", TS_NAME_NO_TIER,
		   "no tier in the name: expected hardware_specs_<tier>.json");
	/* the other extension */
	expect_why("synthesis_x_20251107.json", TS_NAME_EXT,
		   "synthesis files are .csv: expected " SYN_FORM);
	expect_why("hardware_specs_m1.csv", TS_NAME_EXT,
		   "hardware_specs files are .json: expected hardware_specs_<tier>.json");
	expect_why("Analysis_x.CSV", TS_NAME_EXT,
		   "analysis files are .json: expected analysis_<tier>.json");
	/* the stamp: missing, wrong length, wrong separator */
	expect_why("synthesis_intel_i5.csv", TS_NAME_NO_DATE,
		   "no date in the name: expected " SYN_FORM);
	expect_why("realtime_x.csv", TS_NAME_NO_DATE,
		   "no date in the name: expected realtime_<tier>_<YYYYMMDD>[_<HHMMSS>].csv");
	expect_why("synthesis_x_2025110a.csv", TS_NAME_NO_DATE,
		   "no date in the name: expected " SYN_FORM);
	expect_why("synthesis_x-20251107.csv", TS_NAME_NO_DATE,
		   "no date in the name: expected " SYN_FORM);
	expect_why("synthesis_x_20251107_.csv", TS_NAME_NO_DATE,
		   "no date in the name: expected " SYN_FORM);
	expect_why("synthesis_.csv", TS_NAME_NO_DATE,
		   "no date in the name: expected " SYN_FORM);
	expect_why("synthesis_x_2025110.csv", TS_NAME_DATE_LENGTH,
		   "2025110 is not a date: a date is 8 digits, YYYYMMDD");
	expect_why("synthesis_x_202511070.csv", TS_NAME_DATE_LENGTH,
		   "202511070 is not a date: a date is 8 digits, YYYYMMDD");
	expect_why("synthesis_x_251107.csv", TS_NAME_DATE_LENGTH,
		   "251107 is not a date: a date is 8 digits, YYYYMMDD");
	expect_why("synthesis_x_20251107_22304.csv", TS_NAME_TIME_LENGTH,
		   "22304 is not a time: a time is 6 digits, HHMMSS");
	expect_why("synthesis_x_20251107_2230455.csv", TS_NAME_TIME_LENGTH,
		   "2230455 is not a time: a time is 6 digits, HHMMSS");
	/* an empty tier: after the prefix's underscore, the date comes at
	 * once, with or without a second underscore */
	expect_why("synthesis__20251107.csv", TS_NAME_NO_TIER,
		   "no tier in the name: expected " SYN_FORM);
	expect_why("synthesis_20251107.csv", TS_NAME_NO_TIER,
		   "no tier in the name: expected " SYN_FORM);
	expect_why("realtime_20251107_120000.csv", TS_NAME_NO_TIER,
		   "no tier in the name: expected realtime_<tier>_<YYYYMMDD>[_<HHMMSS>].csv");
	expect_why("synthesis__20251107_120000.csv", TS_NAME_NO_TIER,
		   "no tier in the name: expected " SYN_FORM);
	expect_why("hardware_specs_.json", TS_NAME_NO_TIER,
		   "no tier in the name: expected hardware_specs_<tier>.json");
	expect_why("analysis_.json", TS_NAME_NO_TIER,
		   "no tier in the name: expected analysis_<tier>.json");
	/* .csv or .json near no pattern */
	expect_why("notes.csv", TS_NAME_UNKNOWN, "not a metrics file name");
	expect_why("hardware_metadata.json", TS_NAME_UNKNOWN, "not a metrics file name");
	expect_why("x.CSV", TS_NAME_UNKNOWN, "not a metrics file name");
	expect_why("synthesis.csv", TS_NAME_UNKNOWN, "not a metrics file name");
	expect_why("hardware_x.json", TS_NAME_UNKNOWN, "not a metrics file name");
	/* any other extension: nothing to say */
	expect_why("synthesis_x_20251107.csv.bak", TS_NAME_OTHER, "");
	expect_why("synthesis_x_20251107.csv~", TS_NAME_OTHER, "");
	expect_why("analysis_x.json.tmp", TS_NAME_OTHER, "");
	expect_why("Synthesis_x_20251107.txt", TS_NAME_OTHER, "");
	expect_why("README.md", TS_NAME_OTHER, "");
	expect_why("fig1.png", TS_NAME_OTHER, "");
	expect_why("csv", TS_NAME_OTHER, "");
	expect_why("", TS_NAME_OTHER, "");
}

/* stamp and why may be NULL when only the tier is wanted. */
static void test_parse_stamp_optional(void **state)
{
	char *t = NULL;

	(void)state;
	assert_int_equal(ts_scan_parse_name("synthesis_a_b_20251107.csv", &t, NULL, NULL),
			 TS_KIND_SYNTHESIS);
	assert_string_equal(t, "a_b");
	free(t);
	t = NULL;
	assert_int_equal(ts_scan_parse_name("realtime_a.csv", &t, NULL, NULL), TS_KIND_OTHER);
	assert_null(t);
	assert_int_equal(ts_scan_parse_name("synthesis_a_20251332.csv", &t, NULL, NULL),
			 TS_KIND_OTHER);
	assert_null(t);
}

static void test_own_output(void **state)
{
	static const char *const own[] = {
		"hardware_metadata.json", "fig1_memory_comparison.png",
		"fig1_memory_comparison.pdf", "fig2_rtf_comparison.svg",
		"fig3_success_rate.png", "fig_hardware_summary.pdf",
		".tierstat-hardware_metadata.json.AbC123",
		".tierstat-fig1_memory_comparison.png.XXXXXX",
	};
	static const char *const not_own[] = {
		"synthesis_x_20251107.csv", "hardware_specs_x.json",
		"analysis_x.json", "fig4_other.png", "fig1_memory_comparison",
		"my_hardware_metadata.json", "tierstat-x", ".tierstat", "README.txt",
		"notes.csv", "",
	};

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(own); i++) {
		if (!ts_scan_is_own_output(own[i]))
			print_error("'%s' not own output\n", own[i]);
		assert_true(ts_scan_is_own_output(own[i]));
	}
	for (size_t i = 0; i < TS_COUNTOF(not_own); i++) {
		if (ts_scan_is_own_output(not_own[i]))
			print_error("'%s' taken for own output\n", not_own[i]);
		assert_false(ts_scan_is_own_output(not_own[i]));
	}
}

/* --- ts_scan_dir ------------------------------------------------------- */

struct tree {
	char *tmp;      /* mkdtemp: holds m/ and the folders beside it */
	char root[PATH_MAX];     /* tmp/m, as given to ts_scan_dir */
	char resolved[PATH_MAX]; /* realpath(root) */
	struct ts_inputs in;
	struct tu_diag diag;
};

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	t->tmp = tu_mkdtemp();
	tu_pathf(t->root, sizeof(t->root), "%s/m", t->tmp);
	assert_int_equal(mkdir(t->root, 0755), 0);
	assert_non_null(realpath(t->root, t->resolved));
	tu_diag_init(&t->diag);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;

	ts_inputs_release(&t->in);
	tu_diag_release(&t->diag);
	/* a folder left at mode 000 by a test */
	{
		char p[PATH_MAX];
		tu_pathf(p, sizeof(p), "%s/locked", t->root);
		chmod(p, 0755);
	}
	tu_rmtree(t->tmp);
	free(t->tmp);
	free(t);
	return 0;
}

static void put(struct tree *t, const char *rel, const char *text, time_t mtime)
{
	char p[PATH_MAX];
	struct timespec ts[2];

	tu_write_file(t->root, rel, text, (size_t)-1);
	tu_pathf(p, sizeof(p), "%s/%s", t->root, rel);
	ts[0].tv_sec = ts[1].tv_sec = mtime;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static void link_in(struct tree *t, const char *target, const char *rel)
{
	char p[PATH_MAX];

	tu_pathf(p, sizeof(p), "%s/%s", t->root, rel);
	assert_int_equal(symlink(target, p), 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The diagnostics, one a line, sorted: the walk reports in directory
 * order, which depends on the file system. Caller frees. */
static char *sorted_lines(const char *text)
{
	char *copy = strdup(text), *out, *save = NULL;
	char *lines[256];
	size_t n = 0, len = strlen(text);

	assert_non_null(copy);
	for (char *s = strtok_r(copy, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
		assert_true(n < TS_COUNTOF(lines));
		lines[n++] = s;
	}
	qsort(lines, n, sizeof(*lines), cmp_str);
	out = malloc(len + 1);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
	}
	free(copy);
	return out;
}

static void expect_input(struct tree *t, size_t i, const char *rel,
			 enum ts_kind kind, const char *tier, const char *stem,
			 const char *path_rel, long long size, time_t mtime)
{
	const struct ts_input *x = &t->in.v[i];
	char path[PATH_MAX * 2];

	assert_true(i < t->in.nr);
	assert_string_equal(x->rel, rel);
	assert_int_equal(x->kind, kind);
	assert_string_equal(x->tier, tier);
	if (stem) {
		assert_non_null(x->stem);
		assert_string_equal(x->stem, stem);
	} else {
		assert_null(x->stem);
	}
	tu_pathf(path, sizeof(path), "%s/%s", t->resolved, path_rel);
	assert_string_equal(x->path, path);
	assert_int_equal(x->size, size);
	assert_int_equal(x->mtime.tv_sec, mtime);
}

static void test_scan_tree(void **state)
{
	struct tree *t = *state;
	char p[PATH_MAX], *got;
	const char *want;

	put(t, "synthesis_intel_i5_20251107_223045.csv", "a,b\n1,2\n", 1700000000);
	put(t, "realtime_intel_i5_20251107_223045.csv", "t\n", 1700000100);
	put(t, "hardware_specs_intel_i5.json", "{}", 1700000200);
	put(t, "b/synthesis_nvidia_rtx3060_20251109.csv", "x\n", 1700000300);
	put(t, "b/analysis_nvidia_rtx3060.json", "{}\n", 1700000400);
	put(t, "a/deep/realtime_xeon_gold_6130_2_20251109_201455.csv", "12345", 1750000000);
	put(t, "store/data.txt", "target\n", 1700000500);
	/* ignored silently: not .csv/.json, own outputs, temporary files,
	 * hidden files; an ignored file's mtime does not count */
	put(t, "README.txt", "hello\n", 1800000000);
	put(t, "hardware_metadata.json", "{}", 1800000000);
	put(t, "fig1_memory_comparison.png", "png", 1800000000);
	put(t, "b/fig3_success_rate.svg", "svg", 1800000000);
	put(t, ".tierstat-hardware_metadata.json.Ab12Cd", "tmp", 1800000000);
	put(t, ".hidden.csv", "h\n", 1800000000);
	/* ignored with a note */
	put(t, "notes.csv", "n\n", 1800000000);
	put(t, "b/synthesis_intel_i5.csv", "n\n", 1800000000);
	put(t, "synthesis_lab_20251332.csv", "n\n", 1800000000);
	put(t, "Synthesis_lab_20251101.CSV", "n\n", 1800000000);
	/* ignored silently: a near miss with another extension, a hidden one */
	put(t, "synthesis_lab_20251101.txt", "n\n", 1800000000);
	put(t, ".Synthesis_lab_20251101.CSV", "n\n", 1800000000);
	/* links: a loop, a folder, out of the tree (also into a sibling
	 * folder whose name starts with the root's), dangling, into the
	 * tree under an input's name and under another name */
	link_in(t, "..", "a/loop");
	link_in(t, ".", "a/deep/self");
	link_in(t, "b", "realtime_dirlink_20251101.csv");
	tu_pathf(p, sizeof(p), "%s/outside", t->tmp);
	assert_int_equal(mkdir(p, 0755), 0);
	tu_write_file(p, "synthesis_out_20251101.csv", "o\n", (size_t)-1);
	tu_pathf(p, sizeof(p), "%s/outside/synthesis_out_20251101.csv", t->tmp);
	link_in(t, p, "synthesis_ext_20251101.csv");
	tu_pathf(p, sizeof(p), "%s/m2", t->tmp);
	assert_int_equal(mkdir(p, 0755), 0);
	tu_write_file(p, "x.csv", "o\n", (size_t)-1);
	link_in(t, "../m2/x.csv", "synthesis_sib_20251101.csv");
	link_in(t, "no/such/file.csv", "synthesis_gone_20251101.csv");
	link_in(t, "../synthesis_intel_i5_20251107_223045.csv", "b/synthesis_dup_20251103.csv");
	link_in(t, "../b/synthesis_nvidia_rtx3060_20251109.csv", "a/any_name.csv");
	link_in(t, "../store/data.txt", "a/synthesis_lnk_20251102.csv");
	/* a FIFO named like an input: reported, never opened */
	tu_pathf(p, sizeof(p), "%s/synthesis_fifo_20251101.csv", t->root);
	assert_int_equal(mkfifo(p, 0600), 0);

	assert_int_equal(ts_scan_dir(t->root, &t->in, &t->diag.d), 0);

	got = sorted_lines(tu_diag_text(&t->diag));
	want =
		"tierstat: Synthesis_lab_20251101.CSV: note: not a metrics file name: names are "
		"lower case; did you mean 'synthesis_lab_20251101.csv'? (file ignored)\n"
		"tierstat: b/synthesis_dup_20251103.csv: note: symbolic link to "
		"'synthesis_intel_i5_20251107_223045.csv', which is read itself (skipped)\n"
		"tierstat: b/synthesis_intel_i5.csv: note: no date in the name: expected "
		"synthesis_<tier>_<YYYYMMDD>[_<HHMMSS>].csv (file ignored)\n"
		"tierstat: notes.csv: note: not a metrics file name (file ignored)\n"
		"tierstat: realtime_dirlink_20251101.csv: warning: symbolic link to "
		"something that is not a regular file (not followed)\n"
		"tierstat: synthesis_ext_20251101.csv: warning: symbolic link to a "
		"file outside the metrics folder (not followed)\n"
		"tierstat: synthesis_fifo_20251101.csv: warning: not a regular file (skipped)\n"
		"tierstat: synthesis_gone_20251101.csv: warning: dangling symbolic link (skipped)\n"
		"tierstat: synthesis_lab_20251332.csv: note: 20251332 is not a date: "
		"there is no month 13 (file ignored)\n"
		"tierstat: synthesis_sib_20251101.csv: warning: symbolic link to a "
		"file outside the metrics folder (not followed)\n";
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(t->diag.d.n.note, 5);
	assert_int_equal(t->diag.d.n.warning, 5);
	assert_int_equal(t->diag.d.n.error, 0);

	assert_int_equal(t->in.nr, 7);
	expect_input(t, 0, "a/deep/realtime_xeon_gold_6130_2_20251109_201455.csv",
		     TS_KIND_REALTIME, "xeon_gold_6130_2",
		     "a/deep/xeon_gold_6130_2_20251109_201455",
		     "a/deep/realtime_xeon_gold_6130_2_20251109_201455.csv", 5, 1750000000);
	expect_input(t, 1, "a/synthesis_lnk_20251102.csv", TS_KIND_SYNTHESIS, "lnk",
		     "a/lnk_20251102", "store/data.txt", 7, 1700000500);
	expect_input(t, 2, "b/analysis_nvidia_rtx3060.json", TS_KIND_ANALYSIS,
		     "nvidia_rtx3060", NULL, "b/analysis_nvidia_rtx3060.json", 3, 1700000400);
	expect_input(t, 3, "b/synthesis_nvidia_rtx3060_20251109.csv", TS_KIND_SYNTHESIS,
		     "nvidia_rtx3060", "b/nvidia_rtx3060_20251109",
		     "b/synthesis_nvidia_rtx3060_20251109.csv", 2, 1700000300);
	expect_input(t, 4, "hardware_specs_intel_i5.json", TS_KIND_SPECS, "intel_i5",
		     NULL, "hardware_specs_intel_i5.json", 2, 1700000200);
	expect_input(t, 5, "realtime_intel_i5_20251107_223045.csv", TS_KIND_REALTIME,
		     "intel_i5", "intel_i5_20251107_223045",
		     "realtime_intel_i5_20251107_223045.csv", 2, 1700000100);
	expect_input(t, 6, "synthesis_intel_i5_20251107_223045.csv", TS_KIND_SYNTHESIS,
		     "intel_i5", "intel_i5_20251107_223045",
		     "synthesis_intel_i5_20251107_223045.csv", 8, 1700000000);
	assert_int_equal(t->in.newest_mtime, 1750000000);
	/* README, 2 own outputs + 1 in b/, the temporary file, .hidden.csv,
	 * notes.csv, b/synthesis_intel_i5.csv, store/data.txt, the four
	 * synthesis_lab near misses */
	assert_int_equal(t->in.ignored, 13);
}

/* The root given with a trailing slash, or through a symbolic link,
 * gives the same relative paths. */
static void test_scan_root_spellings(void **state)
{
	struct tree *t = *state;
	char p[PATH_MAX];

	put(t, "x/synthesis_a_20251107.csv", "a\n", 1700000000);
	tu_pathf(p, sizeof(p), "%s/", t->root);
	assert_int_equal(ts_scan_dir(p, &t->in, &t->diag.d), 0);
	assert_int_equal(t->in.nr, 1);
	assert_string_equal(t->in.v[0].rel, "x/synthesis_a_20251107.csv");
	assert_string_equal(t->in.v[0].stem, "x/a_20251107");
	ts_inputs_release(&t->in);

	tu_pathf(p, sizeof(p), "%s/alias", t->tmp);
	assert_int_equal(symlink("m", p), 0);
	assert_int_equal(ts_scan_dir(p, &t->in, &t->diag.d), 0);
	assert_int_equal(t->in.nr, 1);
	assert_string_equal(t->in.v[0].rel, "x/synthesis_a_20251107.csv");
	assert_string_equal(tu_diag_text(&t->diag), "");
}

static void test_scan_empty(void **state)
{
	struct tree *t = *state;

	assert_int_equal(ts_scan_dir(t->root, &t->in, &t->diag.d), 0);
	assert_int_equal(t->in.nr, 0);
	assert_int_equal(t->in.ignored, 0);
	assert_string_equal(tu_diag_text(&t->diag), "");
}

static void test_scan_bad_root(void **state)
{
	struct tree *t = *state;
	char p[PATH_MAX], want[PATH_MAX + 128];

	tu_pathf(p, sizeof(p), "%s/nope", t->tmp);
	assert_int_equal(ts_scan_dir(p, &t->in, &t->diag.d), -1);
	tu_pathf(want, sizeof(want),
		 "tierstat: error: cannot open metrics folder '%s': No such file or directory\n", p);
	assert_string_equal(tu_diag_text(&t->diag), want);
	assert_int_equal(t->in.nr, 0);
	tu_diag_release(&t->diag);
	tu_diag_init(&t->diag);

	put(t, "synthesis_a_20251107.csv", "a\n", 1700000000);
	tu_pathf(p, sizeof(p), "%s/synthesis_a_20251107.csv", t->root);
	assert_int_equal(ts_scan_dir(p, &t->in, &t->diag.d), -1);
	tu_pathf(want, sizeof(want), "tierstat: error: '%s' is not a folder\n", p);
	assert_string_equal(tu_diag_text(&t->diag), want);
	assert_int_equal(t->in.nr, 0);
}

/* A folder that cannot be read: one error, the rest of the walk goes on.
 * Root reads any folder whatever its mode, so this needs a normal user. */
static void test_scan_unreadable_folder(void **state)
{
	struct tree *t = *state;
	char p[PATH_MAX];

	if (geteuid() == 0) {
		fprintf(stderr, "test_scan: running as root, where chmod 000 "
			"does not stop reading a folder: test skipped\n");
		skip();
	}
	put(t, "locked/synthesis_a_20251107.csv", "a\n", 1700000000);
	put(t, "synthesis_b_20251107.csv", "a\n", 1700000000);
	tu_pathf(p, sizeof(p), "%s/locked", t->root);
	assert_int_equal(chmod(p, 0), 0);
	assert_int_equal(ts_scan_dir(t->root, &t->in, &t->diag.d), 0);
	assert_string_equal(tu_diag_text(&t->diag),
			    "tierstat: locked: error: cannot read this folder: "
			    "Permission denied (skipped)\n");
	assert_int_equal(t->in.nr, 1);
	assert_string_equal(t->in.v[0].rel, "synthesis_b_20251107.csv");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_inputs),
		cmocka_unit_test(test_parse_dates),
		cmocka_unit_test(test_parse_times),
		cmocka_unit_test(test_parse_near_misses),
		cmocka_unit_test(test_parse_stamp_optional),
		cmocka_unit_test(test_own_output),
		T(test_scan_tree),
		T(test_scan_root_spellings),
		T(test_scan_empty),
		T(test_scan_bad_root),
		T(test_scan_unreadable_folder),
	};
#undef T

	return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
