# run-detached.sh: runs a script detached from the SSH session and waits for it.
# Run as: sh -c SCRIPT restart-kubelet DETACHED_SCRIPT LOG ARG...
#   DETACHED_SCRIPT  the text of the script to run (restart-kubelet.sh); it must print "exit N" last (an EXIT trap)
#   LOG              the file on the host its output is appended to (emptied first, its directory made)
#   ARG              its arguments
# Why detached: a dropped connection (or a cancelled command) ends the processes of its session, and a kubelet restart ended right
# after "systemctl stop kubelet" would leave kubelet stopped until the next run (end-to-end tests saw exactly that). Started from a
# subshell that exits at once (so it is no longer a child of this command's process tree), in its own session (setsid, nohup, no
# terminal, output appended to LOG), the script finishes, rolling back on failure, whatever happens to the connection. This
# command only waits for the "exit N" line and prints LOG, so it still costs one round trip. A trap in the session instead was the
# other option, but no trap runs on SIGKILL, which is what ends a dropped session's processes in the sandbox.
# Changes on the host: LOG written; whatever DETACHED_SCRIPT changes.
# Exit codes (RecoverKubelets.DetachedExit; any other code is DETACHED_SCRIPT's own):
#   20  LOG_FAILED  LOG cannot be made; nothing ran
#   23  VANISHED    the script disappeared without its "exit N" line (killed)
script=$1; log=$2; shift 2

mkdir -p -- "$(dirname -- "$log")" && : > "$log" || exit 20
pid=$( (setsid -w nohup sh -c "$script" restart-kubelet "$@" < /dev/null >> "$log" 2>&1 & echo $!) )
while ! grep -q '^exit [0-9]*$' "$log" && kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
cat -- "$log"
code=$(sed -n 's/^exit \([0-9]*\)$/\1/p' "$log")
exit "${code:-23}"
