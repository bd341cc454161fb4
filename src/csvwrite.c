/* csvwrite.c - CSV fields out (see csvwrite.h). */
#include "ts.h"
#include "csvwrite.h"

#include <string.h>

void ts_csv_put_field(FILE *fp, const char *s, int last)
{
	if (s && s[strcspn(s, ",\"\r\n")]) {
		fputc('"', fp);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else if (s) {
		fputs(s, fp);
	}
	fputs(last ? "\r\n" : ",", fp);
}
