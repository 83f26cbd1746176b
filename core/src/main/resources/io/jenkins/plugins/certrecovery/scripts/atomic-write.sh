# atomic-write.sh: the one way a file is written on a host (AtomicWrite).
# Run as: sh -c SCRIPT atomic-write TARGET MODE BACKUP, the new content on stdin (never in the argv, where ps would show a secret).
#   TARGET  the file to write
#   MODE    its octal mode, e.g. 0600
#   BACKUP  where the previous TARGET is copied first, or empty for none (this tool's own state files)
# Changes on the host: a temporary file beside TARGET, renamed over it; when TARGET exists with other content and BACKUP is given,
# a copy of it at BACKUP (its directory made). When TARGET already has exactly the content nothing changes. Any failure leaves
# TARGET as it was and no temporary file behind.
# Prints: unchanged, or written (after backed-up when the previous file was copied into BACKUP).
# Exit codes (AtomicWrite.Exit):
#   0   DONE              written or unchanged
#   20  TEMPORARY_FAILED  the temporary file could not be written; nothing changed
#   21  BACKUP_FAILED     the backup could not be made; nothing changed
#   22  RENAME_FAILED     the rename failed; TARGET is unchanged
target=$1; mode=$2; backup=$3

tmp=$(mktemp "$(dirname -- "$target")/.$(basename -- "$target").XXXXXX") || exit 20
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp" || exit 20
if [ -e "$target" ]; then
  if cmp -s -- "$tmp" "$target"; then echo unchanged; exit 0; fi
  if [ -n "$backup" ]; then
    mkdir -p -- "$(dirname -- "$backup")" && cp -p -T -- "$target" "$backup" || exit 21
    echo backed-up
  fi
  chown --reference="$target" -- "$tmp" 2>/dev/null || true
fi
chmod "$mode" -- "$tmp" && mv -fT -- "$tmp" "$target" || exit 22
trap - EXIT
echo written
