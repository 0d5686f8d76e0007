# openclaw-fleet's collector: read-only facts about this Mac's OpenClaw fleet for `fleet audit --host`.
# It is sent on stdin to `/bin/sh -s` over one SSH connection and answers the requests that follow
# it, one per line, with framed, base64-encoded, size-capped answers. It writes nothing anywhere,
# runs only launchctl list/print/print-disabled, lsof, ps and the file tools below, and never
# evaluates what it is sent. Frames (docs/multi-host.md):
#   @ID TYPE KEY=VALUE ...   then base64 lines, then a line "."; each request ends with "@ID end".
# Requests come in rounds: the lines of a round, then a line "go". The files a round asks about
# are stat'ed by one `stat` (not one per file: a fork and exec each is most of what the collector
# costs a Mac); a path that one call did not answer, or answered for another name, is stat'ed alone.
# POSIX sh: macOS /bin/sh (bash 3.2) and dash.
main() {
    PATH="$PATH:/usr/bin:/bin:/usr/sbin:/sbin"
    export PATH
    exec 3>&1
    SOH=$(printf '\001')
    CMDMAX=8388608
    ERRMAX=65536
    MAXENTRIES=20000
    if stat -c %u / >/dev/null 2>&1; then STATF=gnu; else STATF=bsd; fi
    MYUID=$(id -u)
    tmp=${TMPDIR:-}
    [ -n "$tmp" ] || tmp=$(getconf DARWIN_USER_TEMP_DIR 2>/dev/null) || tmp=
    tools=
    for t in launchctl lsof ps base64 stat head tail tr grep; do
        command -v "$t" >/dev/null 2>&1 && tools="$tools,$t"
    done
    printf '@0 hello openclaw-fleet-collector=2 u=%s os=%s st=%s tools=%s t=%s' "$MYUID" "$(uname -s 2>/dev/null | tr -cd 'A-Za-z0-9._-')" \
        "$STATF" "${tools#,}" "$(date +%s)"
    field H "$HOME"
    field T "$tmp"
    printf '\n.\n'
    NL='
'
    queue=
    while IFS= read -r line; do
        case $line in
            go) round || return 0; queue= ;;
            *" quit") queue=$queue$line$NL; round; return 0 ;;
            *) queue=$queue$line$NL ;;
        esac
    done
    [ -z "$queue" ] || round
}

# Answers the queued requests of a round; returns 1 when one of them is quit.
round() {
    LASTP=
    FRESH=
    STATS=
    prestat
    while IFS= read -r line <&4; do
        answer "$line" || return 1
    done 4<<EOF
$queue
EOF
    return 0
}

answer() {
        line=$1
        id=${line%% *}
        rest=${line#"$id"}
        rest=${rest# }
        op=${rest%% *}
        args=${rest#"$op"}
        args=${args# }
        case $id in ''|*[!0-9]*) return 0 ;; esac
        case $op in
            ls)
                max=${args%% *}; args=${args#* }
                sel=${args%% *}; args=${args#* }
                globs=${args%% *}; dir=${args#* }
                number "$max" && do_ls "$id" "$max" "$sel" "$globs" "$dir" ;;
            read)
                max=${args%% *}; p=${args#* }
                number "$max" && { one "$id" "$p" "$max" head; } ;;
            tail)
                max=${args%% *}; p=${args#* }
                number "$max" && { one "$id" "$p" "$max" tail; } ;;
            list) run "$id" launchctl list ;;
            disabled) run "$id" launchctl print-disabled "$args" ;;
            print) run "$id" launchctl print "$args" ;;
            lsof) run "$id" lsof -nP -iTCP -sTCP:LISTEN -Fpcn ;;
            ps) run "$id" ps -axo pid=,ppid=,etime=,command= ;;
            quit) return 1 ;;
            *) printf '@%s refused\n.\n' "$id" ;;
        esac
        printf '@%s end\n.\n' "$id"
        return 0
}

number() {
    case $1 in ''|*[!0-9]*) printf '@%s refused\n.\n' "$id"; return 1 ;; esac
    return 0
}

# A string as a header field: KEY=value when it is made of safe characters, else KEY=~base64.
field() {
    case $2 in
        *[!A-Za-z0-9._/@+-]*) printf ' %s=~%s' "$1" "$(printf '%s' "$2" | base64 | tr -d '\n')" ;;
        *) printf ' %s=%s' "$1" "$2" ;;
    esac
}

# Sets K (kind) L (link) M (mode) U (uid) S (size) T (mtime) O (owner name) PM (parent's mode) for $1.
fact() {
    p=$1; K=missing; L=0; M=-1; U=-1; S=0; T=0; O=; PM=-1
    [ -L "$p" ] && L=1
    if [ -e "$p" ]; then
        if [ -f "$p" ]; then K=reg; elif [ -d "$p" ]; then K=dir; elif [ -p "$p" ]; then K=fifo
        elif [ -c "$p" ]; then K=chr; elif [ -b "$p" ]; then K=blk; elif [ -S "$p" ]; then K=sock; else K=other; fi
        look "$p"
        if [ "$STATF" = gnu ]; then
            [ -n "$st" ] && set -- $st && M=$(( 0x$1 & 4095 ))
        else
            [ -n "$st" ] && set -- $st && M=$(( 0$1 & 4095 ))
        fi
        if [ -n "$st" ]; then
            U=$2; S=$3; T=$4
            [ "$U" = "$MYUID" ] || O=$(id -un "$U" 2>/dev/null) || O=
        else
            K=unknown
        fi
    elif [ "$L" = 1 ]; then
        K=dangling
    else
        # Nothing there, or a folder on the way cannot be entered: look at the nearest folder that exists.
        a=${p%/*}
        while [ -n "$a" ] && [ ! -e "$a" ] && [ ! -L "$a" ]; do a=${a%/*}; done
        [ -n "$a" ] || a=/
        if [ -d "$a" ] && [ ! -x "$a" ]; then
            K=noaccess
            if [ "$a" = "${p%/*}" ]; then
                if [ "$STATF" = gnu ]; then pm=$(stat -L -c '%f' -- "$a" 2>/dev/null) && PM=$(( 0x$pm & 4095 ))
                else pm=$(stat -L -f '%p' -- "$a" 2>/dev/null) && PM=$(( 0$pm & 4095 )); fi
            fi
        fi
    fi
}

# Sets st to "MODE UID SIZE MTIME" of $1 (links followed), or empty when stat cannot tell: the
# round's next line from prestat's one stat call when it names $1, else (and always with FRESH
# set: the size of a log whose end is read must be that of the moment it is read) a stat of $1 alone.
look() {
    if [ -z "$FRESH" ] && [ -n "$LASTP" ] && [ "$1" = "$LASTP" ]; then st=$LASTST; return 0; fi
    st=
    if [ -z "$FRESH" ] && [ -n "$STATS" ]; then
        l=${STATS%%"$NL"*}
        r=${l#* }; r=${r#* }; r=${r#* }; r=${r#* }
        if [ "$r" = "$1" ]; then
            st=${l%" $r"}
            case $STATS in *"$NL"*) STATS=${STATS#*"$NL"} ;; *) STATS= ;; esac
        fi
    fi
    if [ -z "$st" ]; then
        if [ "$STATF" = gnu ]; then st=$(stat -L -c '%f %u %s %Y' -- "$1" 2>/dev/null) || st=
        else st=$(stat -L -f '%p %u %z %m' -- "$1" 2>/dev/null) || st=; fi
    fi
    LASTP=$1
    LASTST=$st
}

# One stat call for the paths the round's requests will look at, in the order they will (STATS:
# one line per path that could be stat'ed, "MODE UID SIZE MTIME NAME"). Bounded in count and bytes;
# names with a line break are left to look's own stat.
prestat() {
    PATHS=
    NPATHS=0
    PBYTES=0
    PLAST=
    while IFS= read -r line <&4; do
        id=${line%% *}
        rest=${line#"$id"}; rest=${rest# }
        op=${rest%% *}
        args=${rest#"$op"}; args=${args# }
        case $op in
            ls)
                max=${args%% *}; args=${args#* }
                sel=${args%% *}; args=${args#* }
                globs=${args%% *}; dir=${args#* }
                number_quiet "$max" && pre_ls "$dir" "$globs" "$sel" "$max" ;;
            read) pre_path "${args#* }" ;;
        esac
    done 4<<EOF
$queue
EOF
    [ "$NPATHS" -gt 0 ] || return 0
    oldifs=$IFS; IFS=$NL
    set -f
    set -- $PATHS
    set +f
    IFS=$oldifs
    if [ "$STATF" = gnu ]; then STATS=$(stat -L -c '%f %u %s %Y %n' -- "$@" 2>/dev/null)
    else STATS=$(stat -L -f '%p %u %z %m %N' -- "$@" 2>/dev/null); fi
    return 0
}

number_quiet() {
    case $1 in ''|*[!0-9]*) return 1 ;; esac
    return 0
}

# Adds $1 to the round's stat call when it exists, once in a row, within the bounds.
pre_path() {
    [ -e "$1" ] || return 0
    [ "$1" != "$PLAST" ] || return 0
    case $1 in *"$NL"*|'') return 0 ;; esac
    [ "$NPATHS" -lt 400 ] && [ "$PBYTES" -lt 100000 ] || return 0
    PATHS=$PATHS$1$NL
    PLAST=$1
    NPATHS=$((NPATHS + 1))
    PBYTES=$((PBYTES + ${#1} + 1))
}

# The folder and the entries do_ls will look at, in its order.
pre_ls() {
    pdir=$1
    pre_path "$pdir"
    [ -d "$pdir" ] && [ -r "$pdir" ] && [ -x "$pdir" ] || return 0
    set -f
    oldifs=$IFS; IFS=,
    set -- $2
    IFS=$oldifs
    set +f
    for g in "$@"; do
        for e in "$pdir"/$g; do
            [ -e "$e" ] || continue
            name=${e##*/}
            case $name in .|..) continue ;; esac
            # A selection looks at an entry its name does not select only to read its size (see selected).
            if [ "$3" = 1 ] && ! named "$name"; then
                [ "$4" -gt 0 ] && [ -f "$e" ] && [ -r "$e" ] || continue
            fi
            pre_path "$e"
            [ "$NPATHS" -lt 400 ] || return 0
        done
    done
}

# One file frame: its fact and, when $3 > 0 and it is a readable regular file within the cap, its
# first (head) or last (tail) $3 bytes. $5: the entry name inside a listed folder, if any.
frame() {
    fid=$1; fpath=$2; fmax=$3; fhow=$4; fname=$5
    FRESH=
    [ "$fhow" = tail ] && FRESH=1
    fact "$fpath"
    FRESH=
    prob=; c=0
    if [ "$fmax" -gt 0 ]; then
        if [ "$K" != reg ]; then prob=notreg
        elif [ ! -r "$fpath" ]; then prob=denied
        elif [ "$fhow" = head ] && [ "$S" -gt "$fmax" ]; then prob=big
        else c=1; fi
    fi
    printf '@%s f k=%s l=%s m=%s u=%s s=%s t=%s pm=%s c=%s' "$fid" "$K" "$L" "$M" "$U" "$S" "$T" "$PM" "$c"
    [ -n "$prob" ] && printf ' p=%s' "$prob"
    [ -n "$O" ] && field o "$O"
    [ -n "$fname" ] && field n "$fname"
    printf '\n'
    if [ "$c" = 1 ]; then
        if [ "$fhow" = tail ]; then tail -c "$fmax" < "$fpath" 2>/dev/null | base64
        else head -c $((fmax + 1)) < "$fpath" 2>/dev/null | base64; fi
    fi
    printf '.\n'
}

one() {
    frame "$1" "$2" "$3" "$4" ""
}

# May this plist be OpenClaw's? Its name, or its first bytes with NULs dropped (UTF-16 strings).
named() {
    case $1 in
        *[Oo][Pp][Ee][Nn][Cc][Ll][Aa][Ww]*|*[Cc][Ll][Aa][Ww][Dd][Bb][Oo][Tt]*|*[Mm][Oo][Ll][Tt][Bb][Oo][Tt]*|*[Bb][Oo][Tt].[Mm][Oo][Ll][Tt]*) return 0 ;;
    esac
    return 1
}

selected() {
    named "$2" && return 0
    [ -f "$1" ] && [ -r "$1" ] || return 1
    if [ "$3" -gt 0 ]; then
        fact "$1"
        [ "$S" -le "$3" ] || return 1
    fi
    head -c "$3" < "$1" 2>/dev/null | LC_ALL=C tr -d '\000' | LC_ALL=C grep -Eqi 'openclaw|clawdbot|moltbot|bot\.molt'
}

do_ls() {
    lid=$1; lmax=$2; lsel=$3; lglobs=$4; ldir=$5
    frame "$lid" "$ldir" 0 head ""
    [ -d "$ldir" ] || return 0
    if [ ! -r "$ldir" ] || [ ! -x "$ldir" ]; then
        printf '@%s denied\n.\n' "$lid"
        return 0
    fi
    n=0
    set -f
    oldifs=$IFS; IFS=,
    set -- $lglobs
    IFS=$oldifs
    set +f
    for g in "$@"; do
        for e in "$ldir"/$g; do
            [ -e "$e" ] || [ -L "$e" ] || continue
            name=${e##*/}
            case $name in .|..) continue ;; esac
            n=$((n + 1))
            if [ "$n" -gt "$MAXENTRIES" ]; then
                printf '@%s toomany\n.\n' "$lid"
                return 0
            fi
            if [ "$lsel" = 1 ] && ! selected "$e" "$name" "$lmax"; then
                continue
            fi
            frame "$lid" "$e" "$lmax" head "$name"
        done
    done
}

# Runs a program: its stdout (capped) as one frame, then its exit status, when it finished and its stderr.
run() {
    rid=$1
    shift
    printf '@%s o\n' "$rid"
    R=$( { { "$@" </dev/null 2>&5 5>&-; printf '%s%s' "$SOH" "$?" >&5; } | head -c "$CMDMAX" | base64 >&3; } 5>&1 )
    printf '.\n'
    rc=${R##*"$SOH"}
    err=${R%"$SOH"*}
    printf '@%s x rc=%s t=%s\n' "$rid" "$rc" "$(date +%s)"
    [ -n "$err" ] && printf '%s' "$err" | head -c "$ERRMAX" | base64
    printf '.\n'
}

main "$@"; exit $?
