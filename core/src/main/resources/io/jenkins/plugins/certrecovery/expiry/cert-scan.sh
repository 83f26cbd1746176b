# Lists and prints the files holding a host's certificates, for the runner to parse; run as: sh -c SCRIPT sh MARKER ITEM...
# Items are KIND:PATH (a revision item is KIND:MANIFEST<newline>REVISION-PREFIX). The host only tests, lists and prints: every
# decision about content (PEM blocks, kubeconfig fields) is made in the runner. Processes: this shell, at most one find for all
# directories, and one cat for all files, whatever their number (a process per file cost more than everything else together).
# Output: record lines "MARKER WORD PATH" (each file that will be printed, in order, and each path that cannot be read), then
# "MARKER DATA", then every file's content followed by the delimiter CERTSCAN=MARKER and a NUL byte. The delimiter is the
# environment of that one cat, which it prints by reading /proc/self/environ between the files: a NUL cannot occur in PEM or
# YAML text and MARKER is random per scan, so no file can forge a frame.
M=$1
shift
NL='
'
reads=
starts=
record() {
  printf '%s %s %s\n' "$M" "$1" "$2"
}
# A file to print: its record now, its content in the same position after DATA.
take() {
  record "$1" "$2"
  reads=$reads$2$NL
}
file() {
  if [ ! -e "$2" ] && [ ! -L "$2" ]; then record MISSING "$2"
  elif [ ! -e "$2" ]; then record DANGLING "$2"
  elif [ ! -f "$2" ]; then record NOTFILE "$2"
  elif [ ! -r "$2" ]; then record DENIED "$2"
  else take "$1" "$2"
  fi
}
# A directory for the one find. Its start point gets one, two or three "/." by what is read below it: find prints each path as
# start point + name, so the dots say which rule found a file even where one directory lies inside another (node-kubeconfigs
# inside kube-apiserver-certs).
dir() {
  if [ ! -e "$2" ]; then record MISSING "$2"
  elif [ ! -d "$2" ]; then record NOTDIR "$2"
  elif [ ! -r "$2" ] || [ ! -x "$2" ]; then record DENIED "$2"
  else record DIR "$2"; starts=$starts$2$1$NL
  fi
}
# A static pod names its current revision's resource directory (PREFIX-N, e.g. kube-apiserver-pod-7) in its manifest; the
# shell's own read finds it, so no process is started for it.
static_pod_revision() {
  manifest=${1%%"$NL"*}
  prefix=${1#*"$NL"}
  pod=${prefix##*/}
  if [ ! -e "$manifest" ]; then record MISSING "$manifest"; return; fi
  if [ ! -r "$manifest" ]; then record DENIED "$manifest"; return; fi
  while IFS= read -r line || [ -n "$line" ]; do
    while :; do
      case $line in *"$pod"-[0-9]*) ;; *) break ;; esac
      line=${line#*"$pod"-}
      revision=${line%%[!0-9]*}
      if [ -n "$revision" ]; then dir /. "$prefix-$revision"; return; fi
    done
  done < "$manifest"
  record NOREVISION "$manifest"
}
# User paths: files, directories or globs (expanded by this shell, never split at blanks); the runner tells kubeconfigs from PEM.
user_path() {
  matched=
  IFS=
  for candidate in $1; do
    if [ -e "$candidate" ] || [ -L "$candidate" ]; then
      matched=1
      if [ -d "$candidate" ]; then dir /. "$candidate"; else file USER "$candidate"; fi
    fi
  done
  unset IFS
  [ -n "$matched" ] || record NOMATCH "$1"
}
for item in "$@"; do
  kind=${item%%:*}
  path=${item#*:}
  case $kind in
    file) file FILE "$path" ;;
    kubeconfig) file KUBECONFIG "$path" ;;
    cert-dir) dir /. "$path" ;;
    cert-dir-if-present) if [ -e "$path" ]; then dir /. "$path"; fi ;;
    kubelet-pki-dir) dir /./. "$path" ;;
    kubeconfig-dir) dir /././. "$path" ;;
    static-pod-revision) static_pod_revision "$path" ;;
    user-path) user_path "$path" ;;
    *) record BADITEM "$item" ;;
  esac
done
IFS=$NL
set -f
if [ -n "$starts" ]; then
  # Certificate directories: *.crt and *.pem, links followed; renamed old files (tls.crt-<date>) do not match, and
  # trusted-ca-bundle is the proxy trust store (the OS's public roots), not a certificate the cluster issues or rotates.
  # The kubelet's pki/ (/./.): only *-current.pem and *.crt, as the dated files the links point to pile up with every rotation.
  # Kubeconfig directories (/././.): *.kubeconfig. find's complaints (an unreadable subdirectory) come as lines without a leading /.
  # shellcheck disable=SC2086 # $starts is split at newlines on purpose (IFS is a newline, globbing is off)
  found=$(find -L $starts -type f \( \
      -path '*/./././*' -name '*.kubeconfig' \
      -o ! -path '*/./././*' -path '*/././*' \( -name '*-current.pem' -o -name '*.crt' \) \
      -o ! -path '*/././*' \( -name '*.crt' -o -name '*.pem' \) ! -path '*/trusted-ca-bundle/*' \
    \) -print 2>&1)
  for f in $found; do
    case $f in
      /*) ;;
      *) record DIRERR "$f"; continue ;;
    esac
    if [ ! -r "$f" ]; then record DENIED "$f"
    else case $f in */./././*) take KUBECONFIG "$f" ;; *) take FILE "$f" ;; esac
    fi
  done
fi
printf '%s DATA\n' "$M"
[ -n "$reads" ] || exit 0
set --
for f in $reads; do
  set -- "$@" "$f" /proc/self/environ
done
exec env -i "CERTSCAN=$M" cat -- "$@"
