package io.jenkins.plugins.certrecovery.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.certrecovery.expiry.ExpiryCheckSettings;
import io.jenkins.plugins.certrecovery.recovery.RecoveryOptions;
import io.jenkins.plugins.certrecovery.ssh.SshOptions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue's own rules: one name per operation, one spelling rule per front end, and a reason for every difference. */
class OptionCatalogueTest {
    @ParameterizedTest
    @EnumSource(Operation.class)
    void theSubcommandOfAnOperationIsItsNameInWords(Operation operation) {
        assertEquals(operation.id(), operation.cliCommand().replace(' ', '-'));
    }

    @Test
    void theCliSpellsTheNameInKebabCaseAndAPipelineAppendsTheUnitOfADuration() {
        assertEquals("--apiserver-timeout", OptionCatalogue.APISERVER_TIMEOUT.cliName());
        assertEquals("apiserverTimeoutMinutes", OptionCatalogue.APISERVER_TIMEOUT.pipelineName());
        assertEquals("commandTimeoutSeconds", OptionCatalogue.COMMAND_TIMEOUT.pipelineName());
        assertEquals("--warning-days", OptionCatalogue.WARNING_DAYS.cliName());
        assertEquals("warningDays", OptionCatalogue.WARNING_DAYS.pipelineName());
    }

    @Test
    void aFlagOnByDefaultIsDeclaredOnTheCommandLineByTheFormThatTurnsItOff() {
        assertEquals("--no-check-endpoints", OptionCatalogue.CHECK_ENDPOINTS.cliName());
        assertEquals("--skip-unreachable", OptionCatalogue.SKIP_UNREACHABLE.cliName());
    }

    @Test
    void aDurationDefaultIsShownAsTypedAndGivenToAPipelineInItsUnit() {
        assertEquals("10m", OptionCatalogue.COMMAND_TIMEOUT.defaultText());
        assertEquals(600, OptionCatalogue.COMMAND_TIMEOUT.pipelineDefault());
        assertEquals(30, OptionCatalogue.NODES_READY_TIMEOUT.pipelineDefault());
    }

    @Test
    void anOptionWithoutDefaultHasNoneInEitherFrontEnd() {
        assertNull(OptionCatalogue.NODES.pipelineDefault());
        assertNull(OptionCatalogue.NODES.cliDefaultText());
        assertNull(OptionCatalogue.ADMIN_KUBECONFIG.defaultText());
    }

    @Test
    void everyDifferenceBetweenTheFrontEndsSaysWhy() {
        for (EngineOption option : OptionCatalogue.all()) {
            boolean alike = option.frontEnds().equals(Set.of(FrontEnd.values()))
                    && java.util.Objects.equals(option.defaultValue(), option.cliDefault());
            if (alike) {
                assertNull(option.note(), option.name());
            } else {
                assertNotNull(option.note(), option.name() + " differs between the front ends without a reason");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void noTwoOptionsOfAnOperationShareAName(Operation operation) {
        for (FrontEnd frontEnd : FrontEnd.values()) {
            Set<String> names = new HashSet<>();
            for (EngineOption option : OptionCatalogue.of(operation, frontEnd)) {
                assertEquals(
                        true, names.add(option.name()), operation.id() + " has two options named " + option.name());
            }
        }
    }

    @Test
    void theEngineStartsFromTheCataloguesDefaults() {
        RecoveryOptions engine = RecoveryOptions.defaults();
        assertEquals(OptionCatalogue.APISERVER_TIMEOUT.defaultDuration(), engine.apiserverTimeout());
        assertEquals(OptionCatalogue.NODES_READY_TIMEOUT.defaultDuration(), engine.nodesReadyTimeout());
        assertEquals(OptionCatalogue.WORKER_PARALLELISM.defaultInt(), engine.workerParallelism());
        assertEquals(
                OptionCatalogue.COMMAND_TIMEOUT.defaultDuration(),
                SshOptions.defaults().commandTimeout());
        assertEquals(
                OptionCatalogue.HOST_PARALLELISM.defaultInt(),
                ExpiryCheckSettings.defaults().parallelism());
        assertEquals(
                OptionCatalogue.WARNING_DAYS.defaultInt(),
                ExpiryCheckSettings.defaults().thresholds().warningDays());
    }
}
