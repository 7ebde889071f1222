package netrec.cassette;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which names are secrets, whose values never reach a cassette: header names, query parameter names, and form or
 * JSON field names alike, compared ignoring case. By default: {@link #DEFAULT_NAMES}, and any name containing one of
 * {@link #DEFAULT_WORDS} ({@code X-Upstream-Token}, {@code api_key}, {@code client_secret}, {@code password}...), but
 * for the challenges {@code WWW-Authenticate} and {@code Proxy-Authenticate}, which a client must see in replay as
 * they were. A signed URL's signature (AWS SigV4 and SigV2, Google Cloud Storage, an Azure SAS token: {@code
 * X-Amz-Signature}, {@code sig}...) and the key id it names are secrets too, and so are, in a query that carries a
 * signature, the times the signature covers ({@code X-Amz-Date}, {@code Expires}, {@code se}...), which change with
 * every signing: replay then matches the URL signed again. The option {@code redact=} changes it, read in order from
 * the default: a name adds it, {@code -NAME} takes it out (even when a word would match it), {@code none} empties
 * everything, words included.
 *
 * <p>It belongs to the format, beside {@link Redacted}, because everything that writes a cassette keeps the same
 * secrets out of it: the recorder, and the importers of HAR and WireMock files ({@code --redact}).
 */
public final class Redaction {
    static final List<String> DEFAULT_NAMES = List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
            "X-Api-Key", "X-Auth-Token", "sig", "X-Amz-Credential", "X-Goog-Credential");
    static final List<String> DEFAULT_WORDS = List.of("key", "token", "secret", "password", "auth", "signature");
    /** Query parameters that sign a URL: their presence makes {@link #SIGNING_TIMES} secrets too. */
    private static final Set<String> SIGNATURES = Set.of("x-amz-signature", "x-goog-signature", "signature", "sig");
    /**
     * What a URL's signature covers that changes each time it is signed: AWS's and Google's signing time, SigV2's and
     * CloudFront's expiry, an Azure SAS token's start and expiry (and those of its user delegation key).
     */
    private static final Set<String> SIGNING_TIMES = Set.of("x-amz-date", "x-goog-date", "expires", "st", "se", "skt",
            "ske");
    private static final Set<String> CHALLENGES = Set.of("www-authenticate", "proxy-authenticate");

    private final Set<String> names;
    private final List<String> words;
    private final Set<String> kept;

    private Redaction(Set<String> names, List<String> words, Set<String> kept) {
        this.names = names;
        this.words = words;
        this.kept = kept;
    }

    /** The default: {@link #DEFAULT_NAMES} and any name containing one of {@link #DEFAULT_WORDS}. */
    public static Redaction byDefault() {
        return parse(null);
    }

    /**
     * {@code redact=VALUE}: names separated by {@code ;}, each added to the default; {@code -NAME} keeps NAME in
     * clear; {@code none} drops everything before it, default included ({@code none;X-Mine} redacts X-Mine alone).
     * Null is the default.
     */
    public static Redaction parse(String value) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : DEFAULT_NAMES) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        List<String> words = new ArrayList<>(DEFAULT_WORDS);
        Set<String> kept = new LinkedHashSet<>();
        if (value != null) {
            for (String token : value.split("[;+]")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (name.equals("none")) {
                    names.clear();
                    words.clear();
                    kept.clear();
                } else if (name.startsWith("-")) {
                    if (name.length() == 1) {
                        throw new IllegalArgumentException("redact=" + value + " has a '-' with no name after it; "
                                + "write -NAME to keep NAME in clear");
                    }
                    names.remove(name.substring(1));
                    kept.add(name.substring(1));
                } else {
                    names.add(name);
                    kept.remove(name);
                }
            }
        }
        return new Redaction(names, List.copyOf(words), kept);
    }

    /** True when nothing is redacted ({@code redact=none}). */
    public boolean none() {
        return names.isEmpty() && words.isEmpty();
    }

    /** True when values named {@code name} (a header, query parameter, form or JSON field) are secrets. */
    public boolean redacts(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (kept.contains(lower)) {
            return false;
        }
        if (names.contains(lower)) {
            return true;
        }
        if (CHALLENGES.contains(lower)) {
            return false;
        }
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a JSON response's field named {@code name} hands out a credential: an {@code access_token},
     * {@code id_token}, {@code refresh_token} or any name ending in {@code token} (as the word {@code token}
     * redacts), one ending in {@code secret} ({@code client_secret}) or {@code password}, or a name of
     * {@link #DEFAULT_NAMES} or one {@code redact=} added. Narrower than {@link #redacts}, whose words would take out
     * much of an API's data ({@code key}, {@code author}).
     */
    public boolean redactsInResponse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (kept.contains(lower)) {
            return false;
        }
        String compact = lower.replace("_", "").replace("-", "");
        return names.contains(lower)
                || words.contains("token") && compact.endsWith("token")
                || words.contains("secret") && compact.endsWith("secret")
                || words.contains("password") && compact.endsWith("password");
    }

    /** True when a query parameter named {@code name} signs its URL (and is a secret). */
    public boolean signs(String name) {
        return SIGNATURES.contains(name.toLowerCase(Locale.ROOT)) && redacts(name);
    }

    /**
     * True when the value of a query parameter named {@code name} is a secret in a query that {@link #signs carries a
     * signature}: it is one anywhere, or it is a time that signature covers.
     */
    public boolean redactsInSignedQuery(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return redacts(name) || !none() && !kept.contains(lower) && SIGNING_TIMES.contains(lower);
    }

    @Override
    public String toString() {
        return none() ? "none" : "names " + names + ", words " + words + (kept.isEmpty() ? "" : ", kept " + kept);
    }
}
