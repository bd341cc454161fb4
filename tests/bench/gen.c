/* gen.c - write a large metrics folder for `make bench`, deterministically.
 *
 *     gen OUTDIR --size 100M|1G|<bytes>[K|M|G] [--tiers 16] [--seed N] [--synthesis]
 *     gen --selftest N      check the float formatter against printf+strtod
 *
 * The folder looks like what the monitor writes (fixtures/thesis/metrics):
 * Python csv default dialect (CRLF, minimal quoting), floats in Python repr
 * (shortest round-trip, computed exactly by pyrepr.c), True/False, an empty field
 * for None, about 2 % failed rows whose quoted error_message holds a comma,
 * doubled quotes and sometimes a newline, tier names ending in digits
 * (nvidia_rtx3060_012), hardware_specs_<tier>.json and analysis_<tier>.json
 * (rounded to 2 decimals, consistent with the rows) per tier.
 *
 * Size: 1G = 864,000 realtime rows (one day at 100 ms) and 10,000 synthesis
 * rows per tier, in two runs; any other size scales both row counts by
 * size / 1e9 (so 100M is a tenth of 1G). The byte count is what those rows
 * take, about the nominal size. Same arguments, same bytes: the only source
 * of randomness is a splitmix64 stream per file seeded from --seed.
 * OUTDIR is created if missing; existing files of the same names are
 * replaced, nothing else is touched.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pyrepr.h"

#define OUT_BUF (1u << 20)
#define ROW_MAX 1024            /* room reserved before writing one row */
#define RT_PER_TIER_1G 864000.0
#define SYN_PER_TIER_1G 10000.0
#define SYN_ROW_BYTES 253.0   /* about, a synthesis row (--synthesis) */
#define EPOCH0 1761955200.0     /* 2025-11-01 00:00:00 UTC */
#define SYN_HEADER "request_id,hardware_tier,device_type,cpu_model,cpu_cores," \
	"total_memory_gb,gpu_name,text_length_chars,text_length_tokens,start_time," \
	"end_time,total_duration_s,peak_memory_mb,peak_memory_percent," \
	"peak_gpu_memory_mb,peak_temperature_c,throttle_detected,rtf," \
	"tokens_per_second,success,error_message,quantization_used," \
	"torch_compile_used,onnx_used,chunk_length,num_threads\r\n"

/* ---- PRNG: splitmix64 -------------------------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnext(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

/* uniform in [0, 1) with 53 bits */
static double runif(struct rng *r)
{
	return (double)(rnext(r) >> 11) * 0x1.0p-53;
}

static double rrange(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * runif(r);
}

/* roughly normal (sum of four uniforms), mean 0, sd 1; cheap and bounded */
static double rnorm(struct rng *r)
{
	return (runif(r) + runif(r) + runif(r) + runif(r) - 2.0) * 1.7320508075688772;
}

static void rseed(struct rng *r, uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
	r->s = mix64(seed ^ mix64(a * 0x100000001b3ULL ^ mix64(b * 31 + c + 1)));
}

/* A bijection on 32 bits: distinct inputs give distinct request ids. */
static uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/* ---- buffered output ------------------------------------------------------ */

struct out {
	FILE *fp;
	char *path;
	char *buf;
	size_t n;
	int err;
};

static void out_flush(struct out *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->fp) != o->n)
		o->err = errno ? errno : EIO;
	o->n = 0;
}

/* Make room for one row; return where to write it. */
static char *out_reserve(struct out *o)
{
	if (o->n + ROW_MAX > OUT_BUF)
		out_flush(o);
	return o->buf + o->n;
}

static void out_commit(struct out *o, const char *end)
{
	o->n = (size_t)(end - o->buf);
}

static int out_open(struct out *o, const char *dir, const char *name, char *buf)
{
	size_t len = strlen(dir) + strlen(name) + 2;

	o->path = malloc(len);
	if (!o->path)
		return -1;
	snprintf(o->path, len, "%s/%s", dir, name);
	o->fp = fopen(o->path, "wb");
	if (!o->fp) {
		fprintf(stderr, "gen: %s: %s\n", o->path, strerror(errno));
		free(o->path);
		return -1;
	}
	o->buf = buf;
	o->n = 0;
	o->err = 0;
	return 0;
}

static int out_close(struct out *o, unsigned long long *bytes)
{
	long pos;
	int rc = 0;

	out_flush(o);
	pos = ftell(o->fp);
	if (fclose(o->fp) != 0 && !o->err)
		o->err = errno ? errno : EIO;
	if (o->err) {
		fprintf(stderr, "gen: %s: %s\n", o->path, strerror(o->err));
		rc = -1;
	} else if (pos > 0) {
		*bytes += (unsigned long long)pos;
	}
	free(o->path);
	return rc;
}

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* A CSV field the way Python's csv module writes it (minimal quoting). */
static char *put_field(char *p, const char *s)
{
	if (!strpbrk(s, ",\"\r\n"))
		return put_str(p, s);
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*p++ = '"';
		*p++ = *s;
	}
	*p++ = '"';
	return p;
}

static char *put_bool(char *p, int v)
{
	return put_str(p, v ? "True" : "False");
}

/* ---- the machines ------------------------------------------------------- */

struct machine {
	const char *name, *device, *cpu, *gpu, *display, *platform;
	int cores, threads;
	double ram_gb, gpu_gb;
	double rtf;             /* typical real-time factor */
	double mem_mb;          /* typical peak process memory */
	double gpu_mem_mb;      /* typical GPU memory in use (0 = none reported) */
	double cpu_pct;         /* typical process cpu_percent while running */
	double temp, temp_step; /* typical temperature, sensor resolution (0 = none) */
	int gpu_pct;            /* reports gpu_percent */
	const char *quant;
	int compile, onnx, chunk;
};

static const struct machine MACHINES[] = {
	{ "intel_i5", "cpu", "Intel(R) Core(TM) i5-1235U @ 1.30GHz", NULL, "Intel i5",
	  "Windows-10-10.0.22631-SP0", 10, 12, 16.0, 0, 8.4, 2880, 0, 380, 0, 0, 0,
	  "INT8", 0, 1, 200 },
	{ "amd_ryzen5", "cpu", "AMD Ryzen 5 5600X 6-Core Processor", NULL, "AMD Ryzen 5",
	  "Linux-6.5.0-35-generic-x86_64-with-glibc2.35", 6, 12, 16.0, 0, 5.1, 2900, 0,
	  560, 70, 0.125, 0, "INT4", 0, 0, 200 },
	{ "nvidia_rtx3060", "cuda", "Intel(R) Core(TM) i7-10700K @ 3.80GHz",
	  "NVIDIA GeForce RTX 3060", "RTX 3060", "Linux-6.5.0-35-generic-x86_64-with-glibc2.35",
	  8, 16, 32.0, 12.0, 0.18, 3400, 2580, 95, 74, 1, 1, "", 1, 0, 300 },
	{ "m1_air", "mps", "Apple M1", NULL, "M1 Air", "macOS-14.1-arm64-arm-64bit",
	  8, 8, 8.0, 0, 3.5, 4200, 1950, 170, 0, 0, 0, "INT8", 0, 0, 200 },
	{ "xeon_gold_6130", "cpu", "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", NULL,
	  "Xeon Gold 6130", "Linux-5.15.0-91-generic-x86_64-with-glibc2.35", 16, 32, 64.0, 0,
	  3.2, 3100, 0, 1450, 58, 1, 0, "INT8", 0, 1, 200 },
	{ "nvidia_a100", "cuda", "AMD EPYC 7742 64-Core Processor", "NVIDIA A100-SXM4-40GB",
	  "A100 40GB", "Linux-5.15.0-91-generic-x86_64-with-glibc2.35", 64, 128, 256.0, 40.0,
	  0.07, 3900, 5120, 101, 61, 1, 1, "", 1, 0, 400 },
	{ "m2_pro", "mps", "Apple M2 Pro", NULL, "M2 Pro", "macOS-14.2-arm64-arm-64bit",
	  12, 12, 16.0, 0, 1.9, 4000, 2300, 190, 0, 0, 0, "INT8", 0, 0, 200 },
	{ "raspberry_pi5", "cpu", "Cortex-A76", NULL, "Raspberry Pi 5",
	  "Linux-6.6.20-v8-16k+-aarch64-with-glibc2.36", 4, 4, 8.0, 0, 19.5, 2100, 0,
	  390, 66, 0.05, 0, "INT4", 0, 1, 200 },
};
#define N_MACHINES (sizeof(MACHINES) / sizeof(MACHINES[0]))

static const char *const ERRORS[] = {
	"ConnectionError: Network timeout, \"retry\" exhausted after 3 attempts\n"
	"(while fetching reference audio)",
	"Network timeout, \"retry\" exhausted",
	"RuntimeError: out of memory, tried to allocate 2.00 GiB (\"max_split_size_mb\" not set)",
	"TimeoutError: synthesis exceeded 30 s, \"chunk 3\" of 5",
	"ValueError: text contains unsupported characters, e.g. \"\u00e6\"\n"
	"  File \"monitor.py\", line 212, in synthesize",
};
#define N_ERRORS (sizeof(ERRORS) / sizeof(ERRORS[0]))

struct tier {
	const struct machine *m;
	char name[64];
	int idx;
	double rtf, mem_mb, gpu_mem_mb, cpu_pct, temp;
	/* what analysis_<tier>.json needs */
	long long total, ok, throttles;
	double *mem;            /* peak_memory_mb of successful rows */
	size_t n_mem, mem_alloc;
	double sum_rtf, sum_tps, sum_dur, max_temp;
};

struct plan {
	const char *dir;
	uint64_t seed;
	int tiers;
	long long rt_per_tier, syn_per_tier;
	unsigned long long bytes;
	long long files, rt_rows, syn_rows;
	char *buf;
};

/* run r of tier t: start time and the stamp in its file names */
static double run_start(const struct tier *t, int r, char *stem, size_t cap)
{
	long long day = 20251101 + t->idx % 28;
	int hh = r ? 12 : 0, mm = (t->idx * 7) % 60, ss = (t->idx * 13 + r * 29) % 60;

	snprintf(stem, cap, "%s_%lld_%02d%02d%02d", t->name, day, hh, mm, ss);
	return EPOCH0 + 86400.0 * (t->idx % 28) + hh * 3600 + mm * 60 + ss;
}

static long long split(long long total, int r)
{
	return r == 0 ? (total + 1) / 2 : total / 2;
}

static int write_realtime(struct plan *pl, struct tier *t, int r)
{
	const struct machine *m = t->m;
	char stem[128], name[160];
	struct out o;
	struct rng g;
	double ts = run_start(t, r, stem, sizeof(stem)) + 0.8;
	double total_mb = m->ram_gb * 1024.0, cpu = 0, temp = t->temp;
	long long rows = split(pl->rt_per_tier, r);
	long long pages = (long long)(t->mem_mb * 256.0), gpu = (long long)(t->gpu_mem_mb * 2048.0);
	long long base_pages = pages, base_gpu = gpu;

	snprintf(name, sizeof(name), "realtime_%s.csv", stem);
	if (out_open(&o, pl->dir, name, pl->buf) != 0)
		return -1;
	rseed(&g, pl->seed, (uint64_t)t->idx, (uint64_t)r, 1);
	ts += 0.1 * runif(&g);
	{
		char *p = out_reserve(&o);

		p = put_str(p, "timestamp,cpu_percent,memory_mb,memory_percent,gpu_memory_mb,"
			    "gpu_percent,temperature_c\r\n");
		out_commit(&o, p);
	}
	for (long long i = 0; i < rows; i++) {
		char *p = out_reserve(&o);
		double mem;

		/* random walks pulled back to the machine's typical values */
		pages += (long long)(rnext(&g) % 4097) - 2048 + (base_pages - pages) / 64;
		mem = (double)pages / 256.0;
		p = py_repr(p, ts);
		*p++ = ',';
		if (i > 0) {
			cpu = t->cpu_pct * (1.0 + 0.15 * rnorm(&g));
			cpu = floor(cpu * 10.0 + 0.5) / 10.0;
			if (cpu < 0.1)
				cpu = 0.1;
		}
		p = py_repr(p, i ? cpu : 0.0);
		*p++ = ',';
		p = py_repr(p, mem);
		*p++ = ',';
		p = py_repr(p, mem / total_mb * 100.0);
		*p++ = ',';
		if (base_gpu) {
			gpu += (long long)(rnext(&g) % 8193) - 4096 + (base_gpu - gpu) / 32;
			p = py_repr(p, (double)gpu / 2048.0);
		}
		*p++ = ',';
		if (m->gpu_pct)
			p = py_put_u64(p, 70 + rnext(&g) % 28);
		*p++ = ',';
		if (m->temp_step > 0) {
			temp += 0.2 * rnorm(&g) + (t->temp - temp) / 50.0;
			p = py_repr(p, floor(temp / m->temp_step + 0.5) * m->temp_step);
		} else {
			p = py_repr(p, 0.0);
		}
		*p++ = '\r';
		*p++ = '\n';
		out_commit(&o, p);
		ts += 0.1 + 0.004 * runif(&g);
	}
	pl->rt_rows += rows;
	pl->files++;
	return out_close(&o, &pl->bytes);
}

/* One synthesis row, as the monitor would have measured it. */
struct syn {
	char id[16];
	int chars, tokens, failed, throttle;
	double start, end, dur, audio, rtf, mem, gpu_mem, temp;
	const char *error;
};

/* Draw row i of run r. The order of the draws fixes the output bytes. */
static void make_syn(struct syn *s, const struct tier *t, int r, long long i, double t0,
		     double slot, uint64_t seed, struct rng *g)
{
	const struct machine *m = t->m;
	uint32_t id = mix32((uint32_t)(t->idx << 20 | r << 19 | (int)i) ^ (uint32_t)mix64(seed));

	snprintf(s->id, sizeof(s->id), "%08x", (unsigned)mix32(id));
	s->chars = 200 + (int)(rnext(g) % 601);
	s->tokens = s->chars / 4;
	s->failed = rnext(g) % 1000 < 20;
	s->start = t0 + slot * (double)i + 0.05 + 0.2 * runif(g);
	s->audio = s->tokens * (0.0066 + 0.0004 * rnorm(g));
	s->rtf = t->rtf * (1.0 + 0.06 * rnorm(g));
	s->end = s->start + (s->failed ? 30.0 + 0.05 * runif(g) : s->rtf * s->audio);
	s->dur = s->end - s->start;     /* as Python computes it */
	s->mem = floor((t->mem_mb * (1.0 + 0.04 * rnorm(g))) * 256.0) / 256.0;
	s->temp = 0;
	s->throttle = 0;
	if (m->temp_step > 0) {
		double z = rnorm(g);    /* |z| < 3.47; z > 2.8 about once in 1000 */

		s->temp = floor((t->temp + 3.0 + 3.0 * z) / m->temp_step + 0.5) * m->temp_step;
		s->throttle = z > 2.8;
	}
	s->gpu_mem = t->gpu_mem_mb > 0 ?
		     floor(t->gpu_mem_mb * (1.0 + 0.03 * rnorm(g)) * 2048.0) / 2048.0 : 0.0;
	s->error = s->failed ? ERRORS[rnext(g) % N_ERRORS] : NULL;
	if (!s->failed)                 /* the rtf and tps Python would print */
		s->rtf = s->dur / s->audio;
}

/* Write the row in SYN_HEADER's column order; return the end. */
static char *put_syn(char *p, const struct tier *t, const char *ram, const struct syn *s)
{
	const struct machine *m = t->m;

	p = put_str(p, s->id);
	*p++ = ',';
	p = put_field(p, t->name);
	*p++ = ',';
	p = put_field(p, m->device);
	*p++ = ',';
	p = put_field(p, m->cpu);
	*p++ = ',';
	p = py_put_u64(p, (uint64_t)m->cores);
	*p++ = ',';
	p = put_str(p, ram);
	*p++ = ',';
	if (m->gpu)
		p = put_field(p, m->gpu);
	*p++ = ',';
	p = py_put_u64(p, (uint64_t)s->chars);
	*p++ = ',';
	p = py_put_u64(p, (uint64_t)s->tokens);
	*p++ = ',';
	p = py_repr(p, s->start);
	*p++ = ',';
	p = py_repr(p, s->end);
	*p++ = ',';
	p = py_repr(p, s->dur);
	*p++ = ',';
	p = py_repr(p, s->mem);
	*p++ = ',';
	p = py_repr(p, s->mem / (m->ram_gb * 1024.0) * 100.0);
	*p++ = ',';
	p = py_repr(p, s->gpu_mem);
	*p++ = ',';
	p = py_repr(p, s->temp);
	*p++ = ',';
	p = put_bool(p, s->throttle);
	*p++ = ',';
	if (!s->failed) {
		p = py_repr(p, s->rtf);
		*p++ = ',';
		p = py_repr(p, s->tokens / s->dur);
	} else {
		*p++ = ',';
	}
	*p++ = ',';
	p = put_bool(p, !s->failed);
	*p++ = ',';
	if (s->error)
		p = put_field(p, s->error);
	*p++ = ',';
	p = put_field(p, m->quant);
	*p++ = ',';
	p = put_bool(p, m->compile);
	*p++ = ',';
	p = put_bool(p, m->onnx);
	*p++ = ',';
	p = py_put_u64(p, (uint64_t)m->chunk);
	*p++ = ',';
	p = py_put_u64(p, (uint64_t)m->cores);
	*p++ = '\r';
	*p++ = '\n';
	return p;
}

/* What analysis_<tier>.json will need. */
static void count_syn(struct tier *t, const struct syn *s)
{
	t->total++;
	t->throttles += s->throttle;
	if (s->temp > t->max_temp)
		t->max_temp = s->temp;
	if (s->failed)
		return;
	t->sum_rtf += s->rtf;
	t->sum_tps += s->tokens / s->dur;
	t->sum_dur += s->dur;
	if (t->n_mem == t->mem_alloc) {
		t->mem_alloc = t->mem_alloc ? 2 * t->mem_alloc : 1024;
		t->mem = realloc(t->mem, t->mem_alloc * sizeof(*t->mem));
		if (!t->mem) {
			fprintf(stderr, "gen: out of memory\n");
			exit(2);
		}
	}
	t->mem[t->n_mem++] = s->mem;
	t->ok++;
}

static int write_synthesis(struct plan *pl, struct tier *t, int r)
{
	char stem[128], name[160], ram[32], *p;
	struct out o;
	struct rng g;
	double t0 = run_start(t, r, stem, sizeof(stem)) + 0.8;
	long long rows = split(pl->syn_per_tier, r);
	long long rt_rows = split(pl->rt_per_tier, r);
	double slot = rows ? (double)rt_rows * 0.102 / (double)rows : 1.0;

	*py_repr(ram, t->m->ram_gb) = '\0';
	snprintf(name, sizeof(name), "synthesis_%s.csv", stem);
	if (out_open(&o, pl->dir, name, pl->buf) != 0)
		return -1;
	rseed(&g, pl->seed, (uint64_t)t->idx, (uint64_t)r, 2);
	p = out_reserve(&o);
	out_commit(&o, put_str(p, SYN_HEADER));
	for (long long i = 0; i < rows; i++) {
		struct syn s;

		make_syn(&s, t, r, i, t0, slot, pl->seed, &g);
		p = out_reserve(&o);
		out_commit(&o, put_syn(p, t, ram, &s));
		count_syn(t, &s);
	}
	pl->syn_rows += rows;
	pl->files++;
	return out_close(&o, &pl->bytes);
}

/* JSON string: the few strings here need no escapes but quotes and backslashes. */
static char *put_jstr(char *p, const char *s)
{
	if (!s)
		return put_str(p, "null");
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '"';
	return p;
}

/* Python's round(x, digits) as repr */
static char *put_round(char *p, double x, int digits)
{
	char s[64];

	snprintf(s, sizeof(s), "%.*f", digits, x);
	return py_repr(p, strtod(s, NULL));
}

static int write_json(struct plan *pl, struct tier *t)
{
	const struct machine *m = t->m;
	char name[160], *p;
	struct out o;
	double mean = 0, ss = 0, mx = 0, mn = 0;

	snprintf(name, sizeof(name), "hardware_specs_%s.json", t->name);
	if (out_open(&o, pl->dir, name, pl->buf) != 0)
		return -1;
	p = out_reserve(&o);
	p = put_str(p, "{\n  \"hardware_tier\": ");
	p = put_jstr(p, t->name);
	p = put_str(p, ",\n  \"device_type\": ");
	p = put_jstr(p, m->device);
	p = put_str(p, ",\n  \"display_name\": ");
	p += snprintf(p, 64, "\"%s #%d\"", m->display, t->idx);
	p = put_str(p, ",\n  \"cpu_model\": ");
	p = put_jstr(p, m->cpu);
	p = put_str(p, ",\n  \"cpu_cores\": ");
	p = py_put_u64(p, (uint64_t)m->cores);
	p = put_str(p, ",\n  \"cpu_threads\": ");
	p = py_put_u64(p, (uint64_t)m->threads);
	p = put_str(p, ",\n  \"total_memory_gb\": ");
	p = py_repr(p, m->ram_gb);
	p = put_str(p, ",\n  \"gpu_name\": ");
	p = put_jstr(p, m->gpu);
	p = put_str(p, ",\n  \"gpu_memory_gb\": ");
	p = m->gpu_gb > 0 ? py_repr(p, m->gpu_gb) : put_str(p, "null");
	p = put_str(p, ",\n  \"platform\": ");
	p = put_jstr(p, m->platform);
	p = put_str(p, ",\n  \"python_version\": \"3.11.6\",\n  \"torch_version\": \"2.1.0\",\n"
		    "  \"detected_at\": ");
	p += snprintf(p, 64, "\"2025-11-%02dT00:%02d:%02d\"", 1 + t->idx % 28,
		      (t->idx * 7) % 60, (t->idx * 13) % 60);
	p = put_str(p, "\n}\n");
	out_commit(&o, p);
	if (out_close(&o, &pl->bytes) != 0)
		return -1;
	pl->files++;

	for (size_t i = 0; i < t->n_mem; i++)
		mean += t->mem[i];
	if (t->n_mem) {
		mean /= (double)t->n_mem;
		mx = mn = t->mem[0];
	}
	for (size_t i = 0; i < t->n_mem; i++) {
		ss += (t->mem[i] - mean) * (t->mem[i] - mean);
		mx = t->mem[i] > mx ? t->mem[i] : mx;
		mn = t->mem[i] < mn ? t->mem[i] : mn;
	}
	snprintf(name, sizeof(name), "analysis_%s.json", t->name);
	if (out_open(&o, pl->dir, name, pl->buf) != 0)
		return -1;
	p = out_reserve(&o);
	p = put_str(p, "{\n  \"hardware_tier\": ");
	p = put_jstr(p, t->name);
	p = put_str(p, ",\n  \"device_type\": ");
	p = put_jstr(p, m->device);
	p = put_str(p, ",\n  \"total_runs\": ");
	p = py_put_u64(p, (uint64_t)t->total);
	p = put_str(p, ",\n  \"successful_runs\": ");
	p = py_put_u64(p, (uint64_t)t->ok);
	p = put_str(p, ",\n  \"memory\": {\n    \"avg_peak_mb\": ");
	p = put_round(p, mean, 2);
	p = put_str(p, ",\n    \"max_peak_mb\": ");
	p = put_round(p, mx, 2);
	p = put_str(p, ",\n    \"min_peak_mb\": ");
	p = put_round(p, mn, 2);
	p = put_str(p, ",\n    \"std_dev_mb\": ");
	p = put_round(p, t->n_mem > 1 ? sqrt(ss / (double)(t->n_mem - 1)) : 0.0, 2);
	p = put_str(p, "\n  },\n  \"performance\": {\n    \"avg_rtf\": ");
	p = put_round(p, t->ok ? t->sum_rtf / (double)t->ok : 0.0, 2);
	p = put_str(p, ",\n    \"avg_tokens_per_sec\": ");
	p = put_round(p, t->ok ? t->sum_tps / (double)t->ok : 0.0, 2);
	p = put_str(p, ",\n    \"avg_duration_s\": ");
	p = put_round(p, t->ok ? t->sum_dur / (double)t->ok : 0.0, 2);
	p = put_str(p, "\n  },\n  \"success_rate\": ");
	p = put_round(p, t->total ? (double)t->ok / (double)t->total : 0.0, 4);
	p = put_str(p, ",\n  \"thermal\": {\n    \"max_temperature_c\": ");
	p = put_round(p, t->max_temp, 2);
	p = put_str(p, ",\n    \"throttle_events\": ");
	p = py_put_u64(p, (uint64_t)t->throttles);
	p = put_str(p, "\n  }\n}\n");
	out_commit(&o, p);
	pl->files++;
	return out_close(&o, &pl->bytes);
}

/* ---- command line ------------------------------------------------------- */

static int parse_size(const char *s, double *bytes)
{
	char *end;
	double v;

	if (strcmp(s, "100M") == 0 || strcmp(s, "1G") == 0) {
		*bytes = s[0] == '1' && s[1] == 'G' ? 1e9 : 1e8;
		return 0;
	}
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !(v > 0))
		return -1;
	if (*end == 'K' || *end == 'k')
		v *= 1e3, end++;
	else if (*end == 'M')
		v *= 1e6, end++;
	else if (*end == 'G')
		v *= 1e9, end++;
	if (*end || v > 1e12)
		return -1;
	*bytes = v;
	return 0;
}

static int parse_ull(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || *end || *s == '-' ? -1 : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: gen OUTDIR --size 100M|1G|<bytes>[K|M|G] [--tiers N] [--seed N] [--synthesis]\n"
			"       gen --selftest N\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct plan pl = { 0 };
	struct tier *tiers;
	double bytes = 0;
	unsigned long long v;
	int rc = 0, synthesis = 0;

	pl.tiers = 16;
	pl.seed = 20251101;
	if (argc == 3 && strcmp(argv[1], "--selftest") == 0)
		return parse_ull(argv[2], &v) ? usage() : py_repr_selftest(v);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
			if (parse_size(argv[++i], &bytes) != 0)
				return usage();
		} else if (strcmp(argv[i], "--tiers") == 0 && i + 1 < argc) {
			if (parse_ull(argv[++i], &v) || v < 1 || v > 4096)
				return usage();
			pl.tiers = (int)v;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			if (parse_ull(argv[++i], &v))
				return usage();
			pl.seed = v;
		} else if (strcmp(argv[i], "--synthesis") == 0) {
			synthesis = 1;   /* the bytes are synthesis rows (issue 17 item 4) */
		} else if (argv[i][0] != '-' && !pl.dir) {
			pl.dir = argv[i];
		} else {
			return usage();
		}
	}
	if (!pl.dir || bytes <= 0)
		return usage();
	pl.rt_per_tier = llround(RT_PER_TIER_1G * bytes / 1e9);
	pl.syn_per_tier = llround(SYN_PER_TIER_1G * bytes / 1e9);
	if (synthesis) {   /* 2 realtime rows a tier, the rest synthesis rows */
		pl.rt_per_tier = 2;
		pl.syn_per_tier = llround(bytes / SYN_ROW_BYTES / pl.tiers);
	}
	if (pl.rt_per_tier < 2)
		pl.rt_per_tier = 2;
	if (pl.syn_per_tier < 2)
		pl.syn_per_tier = 2;
	if (pl.syn_per_tier > 2 * (1 << 19)) {
		fprintf(stderr, "gen: at most %d synthesis rows per tier\n", 1 << 20);
		return 2;
	}
	if (mkdir(pl.dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", pl.dir, strerror(errno));
		return 2;
	}
	pl.buf = malloc(OUT_BUF);
	tiers = calloc((size_t)pl.tiers, sizeof(*tiers));
	if (!pl.buf || !tiers) {
		fprintf(stderr, "gen: out of memory\n");
		return 2;
	}
	for (int i = 0; i < pl.tiers && rc == 0; i++) {
		struct tier *t = &tiers[i];
		struct rng g;

		rseed(&g, pl.seed, (uint64_t)i, 0, 0);
		t->idx = i;
		t->m = &MACHINES[(size_t)i % N_MACHINES];
		snprintf(t->name, sizeof(t->name), "%s_%03d", t->m->name, i);
		t->rtf = t->m->rtf * rrange(&g, 0.9, 1.1);
		t->mem_mb = t->m->mem_mb * rrange(&g, 0.95, 1.05);
		t->gpu_mem_mb = t->m->gpu_mem_mb * rrange(&g, 0.95, 1.05);
		t->cpu_pct = t->m->cpu_pct * rrange(&g, 0.9, 1.1);
		t->temp = t->m->temp > 0 ? t->m->temp + rrange(&g, -3, 3) : 0;
		for (int r = 0; r < 2 && rc == 0; r++)
			rc = write_synthesis(&pl, t, r) || write_realtime(&pl, t, r);
		if (rc == 0)
			rc = write_json(&pl, t);
		free(t->mem);
	}
	if (rc == 0)
		printf("gen: %s: %lld files, %lld synthesis rows, %lld realtime rows, %llu bytes\n",
		       pl.dir, pl.files, pl.syn_rows, pl.rt_rows, pl.bytes);
	free(tiers);
	free(pl.buf);
	return rc ? 2 : 0;
}
