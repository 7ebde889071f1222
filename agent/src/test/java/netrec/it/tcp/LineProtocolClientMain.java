package netrec.it.tcp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Line protocols whose client lines start with an upper-case word and a space, as an HTTP request line does:
 * {@code redis PORT} sends Redis inline commands ({@code PING 0}, {@code SET greeting hello}) over a plain socket,
 * {@code smtp PORT} an SMTP exchange ({@code EHLO}, a mail, {@code QUIT}), and {@code ftp URL} fetches a file
 * through the JDK's own {@code ftp:} URL handler ({@code USER anonymous}, passive mode). Prints what the server
 * answered, one line each; exit 3 with the failure on stdout.
 */
public final class LineProtocolClientMain {
    private LineProtocolClientMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "redis":
                    redis(Integer.parseInt(args[1]));
                    break;
                case "smtp":
                    smtp(Integer.parseInt(args[1]));
                    break;
                case "ftp":
                    ftp(args[1]);
                    break;
                default:
                    throw new IllegalArgumentException(args[0]);
            }
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.out.flush();
            System.exit(3);
        }
    }

    private static void redis(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = reader(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            say(out, "PING 0");
            print(in.readLine(), in.readLine());
            say(out, "SET greeting hello");
            print(in.readLine());
            say(out, "GET greeting");
            print(in.readLine(), in.readLine());
            say(out, "PING");
            print(in.readLine());
            say(out, "QUIT");
            print(in.readLine());
        }
    }

    private static void smtp(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = reader(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            print(in.readLine().replaceAll(" .*", " (greeting)"));
            say(out, "EHLO client.example");
            for (String line = in.readLine(); ; line = in.readLine()) {
                print(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    break;
                }
            }
            say(out, "MAIL FROM:<ada@example.org>");
            print(in.readLine());
            say(out, "RCPT TO:<bob@example.org>");
            print(in.readLine());
            say(out, "DATA");
            print(in.readLine());
            say(out, "Subject: netrec\r\n\r\nHello over SMTP.\r\n.");
            print(in.readLine());
            say(out, "QUIT");
            print(in.readLine());
        }
    }

    private static void ftp(String url) throws Exception {
        try (InputStream in = new URL(url).openStream()) {
            print("ftp: " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    }

    private static void say(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void print(String... lines) {
        for (String line : lines) {
            System.out.println(line);
        }
        System.out.flush();
    }
}
