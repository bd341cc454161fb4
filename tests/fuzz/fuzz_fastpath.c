/* fuzz_fastpath.c - differential libFuzzer target for the CSV fast path
 * (csvread.h ts_csv_fast_path): every input, read field by field through
 * the fast path and through libcsv alone, must give the same fields,
 * line numbers, counts and messages (fastdiff.h writes them down); it
 * aborts, printing both, when they differ.
 *
 * The first byte chooses how the file is read:
 *   bit 0    trim blanks around fields (as the realtime loader asks)
 *   bit 1-3  bytes read at a time: 1, 2, 7, 16, 63, 64, 100 or 65536
 *   bit 4    stop after the third data record (the callback asks to)
 *   bit 5-7  the columns asked for: all, or a mask from these bits
 * the second byte: 0, the whole file; else read only its first
 * (byte / 256) part, as a segment is read;
 * the rest is the file.
 */
#include "fuzz_util.h"
#include "fastdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t chunks[8] = { 1, 2, 7, 16, 63, 64, 100, 65536 };
	const char *name = "realtime_fz_20251101.csv", *path;
	unsigned mode, mask;
	long long range_end;
	char *a, *b;

	if (size < 2)
		return 0;
	mode = data[0];
	mask = (mode >> 5) ? (mode >> 5) | 0xf8u : 0xffu;
	range_end = data[1] ? (long long)((size - 2) * data[1] / 256) + 1 : 0;
	path = fuzz_file(name, data + 2, size - 2);
	a = fastdiff_read(path, name, 0, chunks[(mode >> 1) & 7], mode & 1, mask,
			  (mode >> 4) & 1 ? 3 : 0, range_end, NULL);
	b = fastdiff_read(path, name, 1, chunks[(mode >> 1) & 7], mode & 1, mask,
			  (mode >> 4) & 1 ? 3 : 0, range_end, NULL);
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "libcsv alone:\n%s\nfast path:\n%s\n", a, b);
		abort();
	}
	free(a);
	free(b);
	return 0;
}
