/* columns.c - the column dictionary (see columns.h). */
#include "ts.h"
#include "columns.h"

#include <math.h>

const struct ts_column ts_synthesis_cols[TS_SC_COUNT] = {
	[TS_SC_REQUEST_ID] = { "request_id", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_HARDWARE_TIER] = { "hardware_tier", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_DEVICE_TYPE] = { "device_type", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_CPU_MODEL] = { "cpu_model", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_CPU_CORES] = { "cpu_cores", TS_VAL_INT, 0, NAN, NAN },
	[TS_SC_TOTAL_MEMORY_GB] = { "total_memory_gb", TS_VAL_REAL, 0, NAN, NAN },
	[TS_SC_GPU_NAME] = { "gpu_name", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_TEXT_LENGTH_CHARS] = { "text_length_chars", TS_VAL_INT, 0, NAN, NAN },
	[TS_SC_TEXT_LENGTH_TOKENS] = { "text_length_tokens", TS_VAL_INT, 0, NAN, NAN },
	[TS_SC_START_TIME] = { "start_time", TS_VAL_REAL, 0, NAN, NAN },
	[TS_SC_END_TIME] = { "end_time", TS_VAL_REAL, 0, NAN, NAN },
	[TS_SC_TOTAL_DURATION_S] = { "total_duration_s", TS_VAL_REAL, 1, 0, INFINITY },
	[TS_SC_PEAK_MEMORY_MB] = { "peak_memory_mb", TS_VAL_REAL, 1, 0, INFINITY },
	[TS_SC_PEAK_MEMORY_PERCENT] = { "peak_memory_percent", TS_VAL_REAL, 0, 0, 100 },
	[TS_SC_PEAK_GPU_MEMORY_MB] = { "peak_gpu_memory_mb", TS_VAL_REAL, 1, 0, INFINITY },
	[TS_SC_PEAK_TEMPERATURE_C] = { "peak_temperature_c", TS_VAL_REAL, 1, -50, 150 },
	[TS_SC_THROTTLE_DETECTED] = { "throttle_detected", TS_VAL_BOOL, 1, NAN, NAN },
	[TS_SC_RTF] = { "rtf", TS_VAL_REAL, 1, 0, INFINITY },
	[TS_SC_TOKENS_PER_SECOND] = { "tokens_per_second", TS_VAL_REAL, 1, 0, INFINITY },
	[TS_SC_SUCCESS] = { "success", TS_VAL_BOOL, 1, NAN, NAN },
	[TS_SC_ERROR_MESSAGE] = { "error_message", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_QUANTIZATION_USED] = { "quantization_used", TS_VAL_TEXT, 0, NAN, NAN },
	[TS_SC_TORCH_COMPILE_USED] = { "torch_compile_used", TS_VAL_BOOL, 0, NAN, NAN },
	[TS_SC_ONNX_USED] = { "onnx_used", TS_VAL_BOOL, 0, NAN, NAN },
	[TS_SC_CHUNK_LENGTH] = { "chunk_length", TS_VAL_INT, 0, NAN, NAN },
	[TS_SC_NUM_THREADS] = { "num_threads", TS_VAL_INT, 0, NAN, NAN },
};

const enum ts_syn_col ts_settings_cols[TS_SETTINGS_COUNT] = {
	TS_SC_QUANTIZATION_USED, TS_SC_TORCH_COMPILE_USED, TS_SC_ONNX_USED,
	TS_SC_CHUNK_LENGTH, TS_SC_NUM_THREADS,
};

const enum ts_syn_col ts_metric_cols[TS_M_COUNT] = {
	[TS_M_PEAK_MEMORY_MB] = TS_SC_PEAK_MEMORY_MB,
	[TS_M_RTF] = TS_SC_RTF,
	[TS_M_TOKENS_PER_SECOND] = TS_SC_TOKENS_PER_SECOND,
	[TS_M_TOTAL_DURATION_S] = TS_SC_TOTAL_DURATION_S,
	[TS_M_PEAK_GPU_MEMORY_MB] = TS_SC_PEAK_GPU_MEMORY_MB,
	[TS_M_PEAK_TEMPERATURE_C] = TS_SC_PEAK_TEMPERATURE_C,
};

const char *ts_metric_name(enum ts_metric m)
{
	return ts_synthesis_cols[ts_metric_cols[m]].name;
}

/* timestamp: the time covered is max - min; cpu_percent: mean and max;
 * memory_mb and temperature_c: max (METRICS.md section 4, realtime).
 * Bounds: what no working monitor can record (issue "bad input, second
 * round"): negative durations, rates and memory, a percentage outside 0
 * to 100, a temperature below -50 or above 150 degrees C. */
/* The timestamp's bounds are checked with its neighbours (TS_TS_MAX).
 * memory_percent, gpu_memory_mb and gpu_percent are not read: no
 * statistic uses them yet, and parsing two more numbers a sample costs
 * about a tenth of a 1 GB run (an entry here is all it takes: needed 0,
 * since a CPU machine has no GPU columns). */
const struct ts_rt_column ts_realtime_cols[TS_RC_COUNT] = {
	[TS_RC_TIMESTAMP] = { "timestamp", TS_AGG_MIN | TS_AGG_MAX, 1, NAN, NAN },
	[TS_RC_CPU_PERCENT] = { "cpu_percent", TS_AGG_SUM | TS_AGG_MAX | TS_AGG_ENV, 1, 0, INFINITY },
	[TS_RC_MEMORY_MB] = { "memory_mb", TS_AGG_MAX | TS_AGG_ENV, 1, 0, INFINITY },
	[TS_RC_TEMPERATURE_C] = { "temperature_c", TS_AGG_MAX | TS_AGG_ENV, 1, -50, 150 },
	/* where a GPU is monitored; no bound checked yet (a file of another
	 * monitor may count GPU memory in another unit) */
	[TS_RC_GPU_MEMORY_MB] = { "gpu_memory_mb", TS_AGG_ENV, 0, NAN, NAN },
	[TS_RC_GPU_PERCENT] = { "gpu_percent", TS_AGG_ENV, 0, NAN, NAN },
};

void ts_rt_agg_init(struct ts_rt_agg *a)
{
	a->samples = 0;
	for (int c = 0; c < TS_RC_COUNT; c++) {
		a->col[c].n = 0;
		a->col[c].sum = 0;
		a->col[c].min = a->col[c].max = NAN;
	}
}
