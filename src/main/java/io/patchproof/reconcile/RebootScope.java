package io.patchproof.reconcile;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether an update needs a restart to take effect. The site database has no
 * RequiresReboot column (sccm-schema.md §12), so the decision rests on the configured update
 * classifications, product patterns and title patterns. Patterns use {@code *} and {@code ?}
 * and match the whole text, ignoring case. Immutable and thread-safe.
 */
final class RebootScope {

    /** Definition updates never need a restart, whatever their title says. */
    static final String DEFINITION_UPDATES = "Definition Updates";

    private final List<String> classifications;
    private final List<Pattern> products;
    private final List<Pattern> titles;

    RebootScope(RuleSettings settings) {
        this.classifications = settings.rebootClassifications().stream()
                .map(c -> c.trim().toLowerCase(Locale.ROOT))
                .toList();
        this.products = settings.rebootProducts().stream().map(RebootScope::glob).toList();
        this.titles = settings.rebootTitles().stream().map(RebootScope::glob).toList();
    }

    boolean isRebootDependent(UpdateFacts update) {
        String classification = update.classification() == null ? "" : update.classification().trim();
        boolean byClassification = classifications.contains(classification.toLowerCase(Locale.ROOT))
                && (products.isEmpty() || matchesAny(products, update.product()));
        boolean byTitle = !classification.equalsIgnoreCase(DEFINITION_UPDATES) && matchesAny(titles, update.title());
        return byClassification || byTitle;
    }

    /** Translates a {@code *}/{@code ?} pattern into a case-insensitive whole-text regex. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            }
            else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static boolean matchesAny(List<Pattern> patterns, String text) {
        if (text == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }
}
