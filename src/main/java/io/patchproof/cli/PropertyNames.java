package io.patchproof.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.patchproof.job.PatchproofProperties;
import io.patchproof.schedule.ScheduleProperties;
import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The property names patchproof knows, so that a misspelt one is refused instead of silently
 * ignored, with the nearest known name as the likely fix.
 *
 * <p>Every {@code patchproof.*} name comes from {@link PatchproofProperties} and
 * {@link ScheduleProperties} ({@code patchproof.schedule.*}) and StoreProperties ({@code patchproof.store.*}) themselves (their record components,
 * dashed), so the list cannot drift from what is bound. A map-valued property
 * ({@code patchproof.source.sms2003.state-names.[NAME]}) accepts any key below it; a list takes
 * an index ({@code [0]}). Names under {@value #TEST_HOOKS} belong to the test suite's hooks, which
 * exist only on its class path, and are not checked.
 *
 * <p>Of Spring's own names only the local store's are checked: {@code spring.datasource.*}
 * (the names of Boot's DataSourceProperties and, under {@code hikari}, of the Hikari pool), and a
 * second segment within two letters of {@code datasource} ({@code spring.datasourse.url}). Other
 * {@code spring.*} names are Spring Boot's to judge; it ignores unknown ones.
 *
 * <p>Names are compared as Spring's relaxed binding compares them: case and dashes do not count
 * ({@code asOf} is {@code as-of}); an environment variable also loses its underscores
 * ({@code PATCHPROOF_AS_OF}). Immutable and thread-safe.
 */
final class PropertyNames {

    static final String TEST_HOOKS = "patchproof.test.";
    private static final String DATASOURCE = "datasource";
    private static final String INDEX = "[]";
    /** Pools Boot binds under spring.datasource.&lt;pool&gt;; only Hikari (the one in use) is checked below it. */
    private static final List<String> OTHER_POOLS = List.of("dbcp2", "tomcat", "oracleucp");

    /** A known name: its dashed text, its elements in uniform form (lower case, no dashes), and whether any key may follow it. */
    private record Known(String dashed, List<String> uniform, boolean prefix) {
        boolean matches(List<String> elements) {
            if (prefix) {
                return elements.size() > uniform.size() && elements.subList(0, uniform.size()).equals(uniform);
            }
            // A list takes an index: reboot-titles[0].
            return elements.equals(uniform) || elements.size() == uniform.size() + 1
                    && elements.get(uniform.size()).equals(INDEX) && elements.subList(0, uniform.size()).equals(uniform);
        }

        boolean matchesSquashed(String squashed) {
            String mine = String.join("", uniform);
            return prefix ? squashed.startsWith(mine) && squashed.length() > mine.length() : squashed.equals(mine);
        }
    }

    private final List<Known> patchproof;
    private final List<Known> datasource;

    private PropertyNames(List<Known> patchproof, List<Known> datasource) {
        this.patchproof = patchproof;
        this.datasource = datasource;
    }

    /** The names of this version. */
    static PropertyNames current() {
        List<Known> patchproof = new ArrayList<>();
        walk(PatchproofProperties.class, "patchproof", patchproof);
        walk(ScheduleProperties.class, "patchproof.schedule", patchproof);
        walk(io.patchproof.store.StoreProperties.class, "patchproof.store", patchproof);
        walk(io.patchproof.job.SigningProperties.class, "patchproof.signing", patchproof);
        List<Known> datasource = new ArrayList<>();
        for (String name : beanProperties(DataSourceProperties.class)) {
            datasource.add(known("spring.datasource." + name, name.equals("xa")));
        }
        datasource.add(known("spring.datasource.hikari", false));
        for (String name : beanProperties(HikariDataSource.class)) {
            datasource.add(known("spring.datasource.hikari." + name, false));
        }
        datasource.add(known("spring.datasource.hikari.data-source-properties", true));
        datasource.add(known("spring.datasource.hikari.health-check-properties", true));
        for (String pool : OTHER_POOLS) {
            datasource.add(known("spring.datasource." + pool, true));
        }
        return new PropertyNames(List.copyOf(patchproof), List.copyOf(datasource));
    }

    /**
     * Whether a name given in a configuration file, on the command line or as a system property
     * is one patchproof would refuse: an unknown {@code patchproof.*} or {@code spring.datasource.*}
     * name, or a near miss of {@code spring.datasource}.
     */
    boolean isUnknown(String name) {
        List<String> elements = uniform(name);
        if (elements.size() < 2) {
            return false;
        }
        if (elements.get(0).equals("patchproof")) {
            return !isTestHook(name) && patchproof.stream().noneMatch(k -> k.matches(elements));
        }
        if (elements.get(0).equals("spring")) {
            String second = elements.get(1);
            if (second.equals(DATASOURCE)) {
                return elements.size() > 2 && datasource.stream().noneMatch(k -> k.matches(elements));
            }
            return distance(second, DATASOURCE) <= 2;
        }
        return false;
    }

    /** The same for an environment variable name ({@code PATCHPROOF_AS_OFF}); only patchproof's are checked. */
    boolean isUnknownVariable(String variable) {
        String squashed = variable.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (!variable.toUpperCase(Locale.ROOT).startsWith("PATCHPROOF_") || squashed.startsWith("patchprooftest")) {
            return false;
        }
        return patchproof.stream().noneMatch(k -> k.matchesSquashed(squashed));
    }

    /**
     * The known name nearest to an unknown one ("a or b" where the right last segment sits under
     * two parents), or null when none is close enough to be a likely typo.
     */
    String nearest(String name) {
        String given = dashed(name);
        List<Known> candidates = given.startsWith("spring.") ? datasource : patchproof;
        if (given.startsWith("spring.") && !given.startsWith("spring.datasource.")) {
            // spring.datasourse.url: the segment was misspelt, the rest may be right.
            int dot = given.indexOf('.', "spring.".length());
            given = "spring.datasource" + (dot < 0 ? "" : given.substring(dot));
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Known k : candidates) {
            String text = k.prefix() ? k.dashed() + "." : k.dashed();
            String compared = k.prefix() && given.length() > text.length() ? given.substring(0, text.length()) : given;
            int d = distance(compared, text);
            if (d < bestDistance) {
                bestDistance = d;
                best = k.prefix() ? k.dashed() + ".*" : k.dashed();
            }
        }
        if (bestDistance <= Math.max(2, given.length() / 8)) {
            return best;
        }
        // patchproof.hosts: the right last segment under the wrong parent.
        String last = given.substring(given.lastIndexOf('.') + 1);
        List<String> sameLast = candidates.stream().filter(k -> !k.prefix() && k.dashed().endsWith("." + last))
                .map(Known::dashed).toList();
        return sameLast.isEmpty() || sameLast.size() > 3 ? null : String.join(" or ", sameLast);
    }

    /** Every known patchproof name, dashed, map prefixes ending in {@code .*}; for messages and tests. */
    Collection<String> patchproofNames() {
        TreeSet<String> names = new TreeSet<>();
        patchproof.forEach(k -> names.add(k.prefix() ? k.dashed() + ".*" : k.dashed()));
        return names;
    }

    static boolean isTestHook(String name) {
        return dashed(name).startsWith(TEST_HOOKS);
    }

    private static void walk(Class<?> type, String prefix, List<Known> into) {
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + "." + dash(c.getName());
            Class<?> t = c.getType();
            if (t.isRecord() && t.getName().startsWith("io.patchproof.")) {
                walk(t, name, into);
            } else {
                into.add(known(name, Map.class.isAssignableFrom(t)));
            }
        }
    }

    private static List<String> beanProperties(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
            if (d.getWriteMethod() != null || d.getName().equals("xa")) {
                names.add(dash(d.getName()));
            }
        }
        return names;
    }

    private static Known known(String dashed, boolean prefix) {
        return new Known(dashed, uniform(dashed), prefix);
    }

    /**
     * The elements of a name, each lower case without dashes, up to its first index or bracketed
     * map key, which becomes {@value #INDEX} (what follows belongs to the value, not to the name).
     */
    private static List<String> uniform(String name) {
        ConfigurationPropertyName n = ConfigurationPropertyName.adapt(name, '.');
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < n.getNumberOfElements(); i++) {
            if (n.chop(i + 1).isLastElementIndexed()) {
                elements.add(INDEX);
                break;
            }
            elements.add(n.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
        }
        return elements;
    }

    /** A name as the user wrote it, lower case, for suggestions. */
    private static String dashed(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** camelCase → camel-case. */
    static String dash(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('-').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
