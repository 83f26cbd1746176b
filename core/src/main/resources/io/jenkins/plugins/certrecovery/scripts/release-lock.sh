# release-lock.sh: releases the cluster lock in one round trip, and only when it is still this acquisition's. The ownership test
# and the removal are one command, so a read that fails (a loaded host, an interrupted run) can never be taken for "someone
# else's lock" and leave the cluster locked.
# Run as: sh -c SCRIPT release-the-cluster-lock OWNER_FILE LOCK_DIR, this acquisition's token on stdin (it differs per
# acquisition, so a plan shows the same command line).
#   OWNER_FILE  the owner file inside LOCK_DIR
#   LOCK_DIR    the lock directory
# Changes on the host: OWNER_FILE and LOCK_DIR removed, when OWNER_FILE holds the token.
# Exit codes (ClusterLock.ReleaseExit):
#   0   RELEASED     released
#   4   NO_LOCK      no lock (already released, e.g. by a retry after a dropped connection)
#   5   NOT_OURS     the lock is another run's (taken over by force-unlock); left as it is
#   6   NO_TOKEN     no token on stdin
#   7   NOT_REMOVED  the lock is this run's but could not be removed
owner_file=$1; lock_dir=$2

[ -d "$lock_dir" ] || exit 4
IFS= read -r token && [ -n "$token" ] || exit 6
grep -qF -- "$token" "$owner_file" 2>/dev/null || exit 5
rm -f -- "$owner_file" && rmdir -- "$lock_dir" || exit 7
