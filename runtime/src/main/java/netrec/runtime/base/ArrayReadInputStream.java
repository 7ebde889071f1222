package netrec.runtime.base;

import java.io.IOException;
import java.io.InputStream;

/** A stream that reads only into arrays: its single-byte read is one array read of one byte. */
public abstract class ArrayReadInputStream extends InputStream {
    @Override
    public abstract int read(byte[] bytes, int offset, int length) throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
}
