package netrec.runtime.base;

/**
 * A thread of netrec's own: its sockets and files are never recorded, and replay never redirects them. Daemon, so
 * netrec never keeps a JVM alive.
 */
public final class NetrecThread extends Thread {
    public NetrecThread(String name, Runnable work) {
        super(work, "netrec-" + name);
        setDaemon(true);
    }

    public static boolean isCurrent() {
        return Thread.currentThread() instanceof NetrecThread;
    }
}
