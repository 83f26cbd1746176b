# restart-kubelet.sh: the kubelet restart of recover-kubelets, run detached by run-detached.sh.
# Run as: sh -c SCRIPT restart-kubelet PKI KUBECONFIG PKI_BACKUP KUBECONFIG_BACKUP
#   PKI                the kubelet's pki/ directory
#   KUBECONFIG         the kubelet's kubeconfig
#   PKI_BACKUP         where PKI is moved (PKI_BACKUP.N when a resumed run already kept one there)
#   KUBECONFIG_BACKUP  where KUBECONFIG is moved (likewise)
# Changes on the host: stops kubelet (nothing moved when that fails), moves PKI and KUBECONFIG into the backup, starts kubelet.
# When a move or the start fails, what was moved is put back (anything kubelet recreated meanwhile is kept beside the backup)
# and kubelet started again.
# Prints: "moved FROM -> TO" and "put back PATH" as it goes, then "result WHAT" and, last, "exit N".
# Exit codes (RecoverKubelets.RestartExit):
#   0   RESTARTED         restarted
#   10  STOP_FAILED       systemctl stop kubelet failed; nothing moved
#   11  MOVE_FAILED       a move failed; rolled back, kubelet running
#   12  START_FAILED      systemctl start kubelet failed; rolled back, kubelet running
#   13  DOES_NOT_START    rolled back, but kubelet does not start
#   14  ROLL_BACK_FAILED  the roll back failed
pki=$1; kubeconfig=$2; pki_backup=$3; kubeconfig_backup=$4

trap 'echo "exit $?"' EXIT
# shellcheck source=keep-function.sh
. ./keep-function.sh
moved_pki=; moved_kubeconfig=
put_back() {
  if [ -e "$1" ] || [ -L "$1" ]; then keep "$1" "$3" || return 1; fi
  mv -T -- "$2" "$1" && echo "put back $1"
}
roll_back() {
  ok=1
  if [ -n "$moved_kubeconfig" ]; then put_back "$kubeconfig" "$moved_kubeconfig" "$kubeconfig_backup" || ok=; fi
  if [ -n "$moved_pki" ]; then put_back "$pki" "$moved_pki" "$pki_backup" || ok=; fi
  if [ -z "$ok" ]; then echo "result roll back failed"; exit 14; fi
  if systemctl start kubelet; then echo "result rolled back"; exit "$1"; fi
  echo "result rolled back, kubelet does not start"; exit 13
}
systemctl stop kubelet || { echo "result stop failed"; exit 10; }
if [ -e "$pki" ] || [ -L "$pki" ]; then keep "$pki" "$pki_backup" || roll_back 11; moved_pki=$kept; fi
if [ -e "$kubeconfig" ] || [ -L "$kubeconfig" ]; then keep "$kubeconfig" "$kubeconfig_backup" || roll_back 11; moved_kubeconfig=$kept; fi
systemctl start kubelet || roll_back 12
echo "result restarted"
