/* store_int.h - the store's handle and statement table, shared by
 * store.c (opening, writing, re-runs) and store_query.c (what the tier
 * model reads). Not for other modules: they use store.h. The only header
 * that includes <sqlite3.h>.
 */
#ifndef TS_STORE_INT_H
#define TS_STORE_INT_H

#include "ts.h"
#include "store.h"

#include <sqlite3.h>

/* The statements prepared once when the store opens (the SQL is in
 * store.c's table; ts_store_scan_synthesis builds its own, for the
 * columns it is asked for). */
enum stmt_id {
	ST_ADD_FILE, ST_FILE_STATUS, ST_FILE_LOG, ST_PRIOR, ST_FORGET_PATH,
	ST_FORGET_KIND, ST_ADD_SYN, ST_FIND_DUP, ST_ADD_RT, ST_ADD_RT_COL, ST_ADD_RT_ENV,
	ST_ADD_SPECS, ST_ADD_ANALYSIS, ST_SPECS_DEVICE, ST_KEYS,
	ST_TIER_SPECS, ST_TIER_ANALYSIS, ST_RT_FILES, ST_SYN_FIRST, ST_ROW_HW,
	ST_SPECS_FILES, ST_RT_ENV,
	ST_RT_PARTNER, ST_ADD_RT_PHASE, ST_ADD_REQ_SAMPLES, ST_SYN_FILE_ID, ST_RT_PHASES,
	ST_COUNT
};

struct ts_store {
	sqlite3 *db;
	int reused;               /* opened an existing store of this version */
	int is_file;              /* --db: outlives the run */
	struct ts_diag *d;        /* where SQLite errors are reported */
	sqlite3_stmt *st[ST_COUNT];
};

/* The SQL of statement i (store.c); NULL for those built when the store
 * opens: ST_ADD_SYN from the column dictionary, ST_FILE_LOG and ST_PRIOR
 * from the diagnostic counters' names. */
extern const char *const ts_store_sql[ST_COUNT];

/* Report SQLite's last error as "store: WHAT: ..." and return -1. */
int ts_store_db_error(struct ts_store *s, const char *what);
/* Reset a statement after use and clear its bindings. */
void ts_store_done(sqlite3_stmt *st);
/* A column as a new string (NULL for NULL), a real (NAN for NULL), an
 * integer (-1 for NULL). */
char *ts_store_col_text(sqlite3_stmt *st, int i);
double ts_store_col_real(sqlite3_stmt *st, int i);
long long ts_store_col_int(sqlite3_stmt *st, int i);

#endif /* TS_STORE_INT_H */
