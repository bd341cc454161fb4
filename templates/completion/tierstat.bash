# bash completion for tierstat(1); installed as
# $(PREFIX)/share/bash-completion/completions/tierstat.
# Plain bash (bash-completion is not needed).

_tierstat_opts='--output -o --db --quiet -q --timing --warmup --reference --by --baseline
--format --width --height --font-size --font --dpi --grayscale --label
--figures --no-title --no-footnote --memory-unit --log-rtf --linear-rtf
--errorbar --tables --help -h'
_tierstat_figures='fig1_memory_comparison fig2_rtf_comparison fig3_success_rate
fig4_relative fig_hardware_summary fig5_memory_timeline fig6_duration_vs_tokens fig7_setting_effect timeline fig1 fig2 fig3 fig4 summary fig5 fig6 fig7'

# Tier keys of a metrics folder, one per line, each followed by $3: the
# "key"s of the hardware_metadata.json of the -o folder or of the metrics
# folder when there is one (an earlier run wrote it); else the tiers of
# its synthesis file names, as they are (the key's hardware_tier part:
# --reference takes them, --label wants the device type added).
_tierstat_tiers() {
	local dir=$1 out=$2 f
	for f in ${out:+"$out/hardware_metadata.json"} ${dir:+"$dir/hardware_metadata.json"}; do
		if [[ -f $f ]]; then
			sed -n "s/^ *\"key\": *\"\\([^\"]*\\)\".*/\\1$3/p" "$f"
			return
		fi
	done
	[[ -n $dir && -d $dir ]] || return
	find "$dir" -name 'synthesis_*.csv' 2>/dev/null | sed -n \
		's|.*/synthesis_\(.*[^/]\)_[0-9]\{8\}\(_[0-9]\{6\}\)\{0,1\}\.csv$|\1|p' | sort -u
}

# Complete the last item of a comma-separated list from the words $2.
_tierstat_list() {
	local cur=$1 head= w
	[[ $cur == *,* ]] && head=${cur%,*},
	COMPREPLY=()
	for w in $(compgen -W "$2" -- "${cur##*,}"); do
		COMPREPLY+=("$head$w")
	done
	compopt -o nospace 2>/dev/null
}

_tierstat() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= i w dir= out= skip=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=VALUE: bash makes "--opt" "=" "VALUE" of it
	if [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == = ]]; then
		cur=
	fi
	COMPREPLY=()
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W 'analyze --help --version -h -V' -- "$cur"))
		return
	fi
	[[ ${COMP_WORDS[1]} == analyze ]] || return
	# the metrics folder: the first word that is neither an option nor
	# an option's value
	for ((i = 2; i < ${#COMP_WORDS[@]}; i++)); do
		((i == COMP_CWORD)) && { skip=; continue; }
		w=${COMP_WORDS[i]}
		if [[ -n $skip ]]; then
			[[ $skip == -o || $skip == --output ]] && out=$w
			skip=
			continue
		fi
		case $w in
		-o | --output | --db | --warmup | --reference | --by | --baseline | --format | --width | \
		--height | --font-size | --font | --dpi | --label | --figures | --memory-unit | \
		--errorbar | --tables)
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
			skip=$w ;;
		-*) ;;
		*) [[ -z $dir ]] && dir=$w ;;
		esac
	done
	case $prev in
	-o | --output)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--db)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--format)
		_tierstat_list "$cur" 'png pdf svg'; return ;;
	--figures)
		_tierstat_list "$cur" "$_tierstat_figures"; return ;;
	--memory-unit)
		COMPREPLY=($(compgen -W 'MB GB MiB GiB' -- "$cur")); return ;;
	--by)
		_tierstat_list "$cur" 'quantization_used torch_compile_used onnx_used chunk_length num_threads cpu_model gpu_name throttle_detected success error_message'; return ;;
	--errorbar)
		COMPREPLY=($(compgen -W 'sd se ci95 none' -- "$cur")); return ;;
	--tables)
		_tierstat_list "$cur" 'tex md csv none'; return ;;
	--label)
		COMPREPLY=($(compgen -W "$(_tierstat_tiers "$dir" "$out" =)" -- "$cur"))
		compopt -o nospace 2>/dev/null
		return ;;
	--reference)
		COMPREPLY=($(compgen -W "$(_tierstat_tiers "$dir" "$out")" -- "$cur")); return ;;
	--warmup | --baseline | --width | --height | --font-size | --font | --dpi)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$_tierstat_opts" -- "$cur"))
	elif [[ -z $dir ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	fi
}
complete -F _tierstat tierstat
