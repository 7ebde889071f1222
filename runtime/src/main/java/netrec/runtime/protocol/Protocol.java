package netrec.runtime.protocol;

import java.io.IOException;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedResponse;

/**
 * One application protocol that netrec records and replays, recognised from the first bytes the client sends on a
 * connection. A protocol is a plug-in of a connection's tap: recording hands it the bytes both ways and it makes
 * interactions; replay hands it the client's bytes and it sends the cassette's answers. Everything a protocol knows
 * lives in its own package; the JVM's session lists the protocols in use, in the order they are tried.
 */
public interface Protocol {
    /** The protocol's name, as an interaction's {@code protocol} says it ({@code http/1.1}). */
    String name();

    /**
     * What its entries in a cassette hold: an exchange, an exchange and messages, or messages only. The cassette
     * format reads a protocol's entries as it declares them, so a new protocol needs no change to the format.
     */
    Interaction.Shape shape();

    /**
     * True when a client whose connection starts with these bytes (the first write, at least one byte) speaks this
     * protocol.
     */
    boolean recognizes(byte[] bytes, int offset, int length);

    /**
     * True when the server may speak before the client in this protocol (a greeting): what the client received
     * before its first bytes is then its first turn, not a reply that raced ahead of its request.
     */
    default boolean serverMaySpeakFirst() {
        return false;
    }

    /**
     * Starts answering a replayed connection as it opens, before the client sends anything, when this protocol's
     * recording of its server shows the server speaking first; null otherwise.
     */
    default ConnectionAnswering answerOpening(ClientConnection connection, CassetteAnswers answers)
            throws IOException {
        return null;
    }

    /** Starts recording one connection, whose client spoke first in this protocol. */
    ConversationRecording record(RecordingContext context);

    /**
     * Starts answering one replayed connection (or one phase of it, after TLS or a tunnel begins): the client's bytes
     * come from {@code connection}, and go back to it answered from {@code answers}.
     */
    ConnectionAnswering answer(ClientConnection connection, CassetteAnswers answers);

    /**
     * Starts recording a connection that switched to this protocol from HTTP/1.1 on {@code request}, whose
     * {@code Upgrade} token (the one the server's {@code 101} chose) is {@code token}; null when this protocol is not
     * the one that token names.
     */
    default ConversationRecording recordUpgrade(String token, RecordingContext context, UpgradedRequest request) {
        return null;
    }

    /**
     * Starts answering a replayed connection that asks to switch to this protocol from HTTP/1.1 with {@code request}
     * (to {@code uri}), which the cassette answers with the switching {@code response}: sends the {@code 101} and
     * answers what follows. Null when this protocol is not the one {@code token} names.
     */
    default ConnectionAnswering answerUpgrade(String token, ClientConnection connection, CassetteAnswers answers,
            UpgradedRequest request, String uri, RecordedResponse response) throws IOException {
        return null;
    }
}
