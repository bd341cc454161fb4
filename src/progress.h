/* progress.h - a one-line progress display on a terminal.
 *
 * When stderr is a terminal (and TERM is not "dumb") and reading the
 * inputs has taken more than a second, one line shows files and MB done,
 * the rate and the time left, redrawn at most five times a second and
 * cleared at the end. Nothing at all when stderr is not a terminal.
 * Safe to call from the pool's threads.
 */
#ifndef TS_PROGRESS_H
#define TS_PROGRESS_H

#include "ts.h"

/* Begin: `bytes` and `files` to read in all. */
void ts_progress_start(unsigned long long bytes, unsigned long files);
/* `n` more bytes read (any thread). */
void ts_progress_bytes(unsigned long long n);
/* One more file finished (any thread). */
void ts_progress_file(void);
/* Clear the line and stop. */
void ts_progress_end(void);

/* Around any other write to stderr while progress may be shown: clears
 * the line first and keeps the display from drawing in between. */
void ts_progress_hold(void);
void ts_progress_release(void);

#endif /* TS_PROGRESS_H */
