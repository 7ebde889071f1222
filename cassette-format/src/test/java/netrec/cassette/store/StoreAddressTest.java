package netrec.cassette.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreAddressTest {
    @Test
    void aCassetteIsItsManifestAndItsFilesAreTheStoresObjects() {
        StoreAddress address = StoreAddress.parse("s3://ci-cassettes/team/builds/enforcer/");
        assertEquals("ci-cassettes", address.bucket());
        assertEquals("team/builds/", address.prefix());
        assertEquals("enforcer", address.name());
        assertEquals("team/builds/enforcer/manifest.yaml", address.manifestKey());
        assertEquals("team/builds/.netrec/objects/abc", address.objectKey("abc"));
        assertEquals("s3://ci-cassettes/team/builds/enforcer", address.toString());
        assertEquals("team/builds/.netrec/objects/", StoreAddress.store("s3://ci-cassettes/team/builds")
                .objectsPrefix());
    }

    @Test
    void aCassetteRightUnderTheBucketHasTheBucketForItsStore() {
        StoreAddress address = StoreAddress.parse("s3://bucket/weather");
        assertEquals("", address.prefix());
        assertEquals("weather/manifest.yaml", address.manifestKey());
        assertEquals(".netrec/objects/", StoreAddress.store("s3://bucket").objectsPrefix());
    }

    @Test
    void whatNamesNoCassetteIsRefusedWithAnExample() {
        for (String wrong : List.of("s3://bucket", "s3://bucket/", "s3:///name", "/tmp/cassette", "s3://b/.hidden",
                "s3://b/.netrec/objects/x", "s3://b/a//c", "s3://b/../../../etc/x", "s3://../x", "s3://b/a/./c",
                "s3://b/team/../x", "s3://b//x", "s3://b//home/me/project")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StoreAddress.parse(wrong), wrong);
            assertTrue(refused.getMessage().startsWith("'" + wrong + "'"), refused.getMessage());
        }
    }

    @Test
    void anAddressMistypedIsRefusedRatherThanTakenForAFolder() {
        for (String mistyped : List.of("S3://bucket/x", "s3:/bucket/x", "gs://bucket/x", "https://host/x")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StoreAddress.isStore(mistyped), mistyped);
            assertTrue(refused.getMessage().startsWith("'" + mistyped + "' looks like an address"),
                    refused.getMessage());
        }
        for (String folder : List.of("/tmp/cassette", "cassettes/weather", "C:/cassettes/weather", "a:b")) {
            assertFalse(StoreAddress.isStore(folder), folder);
        }
        assertTrue(StoreAddress.isStore("s3://bucket/x"));
    }

    @Test
    void theCopiesOfACassetteAndOfOneUnderItsNameNeverLieOneInTheOther() {
        Map<String, String> environment = Map.of("NETREC_CACHE", "/cache");
        Path outer = MachineCache.copyOf(StoreAddress.parse("s3://b/nest"), environment);
        Path inner = MachineCache.copyOf(StoreAddress.parse("s3://b/nest/inner"), environment);
        assertEquals(Path.of("/cache/cassettes/b/nest"), outer);
        assertEquals(Path.of("/cache/cassettes/b/nest%2Finner"), inner);
        assertFalse(inner.startsWith(outer));
        assertEquals(Path.of("/cache/locks/b/nest%2Finner"), MachineCache.lockOf(StoreAddress.parse("s3://b/nest/inner"),
                environment), "no copy's name");
        assertEquals(Path.of("/cache/cassettes/b/a%252Fb%2Fc"), MachineCache.copyOf(StoreAddress.parse("s3://b/a%2Fb/c"),
                environment), "a % in a name cannot make two addresses one folder");
    }
}
