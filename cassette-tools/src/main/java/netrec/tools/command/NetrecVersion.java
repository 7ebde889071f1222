package netrec.tools.command;

/** netrec's version, as netrec.jar's manifest says it. */
public final class NetrecVersion {
    private NetrecVersion() {
    }

    /** The version in netrec.jar's manifest; "(unknown: not run from netrec.jar)" when run from loose classes. */
    public static String get() {
        String version = NetrecVersion.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown: not run from netrec.jar)" : version;
    }
}
