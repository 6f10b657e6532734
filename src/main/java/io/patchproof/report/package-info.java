/**
 * Publishing a run: the workbook, the findings CSV and the manifest.
 *
 * <p>How the job uses it, once the findings are staged and the metrics are built:
 * <pre>{@code
 * ReportTemplate template = ReportProfile.of(profile).template(resource);  // validated, hashed; fails fast
 * ReportPublisher publisher = new ReportPublisher();              // each report's profile's writer
 * publisher.cleanLeftovers(outputDir);                             // temp files of a crashed publish
 * String stem = OutputNames.stem(profile, site, asOf, scopeKey, rerun);
 * PublishedSet set = publisher.publish(reportData, template, outputDir, stem);   // demo: replace = true
 * }</pre>
 * {@link io.patchproof.report.ReportPublisher#publish} either publishes all three files or
 * leaves nothing of the set behind. It throws {@link io.patchproof.report.AlreadyPublishedException}
 * for a published stem, {@link io.patchproof.report.PublishException} when a file cannot be
 * written (the message names it), {@link io.patchproof.report.CountMismatchException} when the
 * counts do not add up and {@link io.patchproof.report.TemplateException} for an unusable
 * template. The writers can also be used alone: {@link io.patchproof.report.MonthlyWorkbookWriter},
 * {@link io.patchproof.report.CioWorkbookWriter}, {@link io.patchproof.report.AuditWorkbookWriter},
 * {@link io.patchproof.report.FindingsCsvWriter}, {@link io.patchproof.report.ManifestWriter}.
 *
 * <p>Layout and styles belong to the template ({@code reports/templates/monthly.xlsx}); this
 * package only knows the names of sheets, placeholders and columns ({@code MonthlyLayout}).
 */
package io.patchproof.report;
