/* csvfloor.c - the parser floor for `make bench`: how fast libcsv alone
 * goes through a folder's CSV files.
 *
 *     csvfloor DIR
 *
 * Every *.csv directly in DIR (sorted by name) is read with read() in 64 KiB
 * chunks, as tierstat reads it, and fed to libcsv with the options tierstat
 * uses (CSV_STRICT_FINI | CSV_APPEND_NULL) and callbacks that only count, so
 * nothing is optimised away. Single-threaded. Prints one line:
 *
 *     csvfloor: F files, R rows, N fields, B bytes
 *
 * Exit 0, or 2 when a file cannot be read or libcsv reports an error.
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

struct counts {
	unsigned long long rows, fields, bytes;
};

static void on_field(void *s, size_t n, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)n;
	c->fields++;
}

static void on_row(int ch, void *data)
{
	struct counts *c = data;

	(void)ch;
	c->rows++;
}

static int parse_file(const char *path, struct counts *c, char *buf)
{
	struct csv_parser p;
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "csvfloor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (csv_init(&p, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fprintf(stderr, "csvfloor: csv_init failed\n");
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, CHUNK)) > 0) {
		c->bytes += (unsigned long long)n;
		if (csv_parse(&p, buf, (size_t)n, on_field, on_row, c) != (size_t)n) {
			fprintf(stderr, "csvfloor: %s: %s\n", path, csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
	}
	if (n < 0) {
		fprintf(stderr, "csvfloor: %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_row, c) != 0) {
		fprintf(stderr, "csvfloor: %s: %s\n", path, csv_strerror(csv_error(&p)));
		rc = -1;
	}
	csv_free(&p);
	close(fd);
	return rc;
}

static int is_csv(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0;
}

int main(int argc, char **argv)
{
	struct counts c = { 0, 0, 0 };
	struct dirent **names;
	char *buf, *path;
	int n, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: csvfloor DIR\n");
		return 2;
	}
	n = scandir(argv[1], &names, is_csv, alphasort);
	if (n < 0) {
		fprintf(stderr, "csvfloor: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	buf = malloc(CHUNK);
	path = malloc(strlen(argv[1]) + 258);
	if (!buf || !path) {
		fprintf(stderr, "csvfloor: out of memory\n");
		return 2;
	}
	for (int i = 0; i < n; i++) {
		snprintf(path, strlen(argv[1]) + 258, "%s/%s", argv[1], names[i]->d_name);
		if (parse_file(path, &c, buf) != 0)
			rc = 2;
		free(names[i]);
	}
	free(names);
	free(path);
	free(buf);
	printf("csvfloor: %d files, %llu rows, %llu fields, %llu bytes\n", n, c.rows, c.fields,
	       c.bytes);
	return rc;
}
