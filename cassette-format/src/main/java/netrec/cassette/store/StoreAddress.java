package netrec.cassette.store;

/**
 * Where a cassette lives in an object store: {@code s3://BUCKET/PREFIX/NAME}. The store is the bucket and the prefix
 * before the name (no prefix is a store too): every cassette published in it shares its files, each kept once under
 * {@code PREFIX/.netrec/objects/SHA256}; the cassette itself is its manifest, {@code PREFIX/NAME/manifest.yaml}.
 */
public final class StoreAddress {
    public static final String SCHEME = "s3://";
    private static final String OBJECTS = ".netrec/objects/";

    private final String bucket;
    private final String prefix;
    private final String name;

    private StoreAddress(String bucket, String prefix, String name) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.name = name;
    }

    /**
     * Whether {@code cassette}, as a user named it, is in an object store rather than a folder.
     *
     * @throws IllegalArgumentException when it looks like an address but is not {@code s3://...} ({@code S3://},
     *     {@code s3:/}, {@code gs://}), which would otherwise name a folder in the working directory
     */
    public static boolean isStore(String cassette) {
        if (cassette == null) {
            return false;
        }
        if (cassette.startsWith(SCHEME)) {
            return true;
        }
        if (looksLikeAnAddress(cassette)) {
            throw new IllegalArgumentException("'" + cassette + "' looks like an address, but netrec reads a cassette "
                    + "from a folder or from an S3-compatible store as s3://BUCKET/PREFIX/NAME (lower case, two "
                    + "slashes); write one of those");
        }
        return false;
    }

    /** {@code s3://BUCKET/PREFIX/NAME}; a message saying what is wrong and what a right one looks like otherwise. */
    public static StoreAddress parse(String address) {
        String path = isStore(address) ? address.substring(SCHEME.length()) : null;
        while (path != null && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path == null ? -1 : path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("'" + address + "' is not a cassette in an object store: write "
                    + "s3://BUCKET/NAME or s3://BUCKET/PREFIX/NAME (for example s3://ci-cassettes/builds/enforcer)");
        }
        String bucket = path.substring(0, slash);
        int last = path.lastIndexOf('/');
        String name = path.substring(last + 1);
        String prefix = last == slash ? "" : path.substring(slash + 1, last + 1);
        if (name.startsWith(".") || prefix.startsWith(".netrec/")) {
            throw new IllegalArgumentException("'" + address + "' names no cassette: a cassette's name (after the "
                    + "last /) cannot start with '.', and no part of the path can be netrec's own .netrec");
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("'" + address + "' names no cassette: each part of its path "
                        + "must be a name, not empty, '.' or '..' (for example s3://ci-cassettes/builds/enforcer)");
            }
        }
        return new StoreAddress(bucket, prefix, name);
    }

    /** The store a cassette of that prefix is in, with no cassette named: {@code s3://BUCKET/PREFIX/}. */
    public static StoreAddress store(String address) {
        String withName = address.endsWith("/") ? address + "any" : address + "/any";
        StoreAddress parsed = parse(withName);
        return new StoreAddress(parsed.bucket, parsed.prefix, null);
    }

    public String bucket() {
        return bucket;
    }

    /** The key prefix of the store, empty or ending in {@code /}. */
    public String prefix() {
        return prefix;
    }

    public String name() {
        return name;
    }

    public String manifestKey() {
        return prefix + name + "/manifest.yaml";
    }

    public String objectsPrefix() {
        return prefix + OBJECTS;
    }

    public String objectKey(String sha256) {
        return objectsPrefix() + sha256;
    }

    /**
     * A scheme of two characters or more (a Windows drive has one), a letter first, then {@code :/}: an address, not
     * a folder. Read by hand: every agent's options pass here as the JVM starts.
     */
    private static boolean looksLikeAnAddress(String cassette) {
        int colon = cassette.indexOf(":/");
        if (colon < 2 || !asciiLetter(cassette.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = cassette.charAt(i);
            if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The store's cassette called {@code otherName}. */
    public StoreAddress cassette(String otherName) {
        return new StoreAddress(bucket, prefix, otherName);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + prefix + (name == null ? "" : name);
    }
}
