package io.patchproof.report;

import io.patchproof.reconcile.MaintenanceWindow;
import java.util.List;
import java.util.Map;

/**
 * The maintenance windows of a run's snapshot and the names of the collections read: what the
 * Reboot plan groups hosts by, and how the sheets name collections (by name, the ID beside it).
 *
 * @param windows         every window read, enabled or not
 * @param collectionNames CollectionID → name (v_Collection.Name)
 */
public record WindowData(List<MaintenanceWindow> windows, Map<String, String> collectionNames) {

    public static final WindowData NONE = new WindowData(List.of(), Map.of());

    public WindowData {
        windows = windows == null ? List.of() : List.copyOf(windows);
        collectionNames = collectionNames == null ? Map.of() : Map.copyOf(collectionNames);
    }

    /** "Servers - Patch Group A (PP100011)", or the bare ID when the name is unknown. */
    public String collectionLabel(String collectionId) {
        if (collectionId == null) {
            return null;
        }
        String name = collectionNames.get(collectionId);
        return name == null || name.isBlank() || name.equals(collectionId) ? collectionId : name + " (" + collectionId + ")";
    }
}
