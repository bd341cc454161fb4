/* statsdrv.c - prints what tierstat's stats.h computes, for
 * tests/ref/check_stats.py to compare with scipy and numpy.
 *
 * Reads commands from stdin, one a line, numbers as Python's repr()
 * writes them (read back exactly by strtod), and prints one line of
 * results for each, numbers as %.17g (NaN as "nan"):
 *
 *   values X...        -> n mean std se ci_lo ci_hi p05 q1 q3 p95
 *                         mild severe first_mild first_severe warmup
 *   wilson K N         -> rc lo hi
 *   ratio X... / Y...  -> rc ratio lo hi df se_log   (mean of X / mean of Y)
 *   ols X... / Y...    -> rc n distinct_x slope intercept slope_se
 *                         intercept_se slope_lo slope_hi intercept_lo
 *                         intercept_hi r_squared   (y on x, pairs in order)
 *
 * A line it cannot read is an error: message on stderr, exit 2.
 */
#include "ts.h"
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXV 100000

static double a[MAXV], b[MAXV];

/* Numbers of s into v up to a "/" or the end; *s is left after them. */
static size_t numbers(char **s, double *v)
{
	size_t n = 0;

	for (;;) {
		char *end;
		double x;

		while (**s == ' ')
			(*s)++;
		if (**s == '\0' || **s == '\n' || **s == '/')
			return n;
		x = strtod(*s, &end);
		if (end == *s || n == MAXV) {
			fprintf(stderr, "statsdrv: cannot read '%.20s'\n", *s);
			exit(2);
		}
		v[n++] = x;
		*s = end;
	}
}

static void values(char *s)
{
	size_t n = numbers(&s, a);
	struct ts_summary sum;
	struct ts_spread sp;

	ts_stats_summarize(a, n, &sum);
	ts_stats_spread(a, n, &sum, &sp);
	printf("%ld %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %ld %ld %ld %ld %d\n",
	       sum.n, sum.mean, sum.std, sp.se, sp.ci95[0], sp.ci95[1], sp.p05,
	       sp.q1, sp.q3, sp.p95, sp.tukey.mild, sp.tukey.severe,
	       sp.tukey.first_mild, sp.tukey.first_severe,
	       ts_stats_warmup_suspect(a, n));
}

static void wilson(char *s)
{
	char *end;
	long k = strtol(s, &end, 10), n = strtol(end, NULL, 10);
	double ci[2];
	int rc = ts_stats_wilson(k, n, ci);

	printf("%d %.17g %.17g\n", rc, ci[0], ci[1]);
}

static void ratio(char *s)
{
	size_t na = numbers(&s, a), nb;
	struct ts_summary sa, sb;
	struct ts_ratio r;
	int rc;

	if (*s != '/') {
		fprintf(stderr, "statsdrv: ratio needs X... / Y...\n");
		exit(2);
	}
	s++;
	nb = numbers(&s, b);
	ts_stats_summarize(a, na, &sa);
	ts_stats_summarize(b, nb, &sb);
	rc = ts_stats_ratio(&sa, &sb, &r);
	printf("%d %.17g %.17g %.17g %.17g %.17g\n", rc, r.ratio, r.ci95[0],
	       r.ci95[1], r.df, r.se_log);
}

static void ols(char *s)
{
	size_t na = numbers(&s, a), nb;
	struct ts_ols o;
	int rc;

	if (*s != '/') {
		fprintf(stderr, "statsdrv: ols needs X... / Y...\n");
		exit(2);
	}
	s++;
	nb = numbers(&s, b);
	if (na != nb) {
		fprintf(stderr, "statsdrv: ols: %zu x for %zu y\n", na, nb);
		exit(2);
	}
	rc = ts_stats_ols(a, b, na, &o);
	printf("%d %ld %ld %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n",
	       rc, o.n, o.distinct_x, o.slope, o.intercept, o.slope_se,
	       o.intercept_se, o.slope_ci95[0], o.slope_ci95[1],
	       o.intercept_ci95[0], o.intercept_ci95[1], o.r_squared);
}

int main(void)
{
	static char line[4u << 20];

	while (fgets(line, sizeof(line), stdin)) {
		if (strncmp(line, "values", 6) == 0)
			values(line + 6);
		else if (strncmp(line, "wilson ", 7) == 0)
			wilson(line + 7);
		else if (strncmp(line, "ratio ", 6) == 0)
			ratio(line + 6);
		else if (strncmp(line, "ols ", 4) == 0)
			ols(line + 4);
		else {
			fprintf(stderr, "statsdrv: unknown command '%.20s'\n", line);
			return 2;
		}
	}
	return fflush(stdout) == 0 ? 0 : 2;
}
