package netrec.runtime.base;

import java.io.IOException;
import java.util.concurrent.Callable;

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

    /**
     * Runs {@code work} on a thread of netrec's own, named {@code name}, and waits for its result, interrupted or not
     * (the interrupt is kept for the caller): what it sends and looks up is netrec's, never the application's. Its
     * exceptions are thrown here; any other than an
     * {@link IOException}, a {@link RuntimeException} or an {@link Error} comes as an {@link IOException}.
     */
    public static <T> T call(String name, Callable<T> work) throws IOException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        NetrecThread thread = new NetrecThread(name, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable e) { // handed to the caller, whatever it is
                failure[0] = e;
            }
        });
        thread.start();
        boolean interrupted = false;
        while (thread.isAlive()) { // its work may hold what it took (a lock, a file): never left running alone
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = failure[0];
        if (thrown instanceof IOException) {
            throw (IOException) thrown;
        }
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        if (thrown != null) {
            throw new IOException(thrown.toString(), thrown);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
