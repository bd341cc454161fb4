/* ownname.c - the names of the files tierstat writes (see ownname.h). */
#include "ts.h"
#include "ownname.h"

#include <string.h>

#define TEMP_PREFIX ".tierstat-"
#define JSON_NAME "hardware_metadata.json"

/* The outputs' names without their extension, each with the
 * extensions it is written with (NULL-terminated lists). */
static const char *const fig_exts[] = { "png", "pdf", "svg", "csv", NULL };
static const char *const table_exts[] = { "tex", "md", "csv", NULL };
static const struct { const char *stem; const char *const *exts; } stems[] = {
	{ "fig1_memory_comparison", fig_exts }, { "fig2_rtf_comparison", fig_exts },
	{ "fig3_success_rate", fig_exts }, { "fig4_relative", fig_exts },
	{ "fig_hardware_summary", fig_exts }, { "fig5_memory_timeline", fig_exts },
	{ "fig6_duration_vs_tokens", fig_exts }, { "fig7_setting_effect", fig_exts },
	{ "table_hardware", table_exts }, { "table_results", table_exts },
};

/* timeline_<key>, one per tier with realtime samples: a tier key is
 * "<hardware_tier>_<device_type>", so at least one character after the
 * prefix; any but '/' (a base name never holds one). */
#define TIMELINE_PREFIX "timeline_"

/* Files of their own names: the JSON, the captions, the numbers. */
static const char *const whole[] = { JSON_NAME, "captions.tex", "captions.md", "numbers.tex" };

static int has_ext(const char *ext, const char *const *exts)
{
	for (const char *const *e = exts; *e; e++)
		if (strcmp(ext, *e) == 0)
			return 1;
	return 0;
}

/* timeline_KEY.EXT, KEY not empty, EXT a figure's (the last dot ends
 * KEY: a key may hold dots, an extension never does). */
static int is_timeline(const char *base)
{
	size_t n = strlen(TIMELINE_PREFIX);
	const char *dot = strrchr(base, '.');

	return strncmp(base, TIMELINE_PREFIX, n) == 0 && dot && dot > base + n &&
	       has_ext(dot + 1, fig_exts);
}

static int is_output(const char *base)
{
	for (size_t i = 0; i < TS_COUNTOF(whole); i++)
		if (strcmp(base, whole[i]) == 0)
			return 1;
	if (is_timeline(base))
		return 1;
	for (size_t i = 0; i < TS_COUNTOF(stems); i++) {
		size_t n = strlen(stems[i].stem);
		if (strncmp(base, stems[i].stem, n) == 0 && base[n] == '.' &&
		    has_ext(base + n + 1, stems[i].exts))
			return 1;
	}
	return 0;
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* ".tierstat-" OUTPUT "." six letters or digits, and ".old" or nothing. */
static int is_temp(const char *base)
{
	size_t len, tail;
	char name[256];               /* NAME_MAX + 1 */

	if (strncmp(base, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0)
		return 0;
	base += strlen(TEMP_PREFIX);
	len = strlen(base);
	tail = 7;                                  /* ".XXXXXX" */
	if (len > 4 && strcmp(base + len - 4, ".old") == 0)
		tail += 4;
	if (len <= tail || len - tail >= sizeof(name))
		return 0;
	if (base[len - tail] != '.')
		return 0;
	for (size_t i = len - tail + 1; i < len - tail + 7; i++)
		if (!is_alnum(base[i]))
			return 0;
	memcpy(name, base, len - tail);
	name[len - tail] = '\0';
	return is_output(name);
}

enum ts_own ts_own_name(const char *base)
{
	if (is_output(base))
		return TS_OWN_OUTPUT;
	if (is_temp(base))
		return TS_OWN_TEMP;
	return TS_OWN_NONE;
}

int ts_own_name_like(const char *base)
{
	if (strncmp(base, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0)
		return 1;
	if (strncmp(base, TIMELINE_PREFIX, strlen(TIMELINE_PREFIX)) == 0 &&
	    strchr(base + strlen(TIMELINE_PREFIX), '.'))
		return 1;
	for (size_t i = 0; i < TS_COUNTOF(whole); i++)
		if (strncmp(base, whole[i], strlen(whole[i])) == 0)
			return 1;
	for (size_t i = 0; i < TS_COUNTOF(stems); i++) {
		size_t n = strlen(stems[i].stem);
		if (strncmp(base, stems[i].stem, n) == 0 && base[n] == '.')
			return 1;
	}
	return 0;
}
