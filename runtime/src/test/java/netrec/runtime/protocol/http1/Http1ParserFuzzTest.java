package netrec.runtime.protocol.http1;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * A Jazzer fuzz target for the HTTP/1.1 parser netrec runs on every recorded and replayed connection: whatever bytes
 * come, in pieces of whatever size, in either direction, it reports messages or says the stream is not HTTP, and
 * never throws nor hands on more body bytes than arrived. In the normal test run it runs its corpus (under
 * {@code src/test/resources/netrec/runtime/protocol/http1/Http1ParserFuzzTestInputs/}); the {@code fuzz} profile
 * fuzzes it for a few seconds, and the README says how to fuzz for longer.
 */
class Http1ParserFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void parserReportsMessagesOrSaysNotHttpWhateverTheBytes(FuzzedDataProvider data) throws IOException {
        boolean requests = data.consumeBoolean();
        int piece = data.consumeInt(1, 4096);
        byte[] stream = data.consumeRemainingAsBytes();
        long[] bodyBytes = {0};
        HttpStreamParser parser = new HttpStreamParser(requests, new HttpStreamParser.Listener() {
            @Override
            public BodyFraming head(HttpHead head) {
                return requests ? BodyFraming.ofRequest(head) : BodyFraming.ofResponse(head, "GET");
            }

            @Override
            public void body(byte[] bytes, int offset, int length) {
                if (offset < 0 || length < 0 || offset + length > bytes.length) {
                    throw new AssertionError("body slice out of its array: " + offset + "+" + length);
                }
                bodyBytes[0] += length;
            }

            @Override
            public void end(boolean complete) {
            }

            @Override
            public void notHttp(String why) {
            }
        });
        for (int offset = 0; offset < stream.length; offset += piece) {
            parser.feed(stream, offset, Math.min(piece, stream.length - offset));
        }
        parser.endOfStream();
        if (bodyBytes[0] > stream.length) {
            throw new AssertionError(bodyBytes[0] + " body bytes reported from " + stream.length + " bytes");
        }
    }
}
