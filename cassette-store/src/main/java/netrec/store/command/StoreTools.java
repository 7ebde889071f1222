package netrec.store.command;

import java.util.List;
import netrec.tools.command.Tool;

/** The commands of {@code java -jar netrec.jar} that work with a store, in the order {@code --help} lists them. */
public final class StoreTools {
    private static final List<Tool> ALL = List.of(new PushTool(), new PullTool(), new GcTool());

    private StoreTools() {
    }

    public static List<Tool> all() {
        return ALL;
    }
}
