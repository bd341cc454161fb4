/* csvwrite.h - CSV written as RFC 4180 has it, one field at a time.
 *
 * For the outputs a reader opens in a spreadsheet or Python's csv module
 * (the figures' data, the tables): UTF-8, CRLF record ends. Pure but for
 * the stream; write errors show at the stream's close.
 */
#ifndef TS_CSVWRITE_H
#define TS_CSVWRITE_H

#include "ts.h"

#include <stdio.h>

/* Write one field: quoted (with '"' doubled) when it holds a comma, a
 * quote, CR or LF; NULL is an empty field. `last` ends the record with
 * CRLF, else a comma follows. */
void ts_csv_put_field(FILE *fp, const char *s, int last);

#endif /* TS_CSVWRITE_H */
