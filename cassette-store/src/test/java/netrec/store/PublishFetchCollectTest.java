package netrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import netrec.cassette.store.StoreAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishFetchCollectTest {
    @TempDir
    Path work;
    final MemoryStore store = new MemoryStore();

    /** A cassette as recording leaves it: a recording, bodies named by their SHA-256, netrec's own folder. */
    private Path cassette(String name, String... bodies) throws IOException {
        Path cassette = Files.createDirectories(work.resolve(name));
        Files.createDirectories(cassette.resolve("interactions"));
        Files.writeString(cassette.resolve("interactions/Main.yaml"), "version: 6\n# " + name + "\n");
        Files.createDirectories(cassette.resolve("bodies"));
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Files.write(cassette.resolve("bodies").resolve(sha256(bytes)), bytes);
        }
        Files.createDirectories(cassette.resolve(".netrec/attempts"));
        Files.writeString(cassette.resolve(".netrec/attempts/report.txt"), "netrec's own");
        return cassette;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ObjectCache.sha256().digest(bytes));
    }

    private ObjectCache cache(String name) {
        return new ObjectCache(work.resolve(name), ObjectCache.DEFAULT_SIZE);
    }

    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String path = folder.relativize(file).toString();
                if (!path.startsWith(".netrec")) {
                    files.put(path, sha256(Files.readAllBytes(file)));
                }
            }
        }
        return files;
    }

    @Test
    void bodiesAreSentOncePerStoreAndTheManifestLast() throws Exception {
        Path first = cassette("first", "a shared jar", "first's page");
        StoreAddress one = StoreAddress.parse("s3://bucket/ci/first");
        Publishing.Result published = Publishing.publish(first, one, store, "test");
        assertEquals(3, published.objects());
        assertEquals(3, published.sent());
        assertEquals("ci/first/manifest.yaml", store.puts.get(store.puts.size() - 1), "the manifest comes last");
        assertFalse(store.objects.keySet().stream().anyMatch(key -> key.contains("report")), "never .netrec");

        store.puts.clear();
        Publishing.Result again = Publishing.publish(first, one, store, "test");
        assertEquals(0, again.sent(), "published again, nothing new is sent");
        assertEquals(1, store.puts.size());

        Path second = cassette("second", "a shared jar", "second's page");
        Publishing.Result other = Publishing.publish(second, StoreAddress.parse("s3://bucket/ci/second"), store, "t");
        assertEquals(2, other.sent(), "its recording and its own page; the shared jar was there");
        assertEquals(5, store.list("ci/.netrec/objects/").size());
    }

    @Test
    void aDamagedBodyIsNeverPublished() throws Exception {
        Path cassette = cassette("damaged", "a jar");
        try (Stream<Path> bodies = Files.list(cassette.resolve("bodies"))) {
            Files.writeString(bodies.findFirst().orElseThrow(), "a jaR");
        }
        IOException refused = assertThrows(IOException.class, () -> Publishing.publish(cassette,
                StoreAddress.parse("s3://bucket/damaged"), store, "test"));
        assertTrue(refused.getMessage().contains("is damaged"), refused.getMessage());
        assertTrue(store.objects.isEmpty(), "nothing was published");
    }

    @Test
    void aPulledCassetteIsTheSameFilesTheSecondPullFetchesNothingAndTheCacheAloneServesWhenTheStoreIsDown()
            throws Exception {
        Path recorded = cassette("recorded", "a jar", "a page");
        StoreAddress address = StoreAddress.parse("s3://bucket/recorded");
        Publishing.publish(recorded, address, store, "test");
        ObjectCache cache = cache("cache");

        Path pulled = work.resolve("pulled");
        Fetching.Result first = Fetching.fetch(address, store, cache, pulled);
        assertEquals(files(recorded), files(pulled));
        assertEquals(3, first.fetched());
        assertNull(first.warning());
        Path body = Files.list(pulled.resolve("bodies")).findFirst().orElseThrow();
        assertTrue(Files.isSameFile(body, cache.find(body.getFileName().toString())), "bodies link into the cache");
        Files.writeString(pulled.resolve(".netrec/replay-report.txt"), "a replay's report");

        Fetching.Result second = Fetching.fetch(address, store, cache, pulled);
        assertEquals(0, second.fetched(), "every object was in the cache");
        assertEquals("a replay's report", Files.readString(pulled.resolve(".netrec/replay-report.txt")));

        store.unreachable = true;
        Path offline = work.resolve("offline");
        Fetching.Result fromCache = Fetching.fetch(address, store, cache, offline);
        assertEquals(files(recorded), files(offline));
        assertTrue(fromCache.warning().startsWith("the store could not be reached (connection refused): using the "
                + "manifest of s3://bucket/recorded this machine fetched last"), fromCache.warning());

        IOException never = assertThrows(IOException.class, () -> Fetching.fetch(address, store, cache("empty"),
                work.resolve("nowhere")));
        assertTrue(never.getMessage().contains("and this machine has not fetched it before"), never.getMessage());
    }

    @Test
    void withBodiesOnUseEachBodyComesWhenAskedAndTheFolderIsNoEditedCopyMeanwhile() throws Exception {
        Path recorded = cassette("recorded", "a jar", "a page");
        StoreAddress address = StoreAddress.parse("s3://bucket/recorded");
        Publishing.publish(recorded, address, store, "test");
        ObjectCache cache = cache("cache");
        Path pulled = work.resolve("pulled");

        Fetching.Result fetched = Fetching.fetch(address, store, cache, pulled, true);
        assertEquals(1, fetched.fetched(), "the recording alone");
        assertFalse(Files.exists(pulled.resolve("bodies")), "no body yet");
        assertEquals(files(recorded).get("interactions/Main.yaml"), files(pulled).get("interactions/Main.yaml"));

        String jar = sha256("a jar".getBytes(StandardCharsets.UTF_8));
        Fetching.fetchBody(address, store, cache, pulled, new Manifest.Entry("bodies/" + jar, jar, 5));
        assertEquals("a jar", Files.readString(pulled.resolve("bodies").resolve(jar)));
        assertTrue(Files.isSameFile(pulled.resolve("bodies").resolve(jar), cache.find(jar)), "linked into the cache");
        String gone = sha256("no such body".getBytes(StandardCharsets.UTF_8));
        IOException none = assertThrows(IOException.class, () -> Fetching.fetchBody(address, store, cache, pulled,
                new Manifest.Entry("bodies/" + gone, gone, 12)));
        assertTrue(none.getMessage().endsWith("is not in the store: push the cassette again"), none.getMessage());
        IOException unpublished = assertThrows(IOException.class, () -> Publishing.publish(pulled, address, store,
                "test"));
        assertTrue(unpublished.getMessage().contains("was fetched with fetch=on-use and lacks the bodies no replay "
                + "read"), unpublished.getMessage());

        Fetching.fetch(address, store, cache, pulled, true);
        assertEquals(1, Files.list(pulled.resolve("bodies")).count(), "a body not fetched is no change of the "
                + "copy's; the one the cache has is placed again");
        Fetching.fetch(address, store, cache, pulled);
        assertEquals(files(recorded), files(pulled), "fetched ahead, the copy is whole");
        Publishing.publish(pulled, address, store, "test");

        Files.writeString(pulled.resolve(".netrec/fetching"), "a fetch killed while it placed the files");
        Files.delete(pulled.resolve("interactions/Main.yaml"));
        Fetching.fetch(address, store, cache, pulled);
        assertEquals(files(recorded), files(pulled), "a fetch cut short is no edit of the user's: fetched again");
    }

    @Test
    void aCassetteTheStoreLacksIsSaidAsSuchAndNoCachedManifestStandsInForIt() throws Exception {
        Path recorded = cassette("gone", "a jar");
        StoreAddress address = StoreAddress.parse("s3://bucket/gone");
        ObjectCache cache = cache("cache");
        Publishing.publish(recorded, address, store, "test");
        Fetching.fetch(address, store, cache, work.resolve("pulled"));
        store.objects.remove(address.manifestKey());
        IOException absent = assertThrows(IOException.class, () -> Fetching.fetch(address, store, cache,
                work.resolve("again")));
        assertEquals("s3://bucket/gone is not in the store (the test's store has no gone/manifest.yaml): push it "
                + "first, or check the name", absent.getMessage());
    }

    @Test
    void anObjectTheStoreChangedIsRefusedAndNotCached() throws Exception {
        Path recorded = cassette("changed", "a jar");
        StoreAddress address = StoreAddress.parse("s3://bucket/changed");
        Publishing.publish(recorded, address, store, "test");
        String bodyKey = store.objects.keySet().stream().filter(key -> key.contains("objects/"))
                .filter(key -> store.objects.get(key).length == 5).findFirst().orElseThrow();
        store.objects.put(bodyKey, "a jaR".getBytes(StandardCharsets.UTF_8));
        ObjectCache cache = cache("cache");
        IOException refused = assertThrows(IOException.class, () -> Fetching.fetch(address, store, cache,
                work.resolve("pulled")));
        assertTrue(refused.getMessage().contains("does not hold what the manifest says"), refused.getMessage());
        assertNull(cache.find(bodyKey.substring(bodyKey.lastIndexOf('/') + 1)));
    }

    @Test
    void aFolderHoldingSomethingElseIsNeverOverwritten() throws Exception {
        Path recorded = cassette("mine", "a jar");
        StoreAddress address = StoreAddress.parse("s3://bucket/mine");
        Publishing.publish(recorded, address, store, "test");
        IOException refused = assertThrows(IOException.class, () -> Fetching.fetch(address, store, cache("c"),
                recorded));
        assertTrue(refused.getMessage().startsWith(recorded + " holds files that are no pull of s3://bucket/mine ("),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("so nothing was overwritten: pull into an empty or new folder, or "
                + "publish them first (java -jar netrec.jar push " + recorded + " s3://bucket/mine)"),
                refused.getMessage());
        assertTrue(Files.exists(recorded.resolve(".netrec/attempts/report.txt")));
    }

    @Test
    void aPulledFolderThatWasEditedOrHoldsAnUnpublishedRecordingIsNeverOverwritten() throws Exception {
        StoreAddress address = StoreAddress.parse("s3://bucket/edited");
        Publishing.publish(cassette("edited", "a jar"), address, store, "test");
        ObjectCache cache = cache("cache");
        Path pulled = work.resolve("pulled");
        Fetching.fetch(address, store, cache, pulled);
        Files.writeString(pulled.resolve("interactions/Main.yaml"), "version: 6\n# my edit\n");
        Files.writeString(pulled.resolve("rules.yaml"), "version: 1\n");
        IOException refused = assertThrows(IOException.class, () -> Fetching.fetch(address, store, cache, pulled));
        assertEquals(pulled + " has changed since its last pull or publishing of s3://bucket/edited (interactions/"
                + "Main.yaml changed, rules.yaml added), so nothing was overwritten: publish it (java -jar netrec.jar "
                + "push " + pulled + " s3://bucket/edited), or move it away to start again from the store",
                refused.getMessage());
        assertEquals("version: 6\n# my edit\n", Files.readString(pulled.resolve("interactions/Main.yaml")));

        Publishing.Result pushed = Publishing.publish(pulled, address, store, "test");
        Fetching.remember(pulled, address, pushed.manifest().toYaml());
        Fetching.fetch(address, store, cache, pulled);
        assertEquals("version: 6\n# my edit\n", Files.readString(pulled.resolve("interactions/Main.yaml")),
                "published, the edit is the cassette");
    }

    @Test
    void aStoreThatRefusesIsNotPaperedOverByTheCache() throws Exception {
        StoreAddress address = StoreAddress.parse("s3://bucket/refused");
        Publishing.publish(cassette("refused", "a jar"), address, store, "test");
        ObjectCache cache = cache("cache");
        Fetching.fetch(address, store, cache, work.resolve("first"));
        store.refusing = true;
        IOException refused = assertThrows(IOException.class, () -> Fetching.fetch(address, store, cache,
                work.resolve("second")));
        assertEquals("403 Forbidden", refused.getMessage(), "an answer from the store (expired credentials, no "
                + "bucket) is said as it is; only no answer at all falls back on the manifest fetched last");
    }

    @Test
    void anObjectAGcRemovedUnderAPublishingIsSentAgainOnceTheManifestIsWritten() throws Exception {
        Publishing.publish(cassette("first", "a shared jar"), StoreAddress.parse("s3://bucket/first"), store, "t");
        String jar = StoreAddress.parse("s3://bucket/second").objectKey(sha256("a shared jar".getBytes(
                StandardCharsets.UTF_8)));
        store.removedWithNextManifest = jar;
        Publishing.Result second = Publishing.publish(cassette("second", "a shared jar"),
                StoreAddress.parse("s3://bucket/second"), store, "t");
        assertTrue(store.objects.containsKey(jar), "removed as the manifest was written, the jar was sent again");
        assertEquals("a shared jar".length() + "version: 6\n# second\n".length(), second.sentBytes());
        Fetching.fetch(StoreAddress.parse("s3://bucket/second"), store, cache("c"), work.resolve("whole"));
    }

    @Test
    void theCacheKeepsItsSizeDroppingWhatWasUsedLongestAgo() throws Exception {
        ObjectCache small = new ObjectCache(work.resolve("small"), 10);
        byte[] older = "0123456".getBytes(StandardCharsets.UTF_8);
        byte[] newer = "abcdefg".getBytes(StandardCharsets.UTF_8);
        Path first = small.keep(sha256(older), 7, new java.io.ByteArrayInputStream(older), "first");
        Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(1_000));
        small.keep(sha256(newer), 7, new java.io.ByteArrayInputStream(newer), "second");
        assertEquals(1, small.trim());
        assertNull(small.find(sha256(older)));
        assertNotNull(small.find(sha256(newer)));
        assertEquals(10L << 30, ObjectCache.parseSize("10g"));
        assertEquals(500L << 20, ObjectCache.parseSize("500M"));
        for (String wrong : List.of("10GB", "-1", "100000000t", "")) {
            IOException refused = assertThrows(IOException.class, () -> ObjectCache.parseSize(wrong), wrong);
            assertEquals("NETREC_CACHE_SIZE=" + wrong + " is not a size: write bytes, or a number with k, m, g or t "
                    + "(10g)", refused.getMessage());
        }
    }

    @Test
    void gcRemovesWhatNoCassetteNamesButWhatWasUsedWithinTheGrace() throws Exception {
        StoreAddress kept = StoreAddress.parse("s3://bucket/ci/kept");
        Publishing.publish(cassette("kept", "a shared jar"), kept, store, "test");
        StoreAddress replaced = StoreAddress.parse("s3://bucket/ci/replaced");
        Publishing.publish(cassette("replaced", "a shared jar", "an old page"), replaced, store, "test");
        Files.writeString(work.resolve("replaced/interactions/Main.yaml"), "version: 6\n# again\n");
        Publishing.publish(work.resolve("replaced"), replaced, store, "test"); // the old recording is named no more
        StoreAddress root = StoreAddress.store("s3://bucket/ci");

        Collecting.Result recent = Collecting.collect(root, store, Duration.ofHours(24), false);
        assertEquals(2, recent.cassettes());
        assertEquals(0, recent.removed().size());
        assertEquals(1, recent.sparedRecent(), "the old recording was used a moment ago");

        for (String key : store.used.keySet()) {
            store.used.put(key, Instant.now().minus(Duration.ofDays(2)));
        }
        Collecting.Result dry = Collecting.collect(root, store, Duration.ofHours(24), true);
        assertEquals(1, dry.removed().size());
        assertEquals(5, store.list("ci/.netrec/objects/").size(), "a dry run removes nothing");
        Collecting.Result collected = Collecting.collect(root, store, Duration.ofHours(24), false);
        assertEquals(1, collected.removed().size());
        assertEquals(4, store.list("ci/.netrec/objects/").size());
        Fetching.fetch(replaced, store, cache("c"), work.resolve("still-whole"));
        Fetching.fetch(kept, store, cache("c"), work.resolve("kept-whole"));

        store.objects.put("ci/broken/manifest.yaml", "version: 9\n".getBytes(StandardCharsets.UTF_8));
        IOException stopped = assertThrows(IOException.class, () -> Collecting.collect(root, store, Duration.ZERO,
                false));
        assertTrue(stopped.getMessage().startsWith("ci/broken/manifest.yaml (nothing was removed) is a manifest of "
                + "version 9"), stopped.getMessage());
    }
}
