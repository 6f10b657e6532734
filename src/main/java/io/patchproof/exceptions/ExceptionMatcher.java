package io.patchproof.exceptions;

import io.patchproof.reconcile.ExemptionRegister;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.UpdateFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rule 2 over a register: which lines match a (host, update) pair, and the reason text of the first
 * line in file order that is active on the as-of date. A host name or pattern matches the host's
 * name case-insensitively ({@code *} any run of characters, {@code ?} one); {@code collection:<ID>}
 * matches the members of that collection as the run's snapshot read them. An update matches by its
 * KB number (the site's ArticleID), its bulletin ID, or {@code *}. Immutable and thread-safe.
 */
public final class ExceptionMatcher implements ExemptionRegister {

    private final ExceptionsRegister register;
    private final List<Compiled> lines;
    private final List<String> unknownCollections;

    private record Compiled(ExceptionLine line, ExceptionState state, Pattern host, Set<Integer> members, String reason) {
    }

    /**
     * @param members the members of each collection the register names, by CollectionID; a
     *                CollectionID absent from the map is one the site does not have (matches nothing)
     */
    public ExceptionMatcher(ExceptionsRegister register, LocalDate asOf, Map<String, Set<Integer>> members) {
        this.register = register;
        List<Compiled> compiled = new ArrayList<>();
        for (ExceptionLine l : register.lines()) {
            Pattern host = null;
            Set<Integer> in = null;
            if (l.host().startsWith("collection:")) {
                in = members.getOrDefault(l.host().substring("collection:".length()), Set.of());
            } else {
                host = wildcard(l.host());
            }
            compiled.add(new Compiled(l, ExceptionsRegister.state(l, asOf), host, in, reason(register.fileName(), l)));
        }
        this.lines = List.copyOf(compiled);
        this.unknownCollections = register.collectionIds().stream().filter(id -> !members.containsKey(id)).toList();
    }

    /** The CollectionIDs the register names that the site does not have: their lines match nothing. */
    public List<String> unknownCollections() {
        return unknownCollections;
    }

    /** The reason text a finding carries: the register line, its reason, approver and dates. */
    static String reason(String fileName, ExceptionLine l) {
        return fileName + " line " + l.lineNumber() + ": " + l.reason()
                + (l.compensatingControl().isEmpty() ? "" : "; compensating control: " + l.compensatingControl())
                + " (approved by " + l.approver() + " on " + l.approvedOn() + ", expires " + l.expiresOn() + ")";
    }

    static Pattern wildcard(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public ExceptionsRegister register() {
        return register;
    }

    @Override
    public Optional<String> exemptReason(HostFacts host, UpdateFacts update) {
        for (Compiled c : lines) {
            if (c.state() == ExceptionState.ACTIVE && matches(c, host, update)) {
                return Optional.of(c.reason());
            }
        }
        return Optional.empty();
    }

    /** The indexes (into {@link ExceptionsRegister#lines()}) of every line that matches the pair, whatever its state. */
    public void matching(HostFacts host, UpdateFacts update, java.util.function.IntConsumer index) {
        for (int i = 0; i < lines.size(); i++) {
            if (matches(lines.get(i), host, update)) {
                index.accept(i);
            }
        }
    }

    /** Per in-scope row, twice in the publish step: the cheap update test first, the host pattern only then. */
    private static boolean matches(Compiled c, HostFacts host, UpdateFacts update) {
        if (host == null || update == null || !updateMatches(c.line().update(), update)) {
            return false;
        }
        if (c.members() != null) {
            return c.members().contains(host.resourceId());
        }
        return host.name() != null && c.host().matcher(host.name()).matches();
    }

    private static boolean updateMatches(String u, UpdateFacts update) {
        if (u.equals("*")) {
            return true;
        }
        if (u.startsWith("KB")) {
            String article = update.articleId() == null ? "" : update.articleId().strip();
            int from = article.regionMatches(true, 0, "KB", 0, 2) ? 2 : 0;
            return article.length() - from == u.length() - 2 && article.regionMatches(from, u, 2, u.length() - 2);
        }
        return update.bulletinId() != null && update.bulletinId().strip().toUpperCase(Locale.ROOT).equals(u);
    }

    List<ExceptionLine> lines() {
        return register.lines();
    }
}
