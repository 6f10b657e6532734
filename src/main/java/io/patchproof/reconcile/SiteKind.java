package io.patchproof.reconcile;

/**
 * Which kind of site database the rows come from: the rules read an installed row differently on
 * each (design.md, rules version 2, rule 10). Current ConfigMgr counts an install that waits for
 * its restart as required (Status 2), so there an installed row (Status 3) on a host that has not
 * booted since the update's release means the records disagree; SMS 2003 (ITMU) reported a
 * hand-installed patch installed before the restart, by design.
 */
public enum SiteKind {
    CONFIGMGR,
    SMS2003
}
