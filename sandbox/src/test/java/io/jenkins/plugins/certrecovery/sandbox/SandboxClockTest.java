package io.jenkins.plugins.certrecovery.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the cluster's time moves: in real time, by hand, or with the tool calls. */
class SandboxClockTest {
    @Test
    void manualClockStandsStillUntilAdvancedAndThenDoesWhatFellDueOnTheWay() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh().withManualClock())) {
            Instant start = sandbox.clock().instant();
            Steps.createRecoveryApiserver(sandbox);
            assertEquals(start, sandbox.clock().instant(), "tool calls do not move a manual clock");
            assertEquals(Optional.empty(), sandbox.recoveryApiserverAnswering());

            sandbox.clock().advance(Duration.ofHours(1));
            assertEquals(start.plus(Duration.ofHours(1)), sandbox.clock().instant());
            assertEquals(Optional.of("master-0"), sandbox.recoveryApiserverAnswering());
        }
    }

    @Test
    void steppedClockMovesToTheClustersNextChangeOnceAToolCallIsAnswered() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh().withClockSteppedByToolCalls())) {
            Instant start = sandbox.clock().instant();
            Steps.createRecoveryApiserver(sandbox);
            assertEquals(
                    start.plus(sandbox.spec().apiserverStartDelay()),
                    sandbox.clock().instant(),
                    "after create, the next change is the recovery API server's start");
            assertEquals(Optional.of("master-0"), sandbox.recoveryApiserverAnswering());
            SshSession.Result oc = Steps.root(sandbox, Steps.AS_ADMIN + "oc get namespace kube-system");
            assertEquals(0, oc.exit(), oc.all());
            assertEquals(
                    start.plus(sandbox.spec().apiserverStartDelay()),
                    sandbox.clock().instant(),
                    "nothing else is due");
        }
    }

    @Test
    void awaitThatWaitsInVainNamesWhatItAwaitedAndTheClustersState() throws Exception {
        try (Sandbox sandbox = Sandbox.start(
                SandboxSpec.defaults().withoutSsh().withManualClock().withApiserverNeverAnswering())) {
            Steps.createRecoveryApiserver(sandbox);
            AssertionError error = assertThrows(
                    AssertionError.class,
                    () -> sandbox.await(
                            "the recovery API server to answer",
                            Duration.ofMillis(200),
                            () -> sandbox.recoveryApiserverAnswering().isPresent()));
            assertTrue(
                    error.getMessage()
                            .startsWith("waited 200 ms for the recovery API server to answer in vain; cluster time "),
                    error.getMessage());
            assertTrue(
                    error.getMessage()
                            .contains(
                                    "; recovery API server: on master-0, not answering; certificates regenerated: no; "
                                            + "master-0 NotReady, kubelet active: "),
                    error.getMessage());
        }
    }

    @Test
    void realTimeCannotBeAdvancedAndSaysHowToOptIn() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSpec.defaults().withoutSsh())) {
            IllegalStateException refused = assertThrows(
                    IllegalStateException.class, () -> sandbox.clock().advance(Duration.ofSeconds(1)));
            assertTrue(refused.getMessage().contains("SandboxSpec.withManualClock()"), refused.getMessage());
        }
    }
}
