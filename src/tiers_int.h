/* tiers_int.h - what tiers.c and tiers_rt.c share; not for other
 * modules (they use tiers.h). */
#ifndef TS_TIERS_INT_H
#define TS_TIERS_INT_H

#include "ts.h"
#include "tiers.h"

struct ts_store;

/* Add path to t's sources (once). */
void ts_tiers_add_source(struct ts_tier *t, const char *path);

/* Pair each stored realtime file with its tier (README decision 6; with
 * --by, the group of its partner's first row) and add its samples, its
 * phases and its run of the timeline: 0, or -1 when the store failed. */
int ts_tiers_add_realtime(struct ts_tiers *t, struct ts_store *s, struct ts_diag *d);

/* Note each hardware_specs file that no tier has data for: 0 or -1. */
int ts_tiers_note_lonely_specs(const struct ts_tiers *t, struct ts_store *s, struct ts_diag *d);

#endif /* TS_TIERS_INT_H */
