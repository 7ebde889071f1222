package netrec.cassette.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Quotes every string that a YAML 1.1 reader would take for a number. Jackson's default check leaves {@code 1e3},
 * {@code 0x1F} or {@code 12:30} bare, and they would come back as numbers, so a header or body with such a value
 * would not survive the round trip.
 */
final class NumberLikeQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
                    + "|[-+]?0[xXoObB][0-9a-fA-F_]+"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    @Override
    public boolean needToQuoteValue(String value) {
        return mayBeNumber(value) && NUMBER.matcher(value).matches() || super.needToQuoteValue(value);
    }

    /** False for a value no alternative of {@link #NUMBER} can match: it starts with none of {@code +-.0-9}. */
    private static boolean mayBeNumber(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.';
    }
}
