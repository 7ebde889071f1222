package netrec.it.client;

import java.net.HttpURLConnection;
import java.net.URL;

/** Fetches the URL it is given, prints the status, then lets an exception out of main: the JVM exits with 1. */
public final class ThrowingMain {
    public static void main(String[] args) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
        System.out.println("status " + connection.getResponseCode());
        connection.getInputStream().readAllBytes();
        throw new IllegalStateException("the program failed after its request");
    }
}
