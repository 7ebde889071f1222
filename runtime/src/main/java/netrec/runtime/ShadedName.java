package netrec.runtime;

/**
 * A class recognised by its name whatever package prefix a library shaded it under: {@code io/netty/handler/ssl/OpenSsl}
 * as Netty ships it, and {@code io/grpc/netty/shaded/io/netty/handler/ssl/OpenSsl} as grpc-netty-shaded relocated it.
 * A shading plugin moves a whole package tree under a prefix, so the class keeps its unshaded name as a suffix that
 * starts a package.
 */
final class ShadedName {
    private ShadedName() {
    }

    /**
     * The prefix under which {@code internalName} is the class {@code unshaded} (both internal names), dotted as a
     * property prefix: {@code ""} when it is not shaded, {@code "io.grpc.netty.shaded."} for grpc's copy; null when it
     * is another class ({@code fooio/netty/...} is one).
     */
    static String prefix(String internalName, String unshaded) {
        if (!internalName.endsWith(unshaded)) {
            return null;
        }
        int length = internalName.length() - unshaded.length();
        if (length > 0 && internalName.charAt(length - 1) != '/') {
            return null;
        }
        return internalName.substring(0, length).replace('/', '.');
    }
}
