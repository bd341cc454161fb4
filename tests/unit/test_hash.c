/* test_hash.c - the store's file hash: the same value however the bytes
 * are fed, and a different one when any byte or the length differs. */
#include "ts.h"
#include "testutil.h"

#include "hash.h"

#include <string.h>

static unsigned long long whole(const unsigned char *p, size_t n)
{
	struct ts_hash h;
	ts_hash_init(&h);
	ts_hash_update(&h, p, n);
	return ts_hash_final(&h);
}

static void pieces_equal_whole(void **state)
{
	unsigned char buf[1000];
	unsigned long long r = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++) {
		r = r * 6364136223846793005ULL + 1;
		buf[i] = (unsigned char)(r >> 56);
	}
	for (size_t n = 0; n <= sizeof(buf); n += 37) {
		unsigned long long want = whole(buf, n);
		for (size_t step = 1; step <= 70; step += 3) {
			struct ts_hash h;
			ts_hash_init(&h);
			for (size_t i = 0; i < n; i += step)
				ts_hash_update(&h, buf + i, n - i < step ? n - i : step);
			assert_true(ts_hash_final(&h) == want);
		}
	}
}

static void any_change_shows(void **state)
{
	unsigned char buf[100] = "request_id,hardware_tier\r\n96f2af8c,intel_i5\r\n";
	unsigned long long base = whole(buf, sizeof(buf));

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++) {
		buf[i] ^= 1;
		assert_true(whole(buf, sizeof(buf)) != base);
		buf[i] ^= 1;
	}
	assert_true(whole(buf, sizeof(buf) - 1) != base);   /* a zero byte less */
	assert_true(whole(buf, 0) != 0);
	assert_true(whole(buf, sizeof(buf)) == base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pieces_equal_whole),
		cmocka_unit_test(any_change_shows),
	};
	return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
