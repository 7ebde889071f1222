package netrec.store.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import netrec.cassette.store.StoreAddress;
import netrec.store.Fetching;
import netrec.store.ObjectCache;
import netrec.store.S3Store;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;

/** {@code pull s3://BUCKET/[PREFIX/]NAME FOLDER}: a published cassette into a folder ({@link Fetching}). */
public final class PullTool extends Tool {
    public PullTool() {
        super("pull",
                "pull s3://BUCKET/[PREFIX/]NAME FOLDER",
                "                      fetch a published cassette into FOLDER (new, empty, or an earlier pull of",
                "                      it), through this machine's cache (NETREC_CACHE, ~/.cache/netrec)");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        List<String> given = arguments.read(List.of(), List.of()).expect(2, "a published cassette and a folder");
        StoreAddress address = PushTool.address(given.get(0));
        Path folder = Paths.get(given.get(1)).toAbsolutePath().normalize();
        ObjectCache cache = ObjectCache.fromEnvironment(System.getenv());
        Fetching.Result result;
        try (S3Store store = S3Store.open(address.bucket(), System.getenv())) {
            result = Fetching.fetch(address, store, cache, folder);
        }
        if (result.warning() != null) {
            err.println("netrec: " + result.warning());
        }
        out.println("pulled " + address + " into " + folder + ": " + Sizes.count(result.manifest().files().size(),
                "file") + " (" + Sizes.of(result.manifest().size()) + "), published " + result.manifest().published()
                + "; " + result.fetched() + " of " + Sizes.count(result.objects(), "object") + " fetched ("
                + Sizes.of(result.fetchedBytes()) + "), the others from the cache in " + cache.directory());
        return 0;
    }
}
