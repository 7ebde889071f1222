package netrec.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * netrec's boundaries, as the build checks them: which way each module and package may depend, so that a change
 * that crosses one fails here, not in review.
 */
class ArchitectureTest {
    private static final JavaClasses NETREC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("netrec");

    @Test
    void everyModuleIsImported() {
        for (String type : new String[] {"netrec.cassette.Cassette", "netrec.runtime.Session",
                "netrec.runtime.bridge.NetrecBridge", "netrec.agent.NetrecAgent"}) {
            assertTrue(NETREC.contain(type), type + " is not among the classes checked");
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("netrec.(**)").should().beFreeOfCycles().check(NETREC);
    }

    @Test
    void cassetteFormatKnowsNothingOfTheEngine() {
        noClasses().that().resideInAPackage("netrec.cassette..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("netrec.runtime..", "netrec.agent..", "netrec.junit..")
                .check(NETREC);
    }

    @Test
    void cassetteModelCarriesNoSerializerAndNoByteBuddy() {
        noClasses().that().resideInAPackage("netrec.cassette")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "org.yaml..", "net.bytebuddy..")
                .check(NETREC);
    }

    @Test
    void instrumentationsReachTheEngineOnlyThroughTheBridge() {
        noClasses().that().resideInAPackage("netrec.agent.instrument..")
                .should().dependOnClassesThat(resideInAPackage("netrec.runtime..")
                        .and(not(resideInAPackage("netrec.runtime.bridge.."))))
                .check(NETREC);
    }

    @Test
    void bridgeUsesTheJdkOnly() {
        classes().that().resideInAPackage("netrec.runtime.bridge..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "netrec.runtime.bridge..")
                .check(NETREC);
    }

    @Test
    void recordingAndReplayKnowNoProtocolButThroughItsPlugInInterface() {
        noClasses().that().resideInAnyPackage("netrec.runtime.record..", "netrec.runtime.replay..",
                        "netrec.runtime.tap..", "netrec.runtime.protocol", "netrec.runtime.base..")
                .should().dependOnClassesThat().resideInAPackage("netrec.runtime.protocol.*..")
                .check(NETREC);
    }

    @Test
    void protocolsDoNotKnowEachOther() {
        slices().matching("netrec.runtime.protocol.(*)..").should().notDependOnEachOther().check(NETREC);
    }

    @Test
    void theEngineBelowTheSessionDoesNotReachUpToIt() {
        noClasses().that().resideInAPackage("netrec.runtime.*..")
                .should().dependOnClassesThat().resideInAPackage("netrec.runtime")
                .check(NETREC);
    }
}
