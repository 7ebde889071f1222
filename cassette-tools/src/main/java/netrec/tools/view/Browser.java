package netrec.tools.view;

import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Opens a page in the desktop's browser, or says how to when there is none to open it with. */
final class Browser {
    private Browser() {
    }

    static void open(Path page, PrintStream out) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page.toUri());
                return;
            }
            for (String opener : new String[] {"xdg-open", "open"}) {
                try {
                    new ProcessBuilder(opener, page.toString()).inheritIO().start();
                    return;
                } catch (IOException notThere) {
                    // try the next
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            out.println("could not open a browser (" + e.getMessage() + ")");
        }
        out.println("no browser to open it with here (no desktop, no xdg-open): open " + page.toUri()
                + " in one");
    }
}
