#!/usr/bin/env bash
# tests/cli/run.sh — data-driven tests of the `qcompare` command (in the spirit of jq's and
# SQLite's tests): every case is plain text in tests/cli/cases/*.test.
#
# usage: run.sh QCOMPARE REPO_ROOT [FILTER]
#   QCOMPARE   the qcompare binary;  REPO_ROOT  the repository root;
#   FILTER     optional: run only the cases whose name or .test file name contains it.
# Needs bash >= 4.4, coreutils, grep, xargs and iconv (libc-bin) only: no python, no jq.
#
# FORMAT. A .test file holds one or more cases. Outside file blocks, blank lines and lines
# starting with "#" (but not "###") are comments. A case is:
#
#   ### name of the case                 starts a case (the name is what the report prints)
#   args: analyze study.json --rules {RULES}
#                                        the command line, split like a shell line (quotes and
#                                        backslashes honoured; no $-expansion, no globbing).
#                                        No args: line = qcompare run without arguments.
#   exit: 3                              expected exit status (required)
#   stdout: TEXT                         TEXT must appear in stdout (fixed string, one line)
#   stderr: TEXT                         TEXT must appear in stderr (fixed string, one line)
#   not-stdout: TEXT / not-stderr: TEXT  TEXT must NOT appear
#   empty: stdout|stderr                 that stream must be empty
#   json: FRAGMENT                       FRAGMENT must appear in stdout once tabs and newlines
#                                        are deleted (i.e. in cJSON's pretty print made
#                                        compact): json: "n":2,"n_missing":1
#   not-json: FRAGMENT                   ... must not appear
#   json FILE: FRAGMENT                  the same check on FILE (relative to {DIR})
#   exists: FILE / no-file: FILE         FILE (a glob, relative to {DIR}) must / must not exist
#   valid-utf8: stdout|stderr|FILE       the stream or file is valid UTF-8 (checked with iconv)
#   env: NAME=VALUE                      set for the command (QCOMPARE_RULES is unset otherwise)
#   copy: SRC DEST                       cp -R SRC to {DIR}/DEST (before the files are written,
#                                        so a file block can replace one copied file)
#   setup: SHELL LINE                    run by bash in {DIR} after the files are written (a FIFO,
#                                        a symbolic link); it must succeed; repeatable
#   check: SHELL LINE                    run by bash in {DIR} after the command; it must succeed
#                                        (test -c /dev/null); repeatable
#   timeout: SECONDS                     the command's time limit (default 10 s, or
#                                        $QC_CLI_TIMEOUT, which also raises a case's own), for
#                                        the few cases that read a large generated input
#   no-output:                           nothing written: stdout is empty and {DIR} holds the same
#                                        files (names, types, bytes) after the command as before
#                                        it (after setup:): no output, no temporary file left,
#                                        no input touched
#   xfail: REASON                        a known engine bug: the case states what SHOULD happen;
#                                        failing is an "expected failure", passing is an XPASS,
#                                        reported as a failure so that the line gets removed
#   file NAME:                           a file written to {DIR}/NAME (subdirectories made):
#   ...content lines...                  every following line, verbatim, until a line "end", the
#   end                                  next "file ...:" line or the next "###" header.
#                                        "file NAME:" then "end" at once gives an empty file.
#   file NAME (FLAGS):                   FLAGS, space-separated: crlf (lines end in CR LF),
#                                        bom (UTF-8 BOM first), noeol (no final newline),
#                                        escapes (each line through printf %b: \t \r \xHH \\)
#
# Placeholders, in args, expected texts, env, copy and file contents: {DIR} the case's fresh
# temporary directory (also the working directory of the command), {RULES} REPO_ROOT/rules,
# {REPO} REPO_ROOT, {QC} the qcompare under test (for a setup: line that runs it first).
# Commands run with LC_ALL=C, stdin from /dev/null, a 10 s timeout (timeout:).
#
# Output: one line per case (ok / FAIL / xfail / XPASS), the differences under a FAIL, then
# "K expected failures" and, last, "N passed, M failed". Exit status 0 only when M is 0.
set -u
export LC_ALL=C

if [ $# -lt 2 ]; then
    echo "usage: run.sh QCOMPARE REPO_ROOT [FILTER]" >&2
    exit 2
fi
BIN=$1 REPO=$2 FILTER=${3-}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
REPO=$(cd "$REPO" && pwd) || exit 2
RULES=$REPO/rules
CASES=$(cd "$(dirname "$0")" && pwd)/cases

if [ ! -x "$BIN" ]; then
    echo "run.sh: $BIN is not an executable" >&2
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/qc-cli.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

TIMEOUT=()
command -v timeout >/dev/null 2>&1 && TIMEOUT=(timeout 10)

npass=0 nfail=0 nxfail=0 ncase=0

# --- the case being read ---------------------------------------------------------------
reset_case() {
    c_name= c_src= c_args= c_has_args=0 c_exit= c_xfail=
    c_checks=()                 # "kind US arg US text" (US = \x1f)
    c_env=() c_copy=() c_setup=() c_post=() c_nooutput=0 c_timeout=${QC_CLI_TIMEOUT:-10}
    f_name=() f_flags=() f_body=() f_nlines=()
    c_bad=()                    # format errors in the case itself
}
reset_case

# Replaces the placeholders in $1; $DIR must be set.
subst() {
    local s=$1
    s=${s//\{DIR\}/$DIR}
    s=${s//\{RULES\}/$RULES}
    s=${s//\{REPO\}/$REPO}
    s=${s//\{QC\}/$BIN}
    printf '%s' "$s"
}

# Prints what is in $DIR: every path with its type, and the checksum of every regular file
# (no-output: compares this before and after the command).
snapshot() {
    (cd "$DIR" && find . -printf '%p %y\n' | LC_ALL=C sort &&
        find . -type f -exec md5sum {} + | LC_ALL=C sort)
}

# Writes file block $1 into $DIR.
write_file() {
    local i=$1 path="$DIR/${f_name[$1]}" flags=" ${f_flags[$1]} " eol=$'\n' line n=0 total
    mkdir -p "$(dirname "$path")"
    [[ $flags == *" crlf "* ]] && eol=$'\r\n'
    total=${f_nlines[$i]}
    {
        [[ $flags == *" bom "* ]] && printf '\xef\xbb\xbf'
        if [ "$total" -gt 0 ]; then
            while IFS= read -r line; do
                n=$((n + 1))
                line=$(subst "$line")
                if [[ $flags == *" escapes "* ]]; then printf '%b' "$line"; else printf '%s' "$line"; fi
                if [ "$n" -lt "$total" ] || [[ $flags != *" noeol "* ]]; then printf '%s' "$eol"; fi
            done <<<"${f_body[$i]}"
        fi
    } >"$path"
}

# Prints where compacted JSON file $2 comes closest to fragment $1: the longest leading part
# of $1 (cut at commas) that occurs, and what follows it in the file.
json_near() {
    local frag=$1 file=$2 pre=$1 off=
    while [ -n "$pre" ]; do
        off=$(grep -obF -- "$pre" "$file" | head -n 1 | cut -d: -f1)
        [ -n "$off" ] && break
        case $pre in *,*) pre=${pre%,*} ;; *) pre= ;; esac
    done
    [ -n "$off" ] || { printf '%s' "(no part of it found)"; return; }
    tail -c +$((off + 1)) "$file" | head -c $((${#frag} + 60))
}

# Prints at most 40 lines of file $2 under the title $1, indented.
show() {
    local title=$1 file=$2 n
    n=$(wc -l <"$file")
    [ -s "$file" ] || { echo "    --- $title: (empty)"; return; }
    echo "    --- $title ---"
    head -n 40 "$file" | sed 's/^/    | /'
    [ "$n" -gt 40 ] && echo "    | ... ($n lines)"
}

run_case() {
    [ -n "$c_name" ] || return 0
    if [ -n "$FILTER" ] && [[ $c_name != *"$FILTER"* ]] && [[ $c_src != *"$FILTER"* ]]; then
        return 0
    fi
    ncase=$((ncase + 1))
    local root="$WORK/$ncase" problems=() rc=0 i chk kind arg text target got
    mkdir -p "$root/d"
    DIR=$root/d
    [ -n "$c_exit" ] || c_bad+=("no exit: line (every case checks its exit status)")
    [[ $c_exit =~ ^[0-9]+$ ]] || [ -z "$c_exit" ] || c_bad+=("exit: \"$c_exit\" is not a number")

    for i in "${c_copy[@]+"${c_copy[@]}"}"; do
        local src dst
        read -r src dst <<<"$(subst "$i")"
        if [ -z "$dst" ]; then c_bad+=("copy: needs SRC and DEST"); continue; fi
        mkdir -p "$(dirname "$DIR/$dst")"
        cp -R "$src" "$DIR/$dst" || c_bad+=("copy: cannot copy $src")
    done
    for i in "${!f_name[@]}"; do write_file "$i"; done
    for i in "${c_setup[@]+"${c_setup[@]}"}"; do
        (cd "$DIR" && bash -c "$(subst "$i")") >/dev/null 2>&1 </dev/null || c_bad+=("setup failed: $i")
    done

    local argv=() envs=()
    if [ "$c_has_args" = 1 ] && [ -n "$(subst "$c_args")" ]; then
        if printf '%s\n' "$(subst "$c_args")" | xargs printf '%s\0' >"$root/argv" 2>/dev/null; then
            mapfile -d '' argv <"$root/argv"
        else
            c_bad+=("args: cannot split the line (unbalanced quotes?)")
        fi
    fi
    for i in "${c_env[@]+"${c_env[@]}"}"; do envs+=("$(subst "$i")"); done

    [ "$c_nooutput" = 1 ] && snapshot >"$root/before"
    if [ ${#c_bad[@]} -eq 0 ]; then
        (cd "$DIR" && env -u QCOMPARE_RULES "${envs[@]+"${envs[@]}"}" \
            ${TIMEOUT[@]+"${TIMEOUT[0]}" "$c_timeout"} "$BIN" "${argv[@]+"${argv[@]}"}") \
            >"$root/stdout" 2>"$root/stderr" </dev/null
        rc=$?
        tr -d '\n\t' <"$root/stdout" >"$root/stdout.json"

        if [ "$rc" != "$c_exit" ]; then
            if [ "$rc" -eq 124 ] && [ ${#TIMEOUT[@]} -gt 0 ]; then
                problems+=("exit: expected $c_exit, got $rc (timed out after $c_timeout s)")
            elif [ "$rc" -gt 128 ]; then
                problems+=("exit: expected $c_exit, got $rc (killed by signal $((rc - 128)): crash?)")
            else
                problems+=("exit: expected $c_exit, got $rc")
            fi
        fi
        if [ "$c_nooutput" = 1 ]; then
            [ ! -s "$root/stdout" ] || problems+=("no-output: stdout is not empty")
            snapshot >"$root/after"
            cmp -s "$root/before" "$root/after" ||
                problems+=("no-output: the case directory changed: $(comm -3 "$root/before" "$root/after" |
                           head -n 4 | tr '\n\t' '  ')")
        fi
        for i in "${c_post[@]+"${c_post[@]}"}"; do
            (cd "$DIR" && "${TIMEOUT[@]+"${TIMEOUT[@]}"}" bash -c "$(subst "$i")") >/dev/null 2>&1 </dev/null ||
                problems+=("check: failed: $i")
        done
        for chk in "${c_checks[@]+"${c_checks[@]}"}"; do
            IFS=$'\x1f' read -r kind arg text <<<"$chk"
            text=$(subst "$text")
            arg=$(subst "$arg")
            case $kind in
            stdout | stderr)
                grep -qF -- "$text" "$root/$kind" ||
                    problems+=("$kind: expected to contain: $text") ;;
            not-stdout | not-stderr)
                ! grep -qF -- "$text" "$root/${kind#not-}" ||
                    problems+=("${kind#not-}: expected NOT to contain: $text") ;;
            empty)
                [ ! -s "$root/$text" ] || problems+=("$text: expected to be empty") ;;
            json | not-json)
                if [ -n "$arg" ]; then
                    target=$DIR/$arg
                    if [ ! -f "$target" ]; then
                        problems+=("json $arg: the file does not exist"); continue
                    fi
                    tr -d '\n\t' <"$target" >"$root/file.json"
                    target=$root/file.json
                else
                    target=$root/stdout.json arg=stdout
                fi
                if [ "$kind" = json ]; then
                    if ! grep -qF -- "$text" "$target"; then
                        problems+=("json ($arg, compacted): fragment not found"$'\n'"      expected: $text")
                        problems+=("  actual:   $(json_near "$text" "$target")")
                    fi
                else
                    ! grep -qF -- "$text" "$target" ||
                        problems+=("json ($arg, compacted): expected NOT to contain: $text")
                fi ;;
            valid-utf8)
                case $text in stdout | stderr) target=$root/$text ;; *) target=$DIR/$text ;; esac
                if [ ! -f "$target" ]; then problems+=("valid-utf8: $text does not exist")
                elif ! iconv -f UTF-8 -t UTF-8 <"$target" >/dev/null 2>&1; then
                    problems+=("valid-utf8: $text is not valid UTF-8 ($(iconv -f UTF-8 -t UTF-8 <"$target" 2>&1 >/dev/null | sed "s/^iconv: //"))")
                fi ;;
            exists)
                got=$(cd "$DIR" && compgen -G "$text" | head -n 1)
                [ -n "$got" ] || problems+=("exists: no file matches $text") ;;
            no-file)
                got=$(cd "$DIR" && compgen -G "$text" | tr '\n' ' ')
                [ -z "$got" ] || problems+=("no-file: expected no $text, found: $got") ;;
            esac
        done
    else
        problems=("${c_bad[@]/#/bad case: }")
    fi

    local label="$c_name  [$c_src]"
    if [ ${#problems[@]} -eq 0 ] && [ -z "$c_xfail" ]; then
        echo "ok    $label"
        npass=$((npass + 1))
    elif [ ${#problems[@]} -eq 0 ]; then
        echo "XPASS $label  (marked xfail: $c_xfail; it passes now: remove the xfail line)"
        nfail=$((nfail + 1))
    elif [ -n "$c_xfail" ] && [ ${#c_bad[@]} -eq 0 ]; then
        echo "xfail $label  ($c_xfail)"
        nxfail=$((nxfail + 1))
    else
        echo "FAIL  $label"
        for i in "${problems[@]}"; do echo "    $i"; done
        if [ ${#c_bad[@]} -eq 0 ]; then
            echo "    command: qcompare ${argv[*]+"${argv[*]}"}"
            show "actual stderr" "$root/stderr"
            if [[ " ${problems[*]}" == *" json (stdout"* ]]; then
                echo "    --- actual stdout, compacted (first 1500 bytes) ---"
                head -c 1500 "$root/stdout.json" | fold -w 110 | sed 's/^/    | /'
                echo
            else
                show "actual stdout" "$root/stdout"
            fi
        fi
        nfail=$((nfail + 1))
    fi
    rm -rf "$root"
}

# --- reading the .test files ----------------------------------------------------------------
shopt -s nullglob
files=("$CASES"/*.test)
if [ ${#files[@]} -eq 0 ]; then
    echo "run.sh: no $CASES/*.test files" >&2
    exit 2
fi

for tf in "${files[@]}"; do
    base=$(basename "$tf")
    lineno=0 infile=-1
    while IFS= read -r line || [ -n "$line" ]; do
        lineno=$((lineno + 1))
        if [ "$infile" -ge 0 ]; then
            if [ "$line" = end ]; then
                infile=-1
                continue
            fi
            if [[ $line != "### "* ]] && [[ ! $line =~ ^file\ [^:]+:$ ]]; then
                if [ "${f_nlines[$infile]}" -eq 0 ]; then f_body[$infile]=$line
                else f_body[$infile]+=$'\n'$line; fi
                f_nlines[$infile]=$((f_nlines[$infile] + 1))
                continue
            fi
            infile=-1
        fi
        case $line in
        "### "*)
            run_case
            reset_case
            c_name=${line#"### "} c_src="$base:$lineno" ;;
        "" | "#"*) ;;
        *)
            if [ -z "$c_name" ]; then
                echo "run.sh: $base:$lineno: text before the first \"### name\" line" >&2
                nfail=$((nfail + 1))
                continue
            fi
            if [[ $line =~ ^file\ ([^:]+):$ ]]; then
                spec=${BASH_REMATCH[1]} flags=
                if [[ $spec =~ ^(.*[^ ])\ \(([a-z ]+)\)$ ]]; then
                    spec=${BASH_REMATCH[1]} flags=${BASH_REMATCH[2]}
                fi
                for fl in $flags; do
                    case $fl in crlf | bom | noeol | escapes) ;;
                    *) c_bad+=("$base:$lineno: unknown file flag \"$fl\"") ;; esac
                done
                infile=${#f_name[@]}
                f_name+=("$spec") f_flags+=("$flags") f_body+=("") f_nlines+=(0)
                continue
            fi
            key=${line%%:*} val=${line#*:}
            val=${val# }
            if [ "$key" = "$line" ]; then
                c_bad+=("$base:$lineno: not a directive: $line")
                continue
            fi
            case $key in
            args) c_args=$val c_has_args=1 ;;
            exit) c_exit=${val//[[:space:]]/} ;;
            stdout | stderr | not-stdout | not-stderr | json | not-json | exists | no-file | valid-utf8)
                [ -n "$val" ] || c_bad+=("$base:$lineno: $key: needs a text")
                c_checks+=("$key"$'\x1f\x1f'"$val") ;;
            "json "*)
                c_checks+=("json"$'\x1f'"${key#json }"$'\x1f'"$val") ;;
            empty)
                case $val in stdout | stderr) c_checks+=("empty"$'\x1f\x1f'"$val") ;;
                *) c_bad+=("$base:$lineno: empty: stdout or stderr") ;; esac ;;
            env) c_env+=("$val") ;;
            copy) c_copy+=("$val") ;;
            setup) c_setup+=("$val") ;;
            check) c_post+=("$val") ;;
            timeout)
                [[ $val =~ ^[0-9]+$ ]] || c_bad+=("$base:$lineno: timeout: needs a number of seconds")
                c_timeout=$val
                [ "${QC_CLI_TIMEOUT:-0}" -gt "${val:-0}" ] 2>/dev/null && c_timeout=$QC_CLI_TIMEOUT ;;
            no-output)
                [ -z "$val" ] || c_bad+=("$base:$lineno: no-output: takes no text")
                c_nooutput=1 ;;
            xfail) c_xfail=${val:-"(no reason given)"} ;;
            *) c_bad+=("$base:$lineno: unknown directive \"$key\"") ;;
            esac ;;
        esac
    done <"$tf"
    run_case
    reset_case
done

[ "$ncase" -gt 0 ] || { echo "run.sh: no case matched \"$FILTER\"" >&2; nfail=$((nfail + 1)); }
echo "$nxfail expected failures"
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
