# move-to-backup.sh: moves a file or directory into the run's backup directory (the documented procedure deletes it; this tool
# keeps it). Run as: sh -c SCRIPT move-...-into-the-backup WHAT WHERE
#   WHAT   the path to move
#   WHERE  its place in the backup; WHERE.N (the next free N) when a resumed run already kept one there
# Changes on the host: WHAT is moved; WHERE's directory is made.
# Prints: moved WHAT -> DESTINATION
# Exit codes (Backups.MoveExit):
#   0   MOVED        moved
#   21  MOVE_FAILED  the move failed; WHAT is where it was
what=$1; where=$2

# shellcheck source=keep-function.sh
. ./keep-function.sh
keep "$what" "$where" || exit 21
