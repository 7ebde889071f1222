package netrec.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WovenClassCacheTest {
    @Test
    void theFolderFilesItCleansUpAreItsOwn() {
        for (String own : new String[] {"124294ff9d53179b.classes", "libraries-1016a9ce5ee1fa68.jar",
            ".partial-123-libraries-1.jar", ".partial-9.classes"}) {
            assertTrue(WovenClassCache.isCached(own), own);
        }
        for (String other : new String[] {"notes.txt", "libraries.txt", "my.jar", "cassette-index"}) {
            assertFalse(WovenClassCache.isCached(other), other);
        }
    }
}
