/* fuzz_json.c - libFuzzer target for the JSON loaders (specs.c) into a
 * real in-memory store.
 *
 * The first byte chooses the file: even, hardware_specs_fz.json; odd,
 * analysis_fz.json. The rest is the file. The store is shared by inputs
 * (fuzz_store), so the
 * loaders also meet the rows earlier inputs left (a specs file read
 * before an analysis file, as in a real folder).
 */
#include "fuzz_util.h"
#include "specs.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ts_store *store;
	struct ts_diag d;
	struct ts_load_totals tot;
	struct ts_input in;
	char specs[] = "hardware_specs_fz.json", analysis[] = "analysis_fz.json";
	char tier[] = "fz";
	int is_analysis;

	if (size < 1)
		return 0;
	is_analysis = data[0] & 1;
	data++;
	size--;
	fuzz_diag(&d);
	store = fuzz_store();
	memset(&in, 0, sizeof(in));
	memset(&tot, 0, sizeof(tot));
	in.rel = is_analysis ? analysis : specs;
	in.path = (char *)fuzz_file(in.rel, data, size);
	in.kind = is_analysis ? TS_KIND_ANALYSIS : TS_KIND_SPECS;
	in.tier = tier;
	in.size = (long long)size;
	ts_specs_load(store, &in, &tot, &d);
	return 0;
}
