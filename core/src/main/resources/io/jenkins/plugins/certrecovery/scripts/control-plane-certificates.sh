# control-plane-certificates.sh: prints every tls.crt of a secret under static-pod-resources/, each after a line "==> PATH", in one
# round trip instead of one per file. Run as: sh -c SCRIPT read-the-control-plane-certificates DIR
#   DIR  the static-pod-resources directory of the first master
# Changes nothing on the host.
# Exit codes (ControlPlaneCertificates.Exit):
#   0   PRINTED       printed (nothing when no file matched)
#   2   FIND_FAILED   find failed (DIR missing or unreadable)
#   3   PRINT_FAILED  a file found could not be printed
dir=$1

files=$(find "$dir" -path '*/secrets/*' -name tls.crt -type f) || exit 2
[ -n "$files" ] || exit 0
printf '%s\n' "$files" | while IFS= read -r f; do printf '==> %s\n' "$f"; cat -- "$f" || exit 3; echo; done
