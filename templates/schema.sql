-- tierstat store: what `tierstat analyze` read from a metrics folder.
-- A private temporary database by default; `--db FILE` keeps it in FILE,
-- for queries with the sqlite3 shell and for re-runs that read only the
-- files that changed. PRAGMA application_id marks the file as tierstat's
-- and PRAGMA user_version is the schema version (see store.c).

-- Every input file found by the scan, whether it could be used or not.
CREATE TABLE input_file (
	id           INTEGER PRIMARY KEY,   -- in path order
	path         TEXT NOT NULL UNIQUE,  -- relative to the metrics folder
	kind         TEXT NOT NULL,         -- synthesis | realtime | hardware_specs | analysis
	tier         TEXT NOT NULL,         -- <tier> from the file name
	stem         TEXT,                  -- <dir>/<tier>_<stamp> pairing the CSV files
	base_stem    TEXT,                  -- <tier>_<stamp>, when no pair is in <dir>
	size         INTEGER NOT NULL,      -- bytes
	mtime_ns     INTEGER NOT NULL,      -- modification time, ns since the epoch
	hash         INTEGER,               -- 64-bit hash of the bytes read (NULL: not read)
	status       TEXT NOT NULL DEFAULT 'read',  -- read | skipped | copy (same bytes as an earlier file)
	rows_used    INTEGER NOT NULL DEFAULT 0,
	rows_skipped INTEGER NOT NULL DEFAULT 0,
	-- what reading it printed and counted, replayed when a re-run with
	-- --db finds the file unchanged (same path, size and mtime)
	messages     TEXT NOT NULL DEFAULT '',
	n_note       INTEGER NOT NULL DEFAULT 0,
	n_warning    INTEGER NOT NULL DEFAULT 0,
	n_error      INTEGER NOT NULL DEFAULT 0,
	cells_dropped INTEGER NOT NULL DEFAULT 0,
	rows_dropped INTEGER NOT NULL DEFAULT 0,
	files_dropped INTEGER NOT NULL DEFAULT 0
);

-- Which tierstat wrote the store: another version reads everything anew.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- One row per synthesis request (METRICS.md section 2). NULL = unknown.
-- Booleans are 0/1. A duplicate request_id within a tier is not stored.
CREATE TABLE synthesis (
	file_id            INTEGER NOT NULL REFERENCES input_file(id) ON DELETE CASCADE,
	line               INTEGER NOT NULL,  -- physical line where the row starts
	request_id         TEXT,
	hardware_tier      TEXT NOT NULL,     -- the column, else the file name's tier
	device_type        TEXT NOT NULL,
	cpu_model          TEXT,
	cpu_cores          INTEGER,
	total_memory_gb    REAL,
	gpu_name           TEXT,
	text_length_chars  INTEGER,
	text_length_tokens INTEGER,
	start_time         REAL,              -- Unix seconds
	end_time           REAL,
	total_duration_s   REAL,
	peak_memory_mb     REAL,
	peak_memory_percent REAL,
	peak_gpu_memory_mb REAL,
	peak_temperature_c REAL,              -- 0 = no sensor
	throttle_detected  INTEGER,
	rtf                REAL,
	tokens_per_second  REAL,
	success            INTEGER,
	error_message      TEXT,
	quantization_used  TEXT,
	torch_compile_used INTEGER,
	onnx_used          INTEGER,
	chunk_length       INTEGER,
	num_threads        INTEGER,
	PRIMARY KEY (file_id, line)
);
CREATE UNIQUE INDEX synthesis_request
	ON synthesis(hardware_tier, device_type, request_id);

-- Realtime samples, aggregated per file while streaming: never one row
-- per 100 ms sample.
CREATE TABLE realtime_file (
	file_id           INTEGER PRIMARY KEY REFERENCES input_file(id) ON DELETE CASCADE,
	samples           INTEGER NOT NULL,   -- data rows
	partner           TEXT                -- the synthesis file its samples were
	                                      -- judged against (README "Synthesis
	                                      -- against idle"); NULL: none
);

-- Per realtime file with a partner: its kept samples (a timestamp in
-- Unix seconds) during the partner's requests (start_time <= t <=
-- end_time of some row) and between them (idle).
CREATE TABLE realtime_phase (
	file_id           INTEGER NOT NULL REFERENCES realtime_file(file_id) ON DELETE CASCADE,
	phase             TEXT NOT NULL,      -- during | idle
	samples           INTEGER NOT NULL,   -- kept samples
	n_memory          INTEGER NOT NULL,   -- finite memory_mb values among them
	memory_sum        REAL,               -- their compensated sum (NULL: none)
	memory_max        REAL,
	n_cpu             INTEGER NOT NULL,   -- finite cpu_percent values
	cpu_sum           REAL,
	PRIMARY KEY (file_id, phase)
) WITHOUT ROWID;

-- Per request of a realtime file's partner (every row with start_time <=
-- end_time, failed ones too): the realtime file's kept samples inside its
-- interval. See the view request_profile.
CREATE TABLE request_samples (
	realtime_file_id  INTEGER NOT NULL REFERENCES realtime_file(file_id) ON DELETE CASCADE,
	syn_file_id       INTEGER NOT NULL,   -- the partner's input_file.id (no foreign
	                                      -- key: a re-read synthesis group re-reads
	                                      -- every realtime file, whose rows go with it)
	line              INTEGER NOT NULL,   -- the request's line in its file
	samples           INTEGER NOT NULL,
	mean_memory_mb    REAL,               -- NULL: no memory_mb value
	max_memory_mb     REAL,
	mean_cpu_percent  REAL,
	PRIMARY KEY (realtime_file_id, syn_file_id, line)
) WITHOUT ROWID;

-- Each stored request with the samples of its realtime file(s).
CREATE VIEW request_profile AS
	SELECT f.path AS synthesis_path, s.line, s.request_id, s.hardware_tier, s.device_type,
	       s.success, s.start_time, s.end_time, rf.path AS realtime_path, r.samples,
	       r.mean_memory_mb, r.max_memory_mb, r.mean_cpu_percent
	FROM request_samples r
	JOIN synthesis s ON s.file_id = r.syn_file_id AND s.line = r.line
	JOIN input_file f ON f.id = r.syn_file_id
	JOIN input_file rf ON rf.id = r.realtime_file_id;

-- Per realtime file and column (every realtime column of src/columns.c),
-- over its finite values. min, max and sum
-- are NULL where the statistics do not ask for them or n is 0.
CREATE TABLE realtime_column (
	file_id           INTEGER NOT NULL REFERENCES realtime_file(file_id) ON DELETE CASCADE,
	name              TEXT NOT NULL,      -- the CSV column
	n                 INTEGER NOT NULL,   -- finite values
	sum               REAL,               -- their compensated sum
	min               REAL,
	max               REAL,
	PRIMARY KEY (file_id, name)
) WITHOUT ROWID;

-- Per realtime file and column with an envelope (TS_AGG_ENV in
-- src/columns.c) and samples: the envelope over time (src/envelope.h),
-- buckets of 2^scale seconds from absolute index `first` on; `buckets`
-- holds each as min, max, sum_hi, sum_lo (doubles) and n (int64) in this
-- machine's byte order, 40 bytes (src/store.h ts_store_add_envelopes).
CREATE TABLE realtime_envelope (
	file_id           INTEGER NOT NULL REFERENCES realtime_file(file_id) ON DELETE CASCADE,
	name              TEXT NOT NULL,      -- the CSV column
	scale             INTEGER NOT NULL,
	first             INTEGER NOT NULL,
	samples           INTEGER NOT NULL,   -- values in all
	buckets           BLOB NOT NULL,
	PRIMARY KEY (file_id, name)
) WITHOUT ROWID;

-- hardware_specs_<tier>.json: the object as read, plus the fields the
-- summary table uses.
CREATE TABLE hardware_specs (
	file_id         INTEGER PRIMARY KEY REFERENCES input_file(id) ON DELETE CASCADE,
	hardware_tier   TEXT NOT NULL,        -- the field, else the file name's tier
	device_type     TEXT,
	display_name    TEXT,
	cpu_model       TEXT,
	cpu_cores       INTEGER,
	total_memory_gb REAL,
	gpu_name        TEXT,
	json            TEXT NOT NULL         -- compact, keys in file order
);

-- analysis_<tier>.json: the monitor's own aggregate (METRICS.md section 5).
CREATE TABLE analysis (
	file_id            INTEGER PRIMARY KEY REFERENCES input_file(id) ON DELETE CASCADE,
	hardware_tier      TEXT NOT NULL,
	device_type        TEXT NOT NULL,
	total_runs         INTEGER,
	successful_runs    INTEGER,
	success_rate       REAL,
	avg_peak_mb        REAL,
	max_peak_mb        REAL,
	min_peak_mb        REAL,
	std_dev_mb         REAL,
	avg_rtf            REAL,
	avg_tokens_per_sec REAL,
	avg_duration_s     REAL,
	max_temperature_c  REAL,
	throttle_events    INTEGER
);
