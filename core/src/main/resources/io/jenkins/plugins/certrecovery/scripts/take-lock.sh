# take-lock.sh: takes the cluster lock in one round trip. mkdir is the atomic test-and-set: of two runs exactly one succeeds.
# Run as: sh -c SCRIPT take-the-cluster-lock STATE_DIR LOCK_DIR OWNER_FILE, the owner file's content on stdin.
#   STATE_DIR   this tool's state directory (made, root-only)
#   LOCK_DIR    the lock directory inside it
#   OWNER_FILE  the owner file inside LOCK_DIR (mode 0600: owner, start time, run id, token)
# Changes on the host: STATE_DIR made; LOCK_DIR made and OWNER_FILE written beside and renamed into place. When writing the owner
# file fails LOCK_DIR is removed again, so a failed attempt leaves no lock behind.
# Exit codes (ClusterLock.TakeExit):
#   0   TAKEN              taken
#   3   HELD               the lock is held (LOCK_DIR exists)
#   20  NOT_MADE           STATE_DIR or LOCK_DIR cannot be made
#   21  OWNER_NOT_WRITTEN  the owner file cannot be written; no lock left behind
state_dir=$1; lock_dir=$2; owner_file=$3

install -d -m 0700 -- "$state_dir" || exit 20
mkdir -- "$lock_dir" 2>/dev/null || { [ -e "$lock_dir" ] && exit 3; mkdir -- "$lock_dir" || exit 20; }
if cat > "$owner_file.tmp" && chmod 0600 -- "$owner_file.tmp" && mv -f -- "$owner_file.tmp" "$owner_file"; then exit 0; fi
rm -f -- "$owner_file.tmp"; rmdir -- "$lock_dir"; exit 21
