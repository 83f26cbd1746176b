# kubelet-client-certificate.sh: prints the certificate blocks of the kubelet's client certificate file, not the private key beside
# them, which never leaves the host. Run as: sh -c SCRIPT read-the-certificate-of-PATH PATH
#   PATH  the kubelet's pki/kubelet-client-current.pem
# Changes nothing on the host.
# Exit codes (KubeletClientCertificate.Exit):
#   0   PRINTED     printed (nothing when the file holds no certificate)
#   3   MISSING     PATH does not exist
#   1   UNREADABLE  PATH exists but cannot be read
path=$1

[ -e "$path" ] || exit 3
sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' < "$path" || exit 1
