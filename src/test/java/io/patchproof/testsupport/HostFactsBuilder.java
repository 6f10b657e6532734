package io.patchproof.testsupport;

import io.patchproof.reconcile.HostFacts;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Builds {@link HostFacts} for tests. The default is a healthy workstation in UTC that booted on
 * 2026-10-20 and was inventoried on 2026-11-20, with no restart pending: each test states only
 * what its case is about. Local times are client wall-clock times, as the site stores them.
 */
public final class HostFactsBuilder {

    private int resourceId = 16777220;
    private String name = "WKS-0001";
    private String domain = "CORP";
    private String siteCode = "P01";
    private boolean server;
    private String osName = "Microsoft Windows NT Workstation 10.0";
    private String osCaption = "Microsoft Windows 11 Enterprise";
    private boolean obsolete;
    private boolean decommissioned;
    private LocalDateTime lastBootLocal = LocalDateTime.parse("2026-10-20T08:00");
    private LocalDateTime inventoryLocal = LocalDateTime.parse("2026-11-20T22:00");
    private Integer utcOffsetMinutes = 0;
    private Integer clientState = 0;
    private Instant lastScanUtc = Instant.parse("2026-11-20T21:00:00Z");
    private Integer lastScanState = 3;

    private HostFactsBuilder() {
    }

    public static HostFactsBuilder aHost() {
        return new HostFactsBuilder();
    }

    public HostFactsBuilder withResourceId(int resourceId) {
        this.resourceId = resourceId;
        return this;
    }

    public HostFactsBuilder named(String name) {
        this.name = name;
        return this;
    }

    public HostFactsBuilder inSite(String siteCode) {
        this.siteCode = siteCode;
        return this;
    }

    public HostFactsBuilder server() {
        this.server = true;
        this.osName = "Microsoft Windows NT Server 10.0";
        this.osCaption = "Microsoft Windows Server 2019 Standard";
        return this;
    }

    public HostFactsBuilder withOs(String osName, String osCaption) {
        this.osName = osName;
        this.osCaption = osCaption;
        return this;
    }

    public HostFactsBuilder obsolete() {
        this.obsolete = true;
        return this;
    }

    public HostFactsBuilder decommissioned() {
        this.decommissioned = true;
        return this;
    }

    /** LastBootUpTime0, client local, ISO form {@code 2026-10-20T08:00}. */
    public HostFactsBuilder bootedAt(String local) {
        return bootedAt(LocalDateTime.parse(local));
    }

    public HostFactsBuilder bootedAt(LocalDateTime local) {
        this.lastBootLocal = local;
        return this;
    }

    public HostFactsBuilder withUnknownBootTime() {
        this.lastBootLocal = null;
        return this;
    }

    /** The inventory (TimeStamp / LastHWScan) that reported the boot, client local. */
    public HostFactsBuilder inventoriedAt(String local) {
        return inventoriedAt(LocalDateTime.parse(local));
    }

    public HostFactsBuilder inventoriedAt(LocalDateTime local) {
        this.inventoryLocal = local;
        return this;
    }

    public HostFactsBuilder withUnknownInventoryTime() {
        this.inventoryLocal = null;
        return this;
    }

    /** Minutes east of UTC: −300 for US Eastern standard time, +540 for Japan. */
    public HostFactsBuilder withOffsetMinutes(int minutes) {
        this.utcOffsetMinutes = minutes;
        return this;
    }

    public HostFactsBuilder withUnknownOffset() {
        this.utcOffsetMinutes = null;
        return this;
    }

    /** v_CombinedDeviceResources.ClientState bitmask: 1, 4, 8 strong; 2 weak. */
    public HostFactsBuilder withClientState(Integer clientState) {
        this.clientState = clientState;
        return this;
    }

    /** v_UpdateScanStatus: LastScanTime (UTC, null = never scanned) and LastScanState (topic 501). */
    public HostFactsBuilder lastScanned(String utc, Integer state) {
        this.lastScanUtc = utc == null ? null : Instant.parse(utc);
        this.lastScanState = state;
        return this;
    }

    public HostFacts build() {
        return new HostFacts(resourceId, name, domain, siteCode, server, osName, osCaption, obsolete, decommissioned,
                lastBootLocal, inventoryLocal, utcOffsetMinutes, clientState, lastScanUtc, lastScanState);
    }
}
