# kubeconfig-client-certificate.sh: prints the client certificates a kubeconfig embeds (the base64 values of its
# client-certificate-data fields, one per line, in block or flow style, quoted or not), not its keys or tokens, which never leave
# the host: only the one value after the field's name is printed, never the rest of its line. Run as: sh -c SCRIPT read-the-client-certificate-of-PATH PATH
#   PATH  the kubeconfig
# Changes nothing on the host.
# Exit codes (AdminCredential.Exit):
#   0   PRINTED     printed (nothing when it embeds no client certificate)
#   3   MISSING     PATH does not exist
#   1   UNREADABLE  PATH exists but cannot be read
path=$1

[ -e "$path" ] || exit 3
sed -n 's/.*client-certificate-data:[[:space:]]*\([^,}[:space:]]*\).*/\1/p' < "$path" || exit 1
