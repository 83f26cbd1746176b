# Prints every certificate a host keeps, for the runner to parse; run as: sh -c SCRIPT sh MARKER PREFIX ITEM...
# Only PEM CERTIFICATE blocks and the certificate fields of kubeconfigs leave the host: private keys and tokens are never printed.
# Each record starts with a line "MARKER WORD PATH"; MARKER is random per scan so file content cannot forge a record.
# Items are KIND:PATH; a revision item is KIND:MANIFEST<newline>RESOURCES-DIR. PREFIX roots absolute paths found in kubeconfigs.
M=$1
P=$2
shift 2
NL='
'
# Keeps the clusters: and users: sections of a kubeconfig; of their keys only names and certificate fields keep a value, every
# other key (token, client-key-data, exec, auth-provider ...) is printed without its value and its nested lines are dropped.
KUBECONFIG_FILTER='
function lead(s) { match(s, /^ */); return RLENGTH }
BEGIN { skip = -1 }
{
  sub(/\r$/, "")
  if ($0 ~ /^[ \t]*(#.*)?$/) next
  n = lead($0); body = substr($0, n + 1); dash = 0; col = n
  if (body ~ /^-( |$)/) { dash = 1; body = substr(body, 2); m = lead(body); body = substr(body, m + 1); col = n + 1 + m }
  if (skip >= 0) { if ((dash && n >= skip) || (!dash && n > skip)) next; skip = -1 }
  i = index(body, ":")
  key = i > 0 ? substr(body, 1, i - 1) : ""
  value = i > 0 ? substr(body, i + 1) : ""
  sub(/^[ \t]+/, "", value)
  if (n == 0 && !dash) { section = key; if (key == "clusters" || key == "users") print key ":"; next }
  if (section != "clusters" && section != "users") next
  if (key == "") { skip = n; next }
  lead_text = substr($0, 1, col)
  if (key == "name" || key ~ /^(certificate-authority|client-certificate)(-data)?$/) print lead_text key ": " value
  else if (key == "cluster" || key == "user") print lead_text key ":"
  else { print lead_text key ":"; skip = col }
}'
certificates() {
  sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$1"
}
# One file: a FILE record with its certificate blocks, or why it cannot be read.
file() {
  if [ ! -e "$1" ] && [ ! -L "$1" ]; then echo "$M MISSING $1"
  elif [ ! -e "$1" ]; then echo "$M DANGLING $1"
  elif [ ! -f "$1" ]; then echo "$M NOTFILE $1"
  elif [ ! -r "$1" ]; then echo "$M DENIED $1"
  else echo "$M FILE $1"; certificates "$1"; echo "$M END"
  fi
}
readable_dir() {
  if [ ! -e "$1" ]; then echo "$M MISSING $1"; return 1; fi
  if [ ! -d "$1" ]; then echo "$M NOTDIR $1"; return 1; fi
  if [ ! -r "$1" ] || [ ! -x "$1" ]; then echo "$M DENIED $1"; return 1; fi
}
# Runs a handler on each file find prints; find's own complaints (an unreadable subdirectory) become DIRERR records.
each_found() {
  handler=$1
  dir=$2
  while IFS= read -r found; do
    case $found in
      "$dir"/*) "$handler" "$found" ;;
      *) echo "$M DIRERR $dir $found" ;;
    esac
  done
}
# Certificate directories: *.crt and *.pem, following symbolic links. Renamed old files (tls.crt-<date>) do not match.
# trusted-ca-bundle is the proxy trust store (the public roots of the OS), not a certificate the cluster issues or rotates.
cert_dir() {
  readable_dir "$1" || return 0
  find -L "$1" -type f \( -name '*.crt' -o -name '*.pem' \) ! -path '*/trusted-ca-bundle/*' -print 2>&1 | each_found file "$1"
}
# The kubelet's pki/: only the current certificates; the dated files they point to pile up with every rotation.
kubelet_pki_dir() {
  readable_dir "$1" || return 0
  find -L "$1" -type f \( -name '*-current.pem' -o -name '*.crt' \) -print 2>&1 | each_found file "$1"
}
kubeconfig() {
  if [ ! -e "$1" ]; then echo "$M MISSING $1"; return; fi
  if [ ! -f "$1" ]; then echo "$M NOTFILE $1"; return; fi
  if [ ! -r "$1" ]; then echo "$M DENIED $1"; return; fi
  echo "$M KUBECONFIG $1"
  awk "$KUBECONFIG_FILTER" "$1"
  echo "$M END"
  # Files a kubeconfig names (certificate-authority: / client-certificate:), relative to the kubeconfig's directory.
  awk "$KUBECONFIG_FILTER" "$1" | sed -n -e 's/^[- ]*certificate-authority:[ ]*//p' -e 's/^[- ]*client-certificate:[ ]*//p' |
    while IFS= read -r named; do
      case $named in \"*\") named=${named#\"}; named=${named%\"} ;; \'*\') named=${named#\'}; named=${named%\'} ;; esac
      [ -n "$named" ] || continue
      case $named in
        "$P"/*) resolved=$named ;;
        /*) resolved=$P$named ;;
        *) resolved=$(dirname "$1")/$named ;;
      esac
      echo "$M REF $named"
      file "$resolved"
    done
}
kubeconfig_dir() {
  readable_dir "$1" || return 0
  find -L "$1" -type f -name '*.kubeconfig' -print 2>&1 | each_found kubeconfig "$1"
}
# The kube-apiserver static pod names its current revision's resource directory (kube-apiserver-pod-N) in its manifest.
apiserver_revision() {
  manifest=${1%%"$NL"*}
  resources=${1#*"$NL"}
  if [ ! -e "$manifest" ]; then echo "$M MISSING $manifest"; return; fi
  if [ ! -r "$manifest" ]; then echo "$M DENIED $manifest"; return; fi
  revision=$(sed -n 's/.*\(kube-apiserver-pod-[0-9][0-9]*\).*/\1/p' "$manifest" | head -n 1)
  if [ -z "$revision" ]; then echo "$M NOREVISION $manifest"; return; fi
  cert_dir "$resources/$revision"
}
# User paths: files, directories or globs; a kubeconfig is recognised by its top-level clusters: key.
user_path() {
  matched=
  IFS=
  for candidate in $1; do
    if [ -e "$candidate" ] || [ -L "$candidate" ]; then
      matched=1
      if [ -d "$candidate" ]; then cert_dir "$candidate"
      elif [ -r "$candidate" ] && grep -q '^clusters:' "$candidate"; then kubeconfig "$candidate"
      else file "$candidate"
      fi
    fi
  done
  unset IFS
  [ -n "$matched" ] || echo "$M NOMATCH $1"
}
for item in "$@"; do
  kind=${item%%:*}
  path=${item#*:}
  case $kind in
    file) file "$path" ;;
    cert-dir) cert_dir "$path" ;;
    cert-dir-if-present) if [ -e "$path" ]; then cert_dir "$path"; fi ;;
    kubelet-pki-dir) kubelet_pki_dir "$path" ;;
    kubeconfig) kubeconfig "$path" ;;
    kubeconfig-dir) kubeconfig_dir "$path" ;;
    apiserver-revision) apiserver_revision "$path" ;;
    user-path) user_path "$path" ;;
    *) echo "$M BADITEM $item" ;;
  esac
done
