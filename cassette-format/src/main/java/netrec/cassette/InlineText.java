package netrec.cassette;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides which bodies may live inline in the YAML: those that decode as UTF-8 and whose every character survives a
 * YAML round trip unchanged (printable text, tabs and line feeds; no carriage returns, which YAML folds away, and no
 * other control characters).
 */
final class InlineText {
    private InlineText() {
    }

    /** The text of {@code bytes[0..length)}, or null when it must not be inline. */
    static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t';
            if (control || c == 0x7f || c == '\uFEFF' || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                return null;
            }
        }
        return text;
    }
}
