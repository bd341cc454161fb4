/* ts.h - first include of every tierstat source file.
 *
 * Feature macros, printf checking, small helpers and the exit codes that
 * `tierstat --help` and the README document. Keep it short (< 80 lines).
 */
#ifndef TS_H
#define TS_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <stddef.h>

#define TS_VERSION "0.1.0"

#if defined(__GNUC__)
#define TS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TS_NORETURN __attribute__((noreturn))
#else
#define TS_PRINTF(f, a)
#define TS_NORETURN
#endif

#define TS_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* Exit status (METRICS.md section 7; documented in README.md and --help):
 * the severities printed decide it. */
enum ts_exit {
	TS_EXIT_OK = 0,        /* nothing worse than a note was printed */
	TS_EXIT_PARTIAL = 1,   /* outputs written, a warning or error printed */
	TS_EXIT_FAILURE = 2    /* usage error, no usable tier, or no output */
};

/* Size of one read() when streaming a CSV file. The test build shrinks it
 * so that every record crosses a chunk boundary. */
#ifndef TS_READ_CHUNK
#define TS_READ_CHUNK 65536
#endif

/* Largest CSV record (all fields together) kept; a longer one is skipped
 * with a warning instead of growing memory without bound. */
#ifndef TS_RECORD_MAX
#define TS_RECORD_MAX (16u << 20)
#endif

#endif /* TS_H */
