/* chart_axis.c - the axes every figure shares (see chart.h): linear and
 * logarithmic ranges with their ticks, where a value lies on one, tick
 * labels, three significant digits. Pure: no cairo, no I/O.
 */
#include "ts.h"
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ====================== axes ====================== */

void ts_chart_axis(double need, int target, double cap, struct ts_axis *a)
{
	static const double mant[] = { 1, 2, 2.5, 5, 10 };
	double raw, mag, step = 1;
	long n;

	memset(a, 0, sizeof(*a));
	if (!(need > 0) || !isfinite(need))
		need = 1;
	if (target < 2)
		target = 2;
	if (target > TS_AXIS_MAX_TICKS - 2)
		target = TS_AXIS_MAX_TICKS - 2;
	raw = need / target;
	mag = pow(10, floor(log10(raw)));
	for (size_t i = 0; i < TS_COUNTOF(mant); i++) {
		step = mant[i] * mag;
		if (step >= raw * (1 - 1e-9))
			break;
	}
	n = (long)ceil(need / step - 1e-9);
	if (n < 1)
		n = 1;
	a->step = step;
	a->max = n * step;
	/* Past the cap there is no tick to end on: end where the labels do. */
	if (isfinite(cap) && need > cap)
		a->max = need;
	for (long i = 0; i <= n && a->nr_ticks < TS_AXIS_MAX_TICKS; i++) {
		double v = i * step;
		if (isfinite(cap) && v > cap * (1 + 1e-9))
			break;
		a->ticks[a->nr_ticks++] = v;
	}
	for (a->decimals = 0; a->decimals < 6; a->decimals++) {
		double x = step * pow(10, a->decimals);
		if (fabs(x - round(x)) < 1e-6 * x)
			break;
	}
}

/* ---- logarithmic axes ---- */

#define REL 1e-9   /* 0.1 * 10 is 1 */

/* floor(log10(x)), exact at powers of 10 despite rounding. */
static double decade(double x)
{
	double k = floor(log10(x));

	if (pow(10, k + 1) <= x * (1 + REL))
		k++;
	else if (pow(10, k) > x * (1 + REL))
		k--;
	return k;
}

/* The 1-2-5 sequence: value i is {1, 2, 5}[i mod 3] * 10^(i div 3). */
static double seq125(long i)
{
	static const double mant[] = { 1, 2, 5 };
	long q = i >= 0 ? i / 3 : -((2 - i) / 3);

	return mant[i - 3 * q] * pow(10, (double)q);
}

/* Index of the largest 1-2-5 value <= x (x > 0). */
static long floor125(double x)
{
	double k = decade(x), m = x / pow(10, k);

	return 3 * (long)k + (m >= 5 * (1 - REL) ? 2 : m >= 2 * (1 - REL) ? 1 : 0);
}

void ts_chart_log_axis(double lo, double need, int target, struct ts_axis *a)
{
	long i0, i1;
	double d0, d1, k;

	memset(a, 0, sizeof(*a));
	a->log = 1;
	if (!(lo > 0) || !isfinite(lo) || lo < 1e-300)
		lo = 1;
	if (!(need > lo) || !isfinite(need) || need > 1e300)
		need = lo;
	if (target < 2)
		target = 2;
	if (target > TS_AXIS_MAX_TICKS - 2)
		target = TS_AXIS_MAX_TICKS - 2;
	i0 = floor125(lo / 1.5);
	i1 = floor125(need);
	if (seq125(i1) < need * (1 - REL))
		i1++;
	if (i1 - i0 + 1 <= target) {
		for (long i = i0; i <= i1; i++)
			a->ticks[a->nr_ticks++] = seq125(i);
		a->min = seq125(i0);
		a->max = seq125(i1);
		return;
	}
	/* decades, every k-th one so that at most `target` ticks remain; the
	 * axis ends where the labels do, not a decade further */
	d0 = decade(lo / 1.5);
	d1 = decade(need * (1 + REL));
	k = fmax(1, ceil((d1 - d0) / (target - 1)));
	d1 = d0 + k * floor((d1 - d0) / k);
	a->step = k;
	for (double d = d0; d <= d1 && a->nr_ticks < TS_AXIS_MAX_TICKS; d += k)
		a->ticks[a->nr_ticks++] = pow(10, d);
	a->min = pow(10, d0);
	a->max = fmax(need, a->ticks[a->nr_ticks - 1]);
	if (a->nr_ticks < 2) {   /* less than a decade: end on the next one */
		a->ticks[a->nr_ticks++] = pow(10, d0 + k);
		a->max = a->ticks[1];
	}
}

double ts_chart_axis_at(const struct ts_axis *a, double v)
{
	if (!a->log)
		return v;
	if (!(v > a->min))
		return 0;
	return a->max * (log(v) - log(a->min)) / (log(a->max) - log(a->min));
}

void ts_chart_tick_text(const struct ts_axis *a, double v, char *buf,
			size_t size)
{
	if (a->log && v > 0 && (v < 1e-4 || v >= 1e6))
		snprintf(buf, size, "%.0e", v);
	else if (a->log && v > 0)
		snprintf(buf, size, "%.*f", (int)fmax(0, -decade(v)), v);
	else
		snprintf(buf, size, "%.*f", a->decimals, v);
}

void ts_chart_fmt3(double v, char *buf, size_t size)
{
	int d;

	if (!isfinite(v)) {
		snprintf(buf, size, "%s", "no data");
		return;
	}
	if (v == 0) {
		snprintf(buf, size, "0");
		return;
	}
	d = 2 - (int)floor(log10(fabs(v)));
	if (d < 0)
		d = 0;
	if (d > 6)
		d = 6;
	snprintf(buf, size, "%.*f", d, v);
}
