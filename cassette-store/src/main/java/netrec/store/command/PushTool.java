package netrec.store.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.store.StoreAddress;
import netrec.store.Fetching;
import netrec.store.Publishing;
import netrec.store.S3Store;
import netrec.tools.command.Arguments;
import netrec.tools.command.NetrecVersion;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/** {@code push CASSETTE s3://BUCKET/[PREFIX/]NAME}: publishes a cassette folder into a store ({@link Publishing}). */
public final class PushTool extends Tool {
    public PushTool() {
        super("push",
                "push CASSETTE s3://BUCKET/[PREFIX/]NAME",
                "                      publish the cassette into an S3-compatible store, each file sent only if",
                "                      the store lacks its bytes; AWS's credentials chain, AWS_ENDPOINT_URL_S3 for",
                "                      another store than AWS");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        List<String> given = arguments.read(List.of(), List.of()).expect(2, "a cassette folder and where to publish it");
        Path cassette = Arguments.existingDirectory(given.get(0)).toAbsolutePath().normalize();
        StoreAddress address = address(given.get(1));
        try (S3Store store = S3Store.open(address.bucket(), System.getenv())) {
            Publishing.Result result = Publishing.publish(cassette, address, store, NetrecVersion.get());
            Fetching.remember(cassette, address, result.manifest().toYaml()); // a later pull into it may update it
            out.println("published " + cassette + " as " + address + ": " + Sizes.count(result.manifest().files()
                    .size(), "file") + " (" + Sizes.of(result.manifest().size()) + ") in " + Sizes.count(
                    result.objects(), "object") + "; sent " + result.sent() + " (" + Sizes.of(result.sentBytes())
                    + ")" + (result.sent() < result.objects() ? ", the store had the other "
                    + (result.objects() - result.sent()) : ""));
            return 0;
        }
    }

    static StoreAddress address(String given) {
        try {
            return StoreAddress.parse(given);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
