package netrec.it.dns;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * UDP through the JDK's own classes, as a program with no library would use it:
 * {@code query SERVER:PORT NAME} asks a DNS server for NAME's IPv4 address with a DatagramSocket and prints the
 * answer's first address and who answered; {@code send ADDRESS:PORT} sends one datagram with a DatagramChannel and one
 * with a DatagramSocket. Exit 0, or 3 with the failure on stdout.
 */
public final class DatagramClientMain {
    public static void main(String[] args) {
        try {
            InetSocketAddress target = address(args[1]);
            if (args[0].equals("query")) {
                query(target, args[2]);
            } else {
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.send(ByteBuffer.wrap(hello), target);
                    System.out.println("channel sent");
                } catch (Exception e) {
                    System.out.println("channel: " + e.getMessage());
                }
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(hello, hello.length, target));
                    System.out.println("socket sent");
                } catch (Exception e) {
                    System.out.println("socket: " + e.getMessage());
                }
            }
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.exit(3);
        }
    }

    private static void query(InetSocketAddress server, String name) throws Exception {
        ByteArrayOutputStream query = new ByteArrayOutputStream();
        query.write(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            query.write(label.length());
            query.write(label.getBytes(StandardCharsets.US_ASCII));
        }
        query.write(new byte[] {0, 0, 1, 0, 1});
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(query.toByteArray(), query.size(), server));
            byte[] buffer = new byte[512];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            int answers = ((buffer[6] & 0xFF) << 8) | (buffer[7] & 0xFF);
            int length = answer.getLength();
            // the first answer is the last record when there is one A record: its 4 bytes end the message
            String address = answers == 0 ? "none" : InetAddress.getByAddress(
                    java.util.Arrays.copyOfRange(buffer, length - 4, length)).getHostAddress();
            System.out.println("answer: " + address + " from " + answer.getSocketAddress());
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
