package netrec.it.tcp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Line protocols whose client lines start with an upper-case word and a space, as an HTTP request line does:
 * {@code redis PORT} sends Redis inline commands ({@code PING 0}, {@code SET greeting hello}) over a plain socket
 * ({@code redis-auth PORT PASSWORD} logs in first with an inline {@code AUTH}),
 * {@code smtp PORT} an SMTP exchange ({@code EHLO}, a mail, {@code QUIT}), {@code smtp-auth PORT USER PASSWORD} two
 * SMTP logins ({@link #smtpAuth}), and {@code ftp URL} fetches a file
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
                case "redis-auth":
                    redisAuth(Integer.parseInt(args[1]), args[2]);
                    break;
                case "smtp":
                    smtp(Integer.parseInt(args[1]));
                    break;
                case "smtp-auth":
                    smtpAuth(Integer.parseInt(args[1]), args[2], args[3]);
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

    /** Logs in with an inline {@code AUTH password}, as typed in telnet, then reads a key. */
    private static void redisAuth(int port, String password) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = reader(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            say(out, "AUTH " + password);
            print(in.readLine());
            say(out, "GET who");
            print(in.readLine(), in.readLine());
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

    /**
     * Logs in to an SMTP server twice as {@code user} with {@code password}: with {@code AUTH PLAIN} and its
     * credentials on the same line, then with {@code AUTH LOGIN}, answering the server's two challenges.
     */
    private static void smtpAuth(int port, String user, String password) throws Exception {
        Base64.Encoder base64 = Base64.getEncoder();
        String plain = base64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        String[][] logins = {{"AUTH PLAIN " + plain},
            {"AUTH LOGIN", base64.encodeToString(user.getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(password.getBytes(StandardCharsets.UTF_8))}};
        for (String[] login : logins) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                BufferedReader in = reader(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                in.readLine();
                say(out, "EHLO client.example");
                for (String line = in.readLine(); line.length() > 3 && line.charAt(3) == '-'; line = in.readLine()) {
                    continue;
                }
                for (String line : login) {
                    say(out, line);
                    print(in.readLine());
                }
                say(out, "QUIT");
                print(in.readLine());
            }
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
