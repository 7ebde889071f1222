package netrec.cassette.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
