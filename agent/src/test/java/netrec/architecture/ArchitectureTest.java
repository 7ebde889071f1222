package netrec.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import netrec.cassette.Cassette;
import netrec.cassette.fixture.FormatReachingIntoTheTools;
import netrec.runtime.exchange.bites.TurnsThatFrameWebSocket;
import netrec.runtime.names.bites.NamesThatRouteConnections;
import netrec.runtime.protocol.bites.CodecThatAsksTheReplayer;
import netrec.runtime.replay.bites.ReplayThatSpeaksHttp;
import netrec.tools.Tools;
import netrec.tools.fixture.ToolReachingIntoTheEngine;
import netrec.tools.fixture.ToolUsingJUnit;
import netrec.tools.har.HarExport;
import netrec.tools.view.ViewPage;
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

    /** Recording, replay and the rest of the engine reach a protocol only through the plug-in contract. */
    private static final ArchRule KNOW_NO_CODEC = noClasses().that().resideInAnyPackage("netrec.runtime.record..",
                    "netrec.runtime.replay..", "netrec.runtime.tap..", "netrec.runtime.protocol",
                    "netrec.runtime.base..", "netrec.runtime.names..")
            .should().dependOnClassesThat().resideInAnyPackage("netrec.runtime.protocol.*..",
                    "netrec.runtime.exchange..");

    /**
     * A codec (and the HTTP and turn layers above codecs) asks the cassette through {@code CassetteAnswers} alone:
     * never the replayer, its index, the recorder, or the session.
     */
    private static final ArchRule ASK_THROUGH_THE_CONTRACT = noClasses().that()
            .resideInAnyPackage("netrec.runtime.protocol..", "netrec.runtime.exchange..")
            .should().dependOnClassesThat().resideInAnyPackage("netrec.runtime.replay..", "netrec.runtime.record..",
                    "netrec.runtime.names..", "netrec.runtime");

    /** HTTP's replay and the turn-by-turn machine sit above the codecs, and know none of them. */
    private static final ArchRule LAYERS_ABOVE_CODECS = noClasses().that()
            .resideInAPackage("netrec.runtime.exchange..")
            .should().dependOnClassesThat().resideInAPackage("netrec.runtime.protocol.*..");

    /** Name lookups are a room of their own: they know neither connections nor replay's answering. */
    private static final ArchRule NAMES_APART = noClasses().that().resideInAPackage("netrec.runtime.names..")
            .should().dependOnClassesThat().resideInAnyPackage("netrec.runtime.replay..",
                    "netrec.runtime.protocol..", "netrec.runtime.tap..");

    @Test
    void recordingAndReplayKnowNoProtocolButThroughItsPlugInInterface() {
        KNOW_NO_CODEC.check(NETREC);
    }

    @Test
    void protocolsAskTheCassetteThroughTheirContractAlone() {
        ASK_THROUGH_THE_CONTRACT.check(NETREC);
    }

    @Test
    void httpAndTurnLayersKnowNoCodec() {
        LAYERS_ABOVE_CODECS.check(NETREC);
    }

    @Test
    void nameLookupsStayInTheirRoom() {
        NAMES_APART.check(NETREC);
    }

    @Test
    void eachNewRuleBitesOnAClassThatBreaksIt() {
        assertBites(KNOW_NO_CODEC, ReplayThatSpeaksHttp.class);
        assertBites(ASK_THROUGH_THE_CONTRACT, CodecThatAsksTheReplayer.class);
        assertBites(LAYERS_ABOVE_CODECS, TurnsThatFrameWebSocket.class);
        assertBites(NAMES_APART, NamesThatRouteConnections.class);
    }

    private static void assertBites(ArchRule rule, Class<?> breaker) {
        JavaClasses classes = new ClassFileImporter().importClasses(breaker);
        assertTrue(rule.evaluate(classes).hasViolation(), rule + " let " + breaker.getName() + " through");
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

    /** The cassette tools (list, view, har, ...) need the format alone: the JDK, the format and the Jackson it brings. */
    private static ArchRule cassetteToolsDependOnTheFormatOnlyRule() {
        return classes().that().resideInAPackage("netrec.tools..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "netrec.tools..",
                        "netrec.cassette..", "com.fasterxml.jackson..");
    }

    private static ArchRule cassetteFormatKnowsNothingOfTheToolsRule() {
        return noClasses().that().resideInAPackage("netrec.cassette..")
                .should().dependOnClassesThat().resideInAPackage("netrec.tools..");
    }

    @Test
    void cassetteToolsAreImported() {
        assertTrue(NETREC.contain(Tools.class.getName()), "netrec.tools is not among the classes checked");
    }

    @Test
    void cassetteToolsDependOnTheFormatOnly() {
        cassetteToolsDependOnTheFormatOnlyRule().check(NETREC);
    }

    @Test
    void cassetteFormatKnowsNothingOfTheTools() {
        cassetteFormatKnowsNothingOfTheToolsRule().check(NETREC);
    }

    @Test
    void theToolsRuleFailsOnAToolThatReachesTheEngineOrJUnit() {
        JavaClasses honest = new ClassFileImporter().importClasses(Tools.class, HarExport.class, ViewPage.class);
        cassetteToolsDependOnTheFormatOnlyRule().check(honest);
        for (Class<?> breaking : new Class<?>[] {ToolReachingIntoTheEngine.class, ToolUsingJUnit.class}) {
            JavaClasses withIt = new ClassFileImporter().importClasses(Tools.class, HarExport.class, ViewPage.class,
                    breaking);
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> cassetteToolsDependOnTheFormatOnlyRule().check(withIt), breaking.getSimpleName());
            assertTrue(failure.getMessage().contains(breaking.getName()), failure.getMessage());
            assertFalse(failure.getMessage().contains("<" + HarExport.class.getName()), failure.getMessage());
        }
    }

    @Test
    void theFormatRuleFailsOnAFormatClassThatReachesTheTools() {
        cassetteFormatKnowsNothingOfTheToolsRule().check(new ClassFileImporter().importClasses(Cassette.class));
        JavaClasses withIt = new ClassFileImporter().importClasses(Cassette.class, FormatReachingIntoTheTools.class);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> cassetteFormatKnowsNothingOfTheToolsRule().check(withIt));
        assertTrue(failure.getMessage().contains(FormatReachingIntoTheTools.class.getName() + ".tools()"),
                failure.getMessage());
    }
}
