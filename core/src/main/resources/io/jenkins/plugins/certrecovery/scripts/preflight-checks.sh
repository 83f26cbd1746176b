# preflight-checks.sh: every preflight check of one host in one read-only round trip.
# Run as: sh -c SCRIPT preflight-checks FS NEEDED... -- BACKED_UP...
#   FS         the directory whose file system holds the backups
#   NEEDED     the files the procedure needs
#   BACKED_UP  the paths that may be backed up (after the argument --)
# Changes nothing on the host.
# Prints: uid N (and stops there when not root), present PATH for each path that exists, usage KIB after each present backed-up
# path, and the lines of df -Pk FS prefixed with "df ".
# Exit codes (Preflight.Exit):
#   0   CHECKED    checked (also when not root: the uid line says so)
#   1   ID_FAILED  id -u failed
fs=$1; shift

uid=$(id -u) || exit 1
echo "uid $uid"
[ "$uid" = 0 ] || exit 0
backed=
for p in "$@"; do
  if [ "$p" = -- ]; then backed=1; continue; fi
  [ -e "$p" ] || continue
  printf 'present %s\n' "$p"
  if [ -n "$backed" ]; then printf 'usage %s\n' "$(du -sk -- "$p" | cut -f1)"; fi
done
df -Pk -- "$fs" | sed 's/^/df /'
