package io.jenkins.plugins.certrecovery.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InventoryLoaderTest {
    private static final String FINGERPRINT = "SHA256:" + "A".repeat(42) + "Q";

    @TempDir
    Path home;

    private InventoryLoader cli;
    private InventoryLoader jenkins;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
        Files.writeString(home.resolve(".ssh/known_hosts"), "10.0.0.10 ssh-ed25519 AAAA\n");
        cli = new InventoryLoader(InventoryLoader.Caller.CLI, home);
        jenkins = new InventoryLoader(InventoryLoader.Caller.JENKINS, home);
    }

    private static final String VALID = """
            ocpVersion: "4.3"
            releaseImage: quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64
            ssh:
              user: core
              port: 22
              identityFile: ~/.ssh/id_ed25519
              knownHosts: ~/.ssh/known_hosts
              jumpHost: core@bastion.example.com:2222
            masters:
              - {name: master-0, host: 10.0.0.10}
              - {name: master-1, host: master-1.example.com, port: 2022}
              - {name: master-2, host: "fd00::12", pathPrefix: /tmp/sandbox/master-2}
            workers:
              - {name: worker-0.example.com, host: 10.0.0.20}
            """;

    @Test
    void readsACompleteYamlFileExpandingTheHomeDirectory() throws IOException {
        Path file = home.resolve("inventory.yaml");
        Files.writeString(file, VALID);
        Inventory inventory = cli.load("~/inventory.yaml");

        assertEquals(OcpVersion.parse("4.3"), inventory.ocpVersion());
        assertEquals("quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64", inventory.releaseImage());
        assertEquals(
                List.of("master-0", "master-1", "master-2", "worker-0.example.com"),
                inventory.nodes().stream().map(ClusterNode::name).toList());
        assertEquals(
                new ClusterNode("master-1", "master-1.example.com", 2022, "", NodeRole.MASTER),
                inventory.masters().get(1));
        assertEquals("/tmp/sandbox/master-2", inventory.masters().get(2).pathPrefix());
        assertEquals(NodeRole.WORKER, inventory.workers().get(0).role());
        SshSettings ssh = inventory.ssh();
        assertEquals(home.resolve(".ssh/id_ed25519").toString(), ssh.identityFile());
        assertEquals(home.resolve(".ssh/known_hosts").toString(), ssh.knownHosts());
        assertEquals(
                new JumpHost("core", "bastion.example.com", 2222), ssh.jump().orElseThrow());
        assertNull(ssh.credentialsId());
        assertFalse(ssh.insecureAcceptAnyHostKey());
    }

    @Test
    void groovyMapSpellingGivesTheSameInventoryAndKeepsTheCredentialsId() {
        Map<String, Object> sshMap = new LinkedHashMap<>();
        sshMap.put("credentialsId", "ocp-core-key");
        sshMap.put("knownHostsText", "10.0.0.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\n");
        sshMap.put("hostKeyFingerprints", Map.of("master-0", FINGERPRINT));
        sshMap.put("port", "2222");
        Map<String, Object> cluster = new LinkedHashMap<>();
        // Groovy writes decimal literals as BigDecimal and interpolated strings as GString (a CharSequence).
        cluster.put("ocpVersion", new BigDecimal("4.3"));
        cluster.put(
                "releaseImage",
                new StringBuilder("quay.io/openshift-release-dev/ocp-release@sha256:" + "a".repeat(64)));
        cluster.put("ssh", sshMap);
        cluster.put("masters", List.of(Map.of("name", "master-0", "host", "10.0.0.10")));

        Inventory inventory = jenkins.fromMap(cluster, "the cluster argument");

        assertEquals("ocp-core-key", inventory.ssh().credentialsId());
        assertEquals("core", inventory.ssh().user());
        assertEquals(2222, inventory.ssh().port());
        assertEquals(FINGERPRINT, inventory.ssh().hostKeyFingerprints().get("master-0"));
        assertEquals(List.of(), inventory.workers());
        assertEquals(0, inventory.firstMaster().port());
    }

    @Test
    void defaultsApplyWhenSshIsLeftOutAndNewerVersionsNeedNoReleaseImage() {
        Inventory inventory = cli.fromYaml("ocpVersion: 4.10\nmasters: [{name: master-0, host: m0}]\n", "test");
        assertEquals(new OcpVersion(4, 10), inventory.ocpVersion(), "an unquoted 4.10 must not become 4.1");
        assertEquals("core", inventory.ssh().user());
        assertEquals(22, inventory.ssh().port());
        assertNull(inventory.releaseImage());
        assertTrue(inventory.ssh().jump().isEmpty());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InventoryException e = assertThrows(InventoryException.class, () -> cli.fromYaml("""
                ocpVersion: "3.11"
                colour: blue
                masters:
                  - {name: Master-0, host: "10.0.0.10; rm -rf /"}
                  - {name: master-1}
                """, "inv.yaml"));
        List<String> paths = e.problems().stream().map(InventoryProblem::path).toList();
        assertEquals(List.of("colour", "ocpVersion", "masters[0].name", "masters[0].host", "masters[1].host"), paths);
        assertTrue(e.getMessage().startsWith("inventory inv.yaml has 5 problems:"), e.getMessage());
        assertTrue(e.getMessage().contains("masters[0].host: contains the shell metacharacter ';'"), e.getMessage());
    }

    @Test
    void anAdminKubeconfigIsAnAbsolutePathOnTheFirstMaster() {
        Inventory inventory = cli.fromYaml(
                "ocpVersion: \"4.5\"\nadminKubeconfig: /root/kubeconfig\n" + "masters: [{name: master-0, host: m0}]\n",
                "test");
        assertEquals("/root/kubeconfig", inventory.adminKubeconfig());
        assertNull(cli.fromYaml("ocpVersion: \"4.5\"\nmasters: [{name: master-0, host: m0}]\n", "test")
                .adminKubeconfig());
        InventoryException relative = assertThrows(
                InventoryException.class,
                () -> cli.fromYaml(
                        "ocpVersion: \"4.5\"\nadminKubeconfig: auth/kubeconfig\nmasters: [{name: master-0, host: m0}]\n",
                        "inv.yaml"));
        assertTrue(
                relative.getMessage().contains("adminKubeconfig: 'auth/kubeconfig' is not an absolute path"),
                relative.getMessage());
    }

    @Test
    void theClusterIsNamedByTheNameKey() {
        Inventory inventory =
                cli.fromYaml("name: prod-east\nocpVersion: \"4.6\"\nmasters: [{name: master-0, host: m0}]\n", "test");
        assertEquals("prod-east", inventory.name());
    }

    @Test
    void withoutANameKeyAnInventoryFileNamesTheClusterWithoutItsExtension() throws IOException {
        Files.writeString(
                home.resolve("prod-west.cluster.yaml"), "ocpVersion: \"4.6\"\nmasters: [{name: master-0, host: m0}]\n");
        assertEquals("prod-west.cluster", cli.load("~/prod-west.cluster.yaml").name());
    }

    @Test
    void withoutANameKeyOrAFileTheClusterIsNamedAfterItsFirstMaster() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ocpVersion", "4.6");
        map.put(
                "masters",
                List.of(
                        Map.of("name", "master-0.prod.example.com", "host", "10.0.0.10"),
                        Map.of("name", "master-1", "host", "10.0.0.11")));
        assertEquals(
                "master-0.prod.example.com",
                jenkins.fromMap(map, "the cluster argument").name());
    }

    @Test
    void aMapReadFromAFileIsNamedAfterTheFile() {
        Map<String, Object> map =
                InventoryLoader.parseYaml("ocpVersion: \"4.6\"\nmasters: [{name: master-0, host: m0}]\n", "x");
        assertEquals(
                "edge-7", jenkins.fromMap(map, Path.of("clusters/edge-7.yml")).name());
    }

    @Test
    void aFileNameThatIsNoClusterNameNeedsTheNameKey() throws IOException {
        Files.writeString(
                home.resolve("my cluster.yaml"), "ocpVersion: \"4.6\"\nmasters: [{name: master-0, host: m0}]\n");
        InventoryException e = assertThrows(InventoryException.class, () -> cli.load("~/my cluster.yaml"));
        InventoryProblem problem = e.problems().get(0);
        assertEquals("name", problem.path());
        assertEquals("is missing and the file name 'my cluster' is not a cluster name to default to", problem.reason());
        assertTrue(problem.fix().contains("name: prod-east"), problem.fix());
    }

    static Stream<Arguments> invalidInventories() {
        String masters = "masters: [{name: master-0, host: 10.0.0.10}]\n";
        String head = "ocpVersion: \"4.3\"\nreleaseImage: quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64\n";
        String base = head + masters;
        return Stream.of(
                Arguments.of("syntax", "ocpVersion: [\n", "line ", "is not valid YAML"),
                Arguments.of("empty file", "", "(top level)", "the inventory is empty"),
                Arguments.of("list at top", "- a\n", "(top level)", "not a mapping"),
                Arguments.of("duplicate key", base + "ocpVersion: \"4.2\"\n", "line ", "Duplicate field"),
                Arguments.of("unknown top key", base + "master: []\n", "master", "is not a known key"),
                Arguments.of("missing version", "releaseImage: a/b:1\n" + masters, "ocpVersion", "is missing"),
                Arguments.of("unsupported version", "ocpVersion: \"3.11\"\n" + masters, "ocpVersion", "supported are"),
                Arguments.of("version as list", "ocpVersion: [4]\n" + masters, "ocpVersion", "not a version"),
                Arguments.of(
                        "release image missing on 4.3",
                        "ocpVersion: \"4.3\"\n" + masters,
                        "releaseImage",
                        "is missing"),
                Arguments.of(
                        "release image not a reference",
                        "ocpVersion: \"4.3\"\nreleaseImage: \"quay.io/Ocp Release\"\n" + masters,
                        "releaseImage",
                        "is not an image reference"),
                Arguments.of(
                        "release image unpinned",
                        "ocpVersion: \"4.3\"\nreleaseImage: quay.io/openshift/ocp-release\n" + masters,
                        "releaseImage",
                        "neither a tag nor a digest"),
                Arguments.of(
                        "release image as number",
                        "ocpVersion: \"4.4\"\nreleaseImage: 7\n" + masters,
                        "releaseImage",
                        "not text"),
                Arguments.of("masters missing", head, "masters", "is missing"),
                Arguments.of("masters empty", head + "masters: []\n", "masters", "is empty"),
                Arguments.of("masters a mapping", head + "masters: {name: m}\n", "masters", "not a list"),
                Arguments.of("master entry a string", head + "masters: [master-0]\n", "masters[0]", "not a mapping"),
                Arguments.of(
                        "unknown node key",
                        head + "masters: [{name: m, host: h, ip: 1.2.3.4}]\n",
                        "masters[0].ip",
                        "is not a known key"),
                Arguments.of("name missing", head + "masters: [{host: h}]\n", "masters[0].name", "is missing"),
                Arguments.of("host missing", head + "masters: [{name: m}]\n", "masters[0].host", "is missing"),
                Arguments.of(
                        "name upper case",
                        head + "masters: [{name: Master-0, host: h}]\n",
                        "masters[0].name",
                        "upper-case"),
                Arguments.of(
                        "name with metacharacter",
                        head + "masters: [{name: \"m$(id)\", host: h}]\n",
                        "masters[0].name",
                        "shell metacharacter '$'"),
                Arguments.of(
                        "name with underscore",
                        head + "masters: [{name: m_0, host: h}]\n",
                        "masters[0].name",
                        "the character '_'"),
                Arguments.of(
                        "name bad label", head + "masters: [{name: -m, host: h}]\n", "masters[0].name", "DNS-1123"),
                Arguments.of(
                        "name too long",
                        head + "masters: [{name: " + "a".repeat(254) + ", host: h}]\n",
                        "masters[0].name",
                        "at most 253"),
                Arguments.of("name empty", head + "masters: [{name: \"\", host: h}]\n", "masters[0].name", "is empty"),
                Arguments.of("name a number", head + "masters: [{name: 0, host: h}]\n", "masters[0].name", "not text"),
                Arguments.of(
                        "host with space",
                        head + "masters: [{name: m, host: \"a b\"}]\n",
                        "masters[0].host",
                        "shell metacharacter U+0020"),
                Arguments.of(
                        "host with backtick",
                        head + "masters: [{name: m, host: \"`id`\"}]\n",
                        "masters[0].host",
                        "shell metacharacter '`'"),
                Arguments.of(
                        "host with newline",
                        head + "masters: [{name: m, host: \"a\\nb\"}]\n",
                        "masters[0].host",
                        "shell metacharacter U+000A"),
                Arguments.of(
                        "host bad ipv4",
                        head + "masters: [{name: m, host: 10.0.0.300}]\n",
                        "masters[0].host",
                        "not a valid IPv4"),
                Arguments.of(
                        "host octal ipv4",
                        head + "masters: [{name: m, host: 10.0.0.010}]\n",
                        "masters[0].host",
                        "not a valid IPv4"),
                Arguments.of(
                        "host bad ipv6",
                        head + "masters: [{name: m, host: \"fd00:::1:g\"}]\n",
                        "masters[0].host",
                        "not a valid IPv6"),
                Arguments.of(
                        "host bracketed ipv6",
                        head + "masters: [{name: m, host: \"[fd00::1]\"}]\n",
                        "masters[0].host",
                        "brackets"),
                Arguments.of(
                        "host trailing dot",
                        head + "masters: [{name: m, host: m.example.com.}]\n",
                        "masters[0].host",
                        "ends with a dot"),
                Arguments.of(
                        "host bad label",
                        head + "masters: [{name: m, host: m-.example.com}]\n",
                        "masters[0].host",
                        "is not a DNS name"),
                Arguments.of("host empty", head + "masters: [{name: m, host: \"\"}]\n", "masters[0].host", "is empty"),
                Arguments.of(
                        "port zero",
                        head + "masters: [{name: m, host: h, port: 0}]\n",
                        "masters[0].port",
                        "is not a port number"),
                Arguments.of(
                        "port too big",
                        head + "masters: [{name: m, host: h, port: 70000}]\n",
                        "masters[0].port",
                        "is not a port number"),
                Arguments.of(
                        "port text",
                        head + "masters: [{name: m, host: h, port: ssh}]\n",
                        "masters[0].port",
                        "is not a port number"),
                Arguments.of(
                        "pathPrefix relative",
                        head + "masters: [{name: m, host: h, pathPrefix: sandbox/m}]\n",
                        "masters[0].pathPrefix",
                        "not an absolute path"),
                Arguments.of(
                        "pathPrefix dotdot",
                        head + "masters: [{name: m, host: h, pathPrefix: /tmp/../etc}]\n",
                        "masters[0].pathPrefix",
                        "not an absolute path"),
                Arguments.of(
                        "duplicate name across roles",
                        base + "workers: [{name: master-0, host: 10.0.0.20}]\n",
                        "workers[0].name",
                        "already the name of masters[0]"),
                Arguments.of("workers a string", base + "workers: worker-0\n", "workers", "not a list"),
                Arguments.of("ssh a list", base + "ssh: [core]\n", "ssh", "not a mapping"),
                Arguments.of("unknown ssh key", base + "ssh: {password: x}\n", "ssh.password", "is not a known key"),
                Arguments.of("bad user", base + "ssh: {user: \"core;id\"}\n", "ssh.user", "not a login name"),
                Arguments.of("bad ssh port", base + "ssh: {port: -1}\n", "ssh.port", "is not a port number"),
                Arguments.of(
                        "identity file missing",
                        base + "ssh: {identityFile: ~/.ssh/nope}\n",
                        "ssh.identityFile",
                        "does not exist"),
                Arguments.of(
                        "identity file a directory",
                        base + "ssh: {identityFile: ~/.ssh}\n",
                        "ssh.identityFile",
                        "is not a regular file"),
                Arguments.of(
                        "identity file blank", base + "ssh: {identityFile: \" \"}\n", "ssh.identityFile", "is blank"),
                Arguments.of(
                        "known hosts missing",
                        base + "ssh: {knownHosts: /nonexistent/known_hosts}\n",
                        "ssh.knownHosts",
                        "does not exist"),
                Arguments.of(
                        "credentials id on the CLI",
                        base + "ssh: {credentialsId: key}\n",
                        "ssh.credentialsId",
                        "for Jenkins only"),
                Arguments.of(
                        "both known hosts",
                        base + "ssh: {knownHosts: ~/.ssh/known_hosts, knownHostsText: \"h t k\"}\n",
                        "ssh.knownHostsText",
                        "together with ssh.knownHosts"),
                Arguments.of(
                        "known hosts text malformed",
                        base + "ssh: {knownHostsText: \"10.0.0.10 ssh-ed25519\"}\n",
                        "ssh.knownHostsText",
                        "line 1 is not"),
                Arguments.of(
                        "known hosts text only comments",
                        base + "ssh: {knownHostsText: \"# none\"}\n",
                        "ssh.knownHostsText",
                        "no host key lines"),
                Arguments.of(
                        "fingerprints a list",
                        base + "ssh: {hostKeyFingerprints: [a]}\n",
                        "ssh.hostKeyFingerprints",
                        "not a mapping"),
                Arguments.of(
                        "fingerprint for unknown node",
                        base + "ssh: {hostKeyFingerprints: {master-9: \"" + FINGERPRINT + "\"}}\n",
                        "ssh.hostKeyFingerprints.master-9",
                        "not a node"),
                Arguments.of(
                        "fingerprint malformed",
                        base + "ssh: {hostKeyFingerprints: {master-0: \"MD5:ab:cd\"}}\n",
                        "ssh.hostKeyFingerprints.master-0",
                        "not a SHA256 fingerprint"),
                Arguments.of(
                        "jump host bad port",
                        base + "ssh: {jumpHost: \"core@bastion:99999\"}\n",
                        "ssh.jumpHost",
                        "the port '99999'"),
                Arguments.of(
                        "jump host bad host",
                        base + "ssh: {jumpHost: \"core@bas|tion\"}\n",
                        "ssh.jumpHost",
                        "shell metacharacter '|'"),
                Arguments.of(
                        "jump host bad user",
                        base + "ssh: {jumpHost: \"c ore@bastion\"}\n",
                        "ssh.jumpHost",
                        "not a login name"),
                Arguments.of(
                        "jump host unclosed bracket",
                        base + "ssh: {jumpHost: \"core@[fd00::1:22\"}\n",
                        "ssh.jumpHost",
                        "without a closing"),
                Arguments.of("version without minor", "ocpVersion: \"4\"\n" + masters, "ocpVersion", "supported are"),
                Arguments.of(
                        "release image with a bad digest",
                        "ocpVersion: \"4.3\"\nreleaseImage: \"quay.io/o/r@sha256:ABC\"\n" + masters,
                        "releaseImage",
                        "is not an image reference"),
                Arguments.of(
                        "host too long",
                        head + "masters: [{name: m, host: " + "a.".repeat(127) + "bc}]\n",
                        "masters[0].host",
                        "at most 253"),
                Arguments.of(
                        "host with percent",
                        head + "masters: [{name: m, host: \"fe80::1%eth0\"}]\n",
                        "masters[0].host",
                        "the character '%'"),
                Arguments.of(
                        "fingerprint not text",
                        base + "ssh: {hostKeyFingerprints: {master-0: 42}}\n",
                        "ssh.hostKeyFingerprints.master-0",
                        "not text"),
                Arguments.of("name not text", base + "name: [prod]\n", "name", "not text"),
                Arguments.of(
                        "name with a slash", base + "name: prod/east\n", "name", "'prod/east' is not a cluster name"),
                Arguments.of(
                        "name starting with a dot",
                        base + "name: .hidden\n",
                        "name",
                        "'.hidden' is not a cluster name"),
                Arguments.of("user not text", base + "ssh: {user: [core]}\n", "ssh.user", "not text"),
                Arguments.of(
                        "jump host junk after bracket",
                        base + "ssh: {jumpHost: \"core@[fd00::1]x\"}\n",
                        "ssh.jumpHost",
                        "expected ':port' after ']'"),
                Arguments.of(
                        "insecure not boolean",
                        base + "ssh: {insecureAcceptAnyHostKey: yes please}\n",
                        "ssh.insecureAcceptAnyHostKey",
                        "not true or false"),
                Arguments.of(
                        "insecure with known hosts",
                        base + "ssh: {insecureAcceptAnyHostKey: true, knownHosts: " + "~/.ssh/known_hosts}\n",
                        "ssh.insecureAcceptAnyHostKey",
                        "while host keys are also given"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInventories")
    void eachInvalidValueIsRefusedWithItsPathReasonAndFix(String description, String yaml, String path, String reason) {
        InventoryException e = assertThrows(InventoryException.class, () -> cli.fromYaml(yaml, "inv.yaml"));
        assertTrue(
                e.problems().stream()
                        .anyMatch(p -> p.path().startsWith(path)
                                && p.reason().contains(reason)
                                && !p.fix().isBlank()),
                () -> description + ": expected " + path + " / " + reason + " in\n" + e.getMessage());
    }

    @Test
    void identityFileIsRefusedInJenkinsWhereFilesAreNotCheckedOnTheController() {
        String yaml = "ocpVersion: \"4.4\"\nssh: {identityFile: /nonexistent/key, knownHosts: /agent/known_hosts}\n"
                + "masters: [{name: m, host: h}]\n";
        InventoryException e = assertThrows(InventoryException.class, () -> jenkins.fromYaml(yaml, "inv.yaml"));
        assertEquals(
                List.of("ssh.identityFile"),
                e.problems().stream().map(InventoryProblem::path).toList());
        assertTrue(e.problems().get(0).fix().contains("credentialsId"));
    }

    @Test
    void credentialsIdMustBeAUsableIdInJenkins() {
        InventoryException e = assertThrows(
                InventoryException.class,
                () -> jenkins.fromYaml(
                        "ocpVersion: \"4.4\"\nssh: {credentialsId: \"  \"}\nmasters: [{name: m, host: h}]\n",
                        "inv.yaml"));
        assertEquals("ssh.credentialsId", e.problems().get(0).path());
        assertTrue(e.problems().get(0).reason().contains("blank"));
    }

    @Test
    void theJumpHostKeyCanBePinnedAndIpv4MappedAddressesAreHosts() {
        Inventory inventory = cli.fromYaml(
                "ocpVersion: \"4.6\"\nssh: {jumpHost: \"bastion\", hostKeyFingerprints: {jumpHost: \"" + FINGERPRINT
                        + "\"}}\nmasters: [{name: m, host: \"::ffff:10.0.0.1\"}]\n",
                "inv.yaml");
        assertEquals(FINGERPRINT, inventory.ssh().hostKeyFingerprints().get(SshSettings.JUMP_HOST_KEY));
        assertEquals(new JumpHost("core", "bastion", 22), inventory.ssh().jump().orElseThrow());
    }

    @Test
    void anUnreadableIdentityFileIsRefused() throws IOException {
        Path key = home.resolve(".ssh/id_ed25519");
        Files.setPosixFilePermissions(key, java.util.Set.of());
        Assumptions.assumeFalse(
                Files.isReadable(key), "this user (root?) reads files without permissions; cannot test unreadable");
        InventoryException e = assertThrows(
                InventoryException.class,
                () -> cli.fromYaml(
                        "ocpVersion: \"4.4\"\nssh: {identityFile: ~/.ssh/id_ed25519}\nmasters: [{name: m, host: h}]\n",
                        "inv.yaml"));
        assertTrue(e.problems().get(0).reason().contains("cannot be read by this user"), e.getMessage());
    }

    @Test
    void unreadableFileIsOneProblemNamingTheFile() {
        InventoryException e = assertThrows(InventoryException.class, () -> cli.load("~/missing.yaml"));
        assertEquals("(file)", e.problems().get(0).path());
        assertTrue(e.getMessage().contains("missing.yaml"));
    }

    @Test
    void validHostsAndNamesAreAccepted() {
        for (String host : List.of(
                "10.0.0.10",
                "0.0.0.0",
                "fd00::1",
                "::1",
                "2001:db8::ffff:10.0.0.1",
                "Master-0.Example.COM",
                "h",
                "a-b.c-d")) {
            assertTrue(NetworkNames.hostProblem(host).isEmpty(), host);
        }
        for (String name : List.of("master-0", "ip-10-0-152-205.ec2.internal", "0")) {
            assertTrue(NetworkNames.nodeNameProblem(name).isEmpty(), name);
        }
    }

    @Test
    void jumpHostFormsParse() {
        assertEquals(new JumpHost("me", "bastion", 22), JumpHost.parse("bastion", "me"));
        assertEquals(new JumpHost("core", "fd00::1", 2222), JumpHost.parse("core@[fd00::1]:2222", "x"));
        assertEquals(new JumpHost("me", "fd00::1", 22), JumpHost.parse("fd00::1", "me"));
        assertEquals(
                "core@[fd00::1]:2222",
                JumpHost.parse("core@[fd00::1]:2222", "x").toString());
        assertThrows(IllegalArgumentException.class, () -> JumpHost.parse("a@b@c;", "x"));
    }
}
