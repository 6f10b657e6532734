package io.patchproof.reconcile;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an update needs a restart to take effect. The site database has no
 * RequiresReboot column (sccm-schema.md §12), so the decision rests on the configured update
 * classifications, product patterns and title patterns. Patterns use {@code *} and {@code ?}
 * and match the whole text, ignoring case. Immutable and thread-safe.
 *
 * <p>Classifications: a site names them in its own language (a German site says
 * "Sicherheitsupdates"), so they are matched by their WSUS classification GUID
 * ({@link UpdateFacts#classificationId()}, from CategoryInstance_UniqueID). A configured entry is
 * a GUID or a name; an English name Microsoft publishes a GUID for ({@link #WSUS_CLASSIFICATIONS})
 * stands for that GUID. An update whose GUID is one of those Microsoft publishes is in scope by
 * classification when that GUID is a configured or implied one, or its name is a configured name
 * without a published GUID: the GUID wins over a name that contradicts it. Any other update (no
 * GUID, as on SMS 2003, or one this table does not know) is in scope when its GUID is a configured
 * one or its name is a configured name, ignoring case.
 */
final class RebootScope {

    /** Definition updates never need a restart, whatever their title says. */
    static final String DEFINITION_UPDATES = "Definition Updates";
    static final String DEFINITION_UPDATES_GUID = "e0789628-ce08-4437-be74-2495b842f43b";

    /**
     * The WSUS classifications by English name, lower case, with their GUIDs as Microsoft
     * publishes them ("WSUS Classification GUIDs", and Get-WsusClassification for Drivers).
     */
    static final Map<String, String> WSUS_CLASSIFICATIONS = Map.of(
            "security updates", "0fa1201d-4330-4fa8-8ae9-b877473b6441",
            "critical updates", "e6cf1350-c01b-414d-a61f-263d14d133b4",
            "update rollups", "28bc880e-0592-4cbf-8f95-c79b17911d5f",
            "definition updates", DEFINITION_UPDATES_GUID,
            "service packs", "68c5b0a3-d1a6-4553-ae49-01d3a7827828",
            "updates", "cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83",
            "feature packs", "b54e7d24-7add-428f-8b75-90a396fa584f",
            "tools", "b4832bd8-e735-4761-8daf-37f882276dab",
            "drivers", "ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0");

    private static final Set<String> PUBLISHED_GUIDS = Set.copyOf(WSUS_CLASSIFICATIONS.values());

    private static final Pattern GUID = Pattern.compile(
            "(?:UpdateClassification:)?\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}?");

    private final Set<String> classificationIds;
    private final Set<String> classificationNames;
    private final Set<String> namesWithoutGuid;
    private final List<Pattern> products;
    private final List<Pattern> titles;

    RebootScope(RuleSettings settings) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> withoutGuid = new HashSet<>();
        for (String entry : settings.rebootClassifications()) {
            String e = entry.trim();
            java.util.regex.Matcher guid = GUID.matcher(e);
            if (guid.matches()) {
                ids.add(guid.group(1).toLowerCase(Locale.ROOT));
            } else {
                String name = e.toLowerCase(Locale.ROOT);
                names.add(name);
                if (WSUS_CLASSIFICATIONS.containsKey(name)) {
                    ids.add(WSUS_CLASSIFICATIONS.get(name));
                } else {
                    withoutGuid.add(name);
                }
            }
        }
        this.classificationIds = Set.copyOf(ids);
        this.classificationNames = Set.copyOf(names);
        this.namesWithoutGuid = Set.copyOf(withoutGuid);
        this.products = settings.rebootProducts().stream().map(RebootScope::glob).toList();
        this.titles = settings.rebootTitles().stream().map(RebootScope::glob).toList();
    }

    /**
     * Updates Microsoft ships in a reboot-dependent classification that never need a restart, by
     * ArticleID (the same in every language): the monthly Malicious Software Removal Tool
     * (KB890830, classified "Update Rollups") runs once and is done. ConfigMgr raises its state 10
     * at once, so left in scope it would read as records that disagree on every host that has not
     * booted since its release.
     */
    static final Set<String> NEVER_REBOOT_ARTICLES = Set.of("890830");

    boolean isRebootDependent(UpdateFacts update) {
        if (update.articleId() != null && NEVER_REBOOT_ARTICLES.contains(update.articleId().trim())) {
            return false;
        }
        String classification = update.classification() == null ? "" : update.classification().trim();
        String id = update.classificationId() == null ? null : update.classificationId().trim().toLowerCase(Locale.ROOT);
        String name = classification.toLowerCase(Locale.ROOT);
        boolean classified = id != null && PUBLISHED_GUIDS.contains(id)
                ? classificationIds.contains(id) || namesWithoutGuid.contains(name)
                : (id != null && classificationIds.contains(id)) || classificationNames.contains(name);
        boolean byClassification = classified && (products.isEmpty() || matchesAny(products, update.product()));
        boolean definition = DEFINITION_UPDATES_GUID.equals(id) || classification.equalsIgnoreCase(DEFINITION_UPDATES);
        boolean byTitle = !definition && matchesAny(titles, update.title());
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
