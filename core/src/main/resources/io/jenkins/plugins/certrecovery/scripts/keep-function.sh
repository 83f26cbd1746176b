# keep-function.sh: a fragment, the shell function keep FROM TO of every script that moves something into the backup. Included
# where needed by the line ". ./keep-function.sh" (ScriptFile puts this text there when it builds the script).
# keep FROM TO: moves FROM to TO, or to the next free TO.N when a resumed run already kept one there (both are kept), makes TO's
# directory, sets kept to where FROM went and prints "moved FROM -> WHERE". Returns non-zero when the move failed.
keep() {
  mkdir -p -- "$(dirname -- "$2")" || return 1
  kept=$2
  if [ -e "$kept" ] || [ -L "$kept" ]; then
    n=1; while [ -e "$kept.$n" ] || [ -L "$kept.$n" ]; do n=$((n + 1)); done; kept=$kept.$n
  fi
  mv -T -- "$1" "$kept" && echo "moved $1 -> $kept"
}
