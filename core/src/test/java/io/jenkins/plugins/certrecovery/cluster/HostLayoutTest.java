package io.jenkins.plugins.certrecovery.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostLayoutTest {
    @Test
    void defaultsAreTheRealPaths() {
        HostLayout layout = HostLayout.forVersion(OcpVersion.parse("4.3"));
        assertEquals("/etc/kubernetes/manifests/kube-apiserver-pod.yaml", layout.kubeApiserverManifest());
        assertEquals("/etc/kubernetes/kubelet-ca.crt", layout.kubeletCa());
        assertEquals(
                "/etc/kubernetes/ca.crt",
                HostLayout.forVersion(OcpVersion.parse("4.1")).kubeletCa());
    }

    @Test
    void rootedLayoutPrefixesEveryPathAndMapsContainerPaths() {
        HostLayout layout = HostLayout.forVersion(OcpVersion.parse("4.3")).under("/tmp/sbx/master-0/");
        assertEquals("/tmp/sbx/master-0/var/lib/kubelet/pki", layout.kubeletPkiDir());
        assertEquals(
                "/tmp/sbx/master-0/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig",
                layout.hostPathOfContainerPath(
                        "/etc/kubernetes/static-pod-resources/recovery-kube-apiserver-pod/admin.kubeconfig"));
    }

    @Test
    void staticPodManifestsRevisionsAndEtcdCertificatesFollowTheInstallersNaming() {
        HostLayout layout = HostLayout.forVersion(OcpVersion.parse("4.18")).under("/tmp/sbx/master-0");
        assertEquals("/tmp/sbx/master-0/etc/kubernetes/manifests/etcd-pod.yaml", layout.staticPodManifest("etcd-pod"));
        assertEquals(layout.kubeApiserverManifest(), layout.staticPodManifest("kube-apiserver-pod"));
        assertEquals(
                "/tmp/sbx/master-0/etc/kubernetes/static-pod-resources/kube-scheduler-pod",
                layout.staticPodRevisionPrefix("kube-scheduler-pod"));
        assertEquals("/tmp/sbx/master-0/etc/kubernetes/static-pod-resources/etcd-certs", layout.etcdCertsDir());
    }

    @Test
    void versionsOutsideFourAreRefusedWithTheSupportedList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcpVersion.parse("3.11"));
        assertTrue(e.getMessage().contains("4.1, 4.2, 4.3"));
        assertTrue(OcpVersion.parse("4.3.0").hasRecoveryApiserver());
        assertFalse(OcpVersion.parse("4.4").hasRecoveryApiserver());
    }
}
