/* draw_png.c - the PNG encoder of draw.h: ts_draw_png_write() encodes
 * the pixels of cairo image surfaces, a band of rows at a time, with
 * libpng (draw.c draws the bands).
 *
 * Why not cairo_surface_write_to_png: it records no resolution (a viewer
 * or LaTeX then assumes 72 or 96 dpi) and uses libpng's slowest settings
 * (every filter tried per row, zlib level 6), which made PNG encoding
 * three quarters of a thesis-folder run. Charts are large flat areas:
 * no filter and zlib level 3 encode three to four times faster, for files
 * of about the same size (at 300 dpi: bar charts 100 kB instead of 65 kB,
 * the table 110 kB instead of 120 kB). libpng writes no tIME chunk, so
 * the bytes are reproducible.
 */
#include "ts.h"
#include "draw.h"

#include <math.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>

/* libpng reports errors by longjmp; keep the message out of stderr. */
static void on_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

int ts_draw_png_write(int width, int height, int band, double dpi, FILE *fp,
		      ts_draw_rows_fn rows, void *ctx)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						  on_error, on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *volatile row = NULL;
	int rc = -1;

	if (!png || !info || band < 1)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	row = malloc((size_t)width * 3);
	if (!row)
		goto out;
	png_init_io(png, fp);
	png_set_compression_level(png, 3);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* pHYs: pixels per metre (PNG spec 11.3.5.3) */
	{
		png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);
		png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	}
	png_write_info(png, info);
	for (int y0 = 0; y0 < height; y0 += band) {
		int n = height - y0 < band ? height - y0 : band, stride = 0;
		const unsigned char *data = rows(ctx, y0, n, &stride);
		if (!data)
			goto out;
		for (int y = 0; y < n; y++) {
			/* cairo RGB24: one native-endian uint32 0x00RRGGBB a pixel */
			const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
			for (int x = 0; x < width; x++) {
				row[3 * x] = (unsigned char)(px[x] >> 16);
				row[3 * x + 1] = (unsigned char)(px[x] >> 8);
				row[3 * x + 2] = (unsigned char)px[x];
			}
			png_write_row(png, row);
		}
	}
	png_write_end(png, NULL);
	rc = ferror(fp) ? -1 : 0;
out:
	png_destroy_write_struct(&png, &info);
	free(row);
	return rc;
}
