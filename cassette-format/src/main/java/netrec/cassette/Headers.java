package netrec.cassette;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * HTTP header fields in the order they were sent, names spelt as the sender spelt them, repeated fields kept.
 * Lookups ignore the case of the name, as HTTP does.
 */
public final class Headers {
    private static final Headers NONE = new Headers(List.of());

    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    public static Headers none() {
        return NONE;
    }

    public static Headers of(List<Field> fields) {
        return fields.isEmpty() ? NONE : new Headers(Collections.unmodifiableList(new ArrayList<>(fields)));
    }

    public List<Field> fields() {
        return fields;
    }

    /** The first value of {@code name}, or null when absent. */
    public String first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** True when some value of {@code name}, split at commas, is {@code token} (case-insensitive). */
    public boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers && fields.equals(((Headers) o).fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** One header field. */
    public static final class Field {
        private final String name;
        private final String value;

        public Field(String name, String value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a header field needs a name");
            }
            this.name = name;
            this.value = value == null ? "" : value;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }

        /** The name in lower case, for comparisons. */
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field && name.equals(((Field) o).name) && value.equals(((Field) o).value);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + value.hashCode();
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }
}
