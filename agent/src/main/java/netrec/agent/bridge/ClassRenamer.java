package netrec.agent.bridge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Renames one class inside a class file by rewriting the constant pool's UTF-8 entries: its internal name and every
 * descriptor that mentions it. Everything after the constant pool refers to entries by index and is copied as is.
 * Small and without Byte Buddy, so that putting the bridge in place costs nothing at JVM start.
 */
public final class ClassRenamer {
    private ClassRenamer() {
    }

    public static byte[] rename(byte[] classFile, String fromInternalName, String toInternalName) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(in.readInt());
            out.writeShort(in.readUnsignedShort());
            out.writeShort(in.readUnsignedShort());
            int count = in.readUnsignedShort();
            out.writeShort(count);
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                out.writeByte(tag);
                switch (tag) {
                    case 1:
                        out.writeUTF(in.readUTF().replace(fromInternalName, toInternalName));
                        break;
                    case 3: case 4:
                        out.writeInt(in.readInt());
                        break;
                    case 5: case 6:
                        out.writeLong(in.readLong());
                        i++;
                        break;
                    case 7: case 8: case 16: case 19: case 20:
                        out.writeShort(in.readUnsignedShort());
                        break;
                    case 15:
                        out.writeByte(in.readUnsignedByte());
                        out.writeShort(in.readUnsignedShort());
                        break;
                    case 9: case 10: case 11: case 12: case 17: case 18:
                        out.writeInt(in.readInt());
                        break;
                    default:
                        throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
            in.transferTo(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a class file: " + e, e);
        }
    }
}
