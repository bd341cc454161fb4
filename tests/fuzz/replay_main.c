/* replay_main.c - run a fuzz target over files, without libFuzzer.
 *
 *     build/fuzz/replay_csvread FILE...
 *
 * Linked with one fuzz_*.c into a plain (gcc, sanitized) binary, so that
 * `make test` replays the seed corpus and every kept crash on every run.
 * Prints "replay: N inputs" and exits 0; a crash is the sanitizer's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int n = 0;

	for (int i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		unsigned char *buf = NULL;
		size_t len = 0, cap = 0, got;

		if (!fp) {
			perror(argv[i]);
			return 2;
		}
		do {
			if (len == cap) {
				unsigned char *p;
				cap = cap ? cap * 2 : 4096;
				p = realloc(buf, cap);
				if (!p)
					abort();
				buf = p;
			}
			got = fread(buf + len, 1, cap - len, fp);
			len += got;
		} while (got > 0);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		n++;
	}
	printf("replay: %d inputs\n", n);
	return 0;
}
