package netrec.it.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** What a run of ClientMain was answered, as the tests compare it between a live run and a replay. */
public final class ClientAnswers {
    private ClientAnswers() {
    }

    /** Each request's status and body hash, as ClientMain printed them ({@code "200 <sha256>"}). */
    public static List<String> of(ChildJvm.Result run) {
        return run.lines().stream().filter(l -> l.contains(" -> "))
                .map(l -> l.replaceAll("^.* -> (\\d+) .* sha256 ([0-9a-f]+)$", "$1 $2")).collect(Collectors.toList());
    }

    /** The hex SHA-256 of {@code bytes}, as ClientMain prints a body's. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
