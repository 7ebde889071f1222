import java.net.HttpURLConnection;
import java.net.URL;

/**
 * A program that fetches a URL N times, one request after another, with HttpURLConnection, reading each body:
 * {@code Fetches URL N}. The scripts that time a fresh JVM's first calls run it (first-call.sh, first-write.sh).
 */
public class Fetches {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            HttpURLConnection connection = (HttpURLConnection) new URL(args[0]).openConnection();
            connection.getInputStream().readAllBytes();
        }
    }
}
