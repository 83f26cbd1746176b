# read-if-exists.sh: prints a file when it exists: one read-only round trip instead of a test and a read.
# Run as: sh -c SCRIPT read-PATH PATH
#   PATH  the file to print
# Changes nothing on the host.
# Exit codes (HostExecutor.ReadExit):
#   0   PRINTED     printed
#   3   MISSING     PATH does not exist
#   1   UNREADABLE  PATH exists but cannot be read (cat's own code)
path=$1

[ -e "$path" ] || exit 3
exec cat -- "$path"
