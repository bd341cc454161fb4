/* png_phys.c - record a PNG's resolution: insert a pHYs chunk (see draw.h).
 *
 * cairo writes IHDR, IDAT and IEND (and no pHYs), so a viewer or LaTeX
 * would assume 72 or 96 dpi. PNG chunks are: 4-byte big-endian length,
 * 4-byte type, data, CRC-32 over type and data (PNG spec 5.3); pHYs holds
 * pixels per unit in x and y and unit 1 = metre (PNG spec 11.3.5.3).
 */
#include "ts.h"
#include "draw.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static unsigned long get32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int put(FILE *fp, const unsigned char *p, size_t n)
{
	return fwrite(p, 1, n, fp) == n ? 0 : -1;
}

int ts_draw_png_phys(const unsigned char *png, size_t len, double dpi,
		     FILE *fp)
{
	unsigned char chunk[4 + 4 + 9 + 4];
	unsigned long ppm = (unsigned long)lround(dpi / 0.0254);
	size_t at = 8;

	if (len < 8 + 25 || memcmp(png, png_sig, 8) != 0 ||
	    memcmp(png + 12, "IHDR", 4) != 0 || get32(png + 8) != 13)
		return -1;
	put32(chunk, 9);
	memcpy(chunk + 4, "pHYs", 4);
	put32(chunk + 8, ppm);
	put32(chunk + 12, ppm);
	chunk[16] = 1; /* unit: metre */
	put32(chunk + 17, crc32(crc32(0L, Z_NULL, 0), chunk + 4, 4 + 9));
	if (put(fp, png, 8 + 25) < 0 || put(fp, chunk, sizeof(chunk)) < 0)
		return -1;
	at = 8 + 25;
	while (at + 12 <= len) {
		unsigned long n = get32(png + at);
		if (n > len - at - 12)
			return -1;
		if (memcmp(png + at + 4, "pHYs", 4) != 0 &&
		    put(fp, png + at, 12 + n) < 0)
			return -1;
		at += 12 + n;
	}
	return at == len ? 0 : -1;
}
