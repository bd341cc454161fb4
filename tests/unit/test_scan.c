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
	enum ts_kind k = ts_scan_parse_name(base, &t, &s);

	if (k != kind)
		print_error("'%s': kind %d, want %d\n", base, (int)k, (int)kind);
	assert_int_equal(k, kind);
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
}

static void test_parse_near_misses(void **state)
{
	static const char *const names[] = {
		"synthesis_intel_i5.csv",          /* no date */
		"synthesis_20251107.csv",          /* no tier */
		"synthesis__20251107.csv",         /* empty tier */
		"synthesis_x_2025110.csv",         /* 7-digit date */
		"synthesis_x_20251107_22304.csv",  /* 5-digit time */
		"synthesis_x_20251107.csv.bak",
		"Synthesis_x_20251107.csv",
		"synthesis_x_20251107.CSV",
		"synthesis_x_20251107.json",
		"synthesis_x_2025110a.csv",
		"synthesis_x-20251107.csv",
		"synthesis_.csv",
		"realtime_x.csv",
		"hardware_specs_.json",
		"hardware_specs_m1.csv",
		"analysis_.json",
		"analysis_x.json.tmp",
		"notes.csv",
		"hardware_metadata.json",
		"synthesis_x_20251107.csv~",
		"",
	};

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(names); i++)
		expect_name(names[i], TS_KIND_OTHER, NULL, NULL);
}

/* stamp may be NULL when only the tier is wanted. */
static void test_parse_stamp_optional(void **state)
{
	char *t = NULL;

	(void)state;
	assert_int_equal(ts_scan_parse_name("synthesis_a_b_20251107.csv", &t, NULL),
			 TS_KIND_SYNTHESIS);
	assert_string_equal(t, "a_b");
	free(t);
	t = NULL;
	assert_int_equal(ts_scan_parse_name("realtime_a.csv", &t, NULL), TS_KIND_OTHER);
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
		"tierstat: b/synthesis_dup_20251103.csv: note: symbolic link to "
		"'synthesis_intel_i5_20251107_223045.csv', which is read itself (skipped)\n"
		"tierstat: b/synthesis_intel_i5.csv: note: not a metrics file name (ignored)\n"
		"tierstat: notes.csv: note: not a metrics file name (ignored)\n"
		"tierstat: realtime_dirlink_20251101.csv: warning: symbolic link to "
		"something that is not a regular file (not followed)\n"
		"tierstat: synthesis_ext_20251101.csv: warning: symbolic link to a "
		"file outside the metrics folder (not followed)\n"
		"tierstat: synthesis_fifo_20251101.csv: warning: not a regular file (skipped)\n"
		"tierstat: synthesis_gone_20251101.csv: warning: dangling symbolic link (skipped)\n"
		"tierstat: synthesis_sib_20251101.csv: warning: symbolic link to a "
		"file outside the metrics folder (not followed)\n";
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(t->diag.d.n.note, 3);
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
	 * notes.csv, b/synthesis_intel_i5.csv, store/data.txt */
	assert_int_equal(t->in.ignored, 9);
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
