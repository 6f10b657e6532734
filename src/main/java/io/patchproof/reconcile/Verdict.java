package io.patchproof.reconcile;

/**
 * The answer for one host × update pair. {@link #OUT_OF_SCOPE} is rule 1 of the verdict table:
 * the pair is kept and counted (nothing is dropped) but it is not a finding.
 */
public enum Verdict {
    IN_EFFECT, NOT_IN_EFFECT, UNVERIFIED, MISSING, FAILED, EXEMPT, OUT_OF_SCOPE;

    /** True for every verdict that is a finding, i.e. an applicable pair in scope. */
    public boolean inScope() {
        return this != OUT_OF_SCOPE;
    }
}
