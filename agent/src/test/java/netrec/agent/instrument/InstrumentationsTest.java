package netrec.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstrumentationsTest {
    @Test
    void theClassesNamedWithoutByteBuddyAreTheClassesWoven() {
        Set<String> woven = new HashSet<>();
        for (NetworkInstrumentation instrumentation : Instrumentations.all()) {
            assertTrue(woven.add(instrumentation.typeName().replace('.', '/')), instrumentation.typeName());
        }
        Set<String> named = new HashSet<>(Instrumentations.ON_NETWORK_PATH);
        named.addAll(Instrumentations.OFF_NETWORK_PATH);
        assertEquals(woven, named);
        assertEquals(List.of(), Instrumentations.ON_NETWORK_PATH.stream()
                .filter(Instrumentations.OFF_NETWORK_PATH::contains).toList());
    }
}
