package io.patchproof.reconcile;

/** How strongly the signals support a verdict. */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
