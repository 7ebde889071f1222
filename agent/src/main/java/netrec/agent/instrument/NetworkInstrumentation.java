package netrec.agent.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;

/** One JDK class netrec changes: which class, and the advice woven into which of its methods. */
public interface NetworkInstrumentation {
    /** The binary name of the class, e.g. {@code java.net.Socket$SocketInputStream}. */
    String typeName();

    /** The advice, bound to the methods it applies to. */
    AsmVisitorWrapper advice();
}
