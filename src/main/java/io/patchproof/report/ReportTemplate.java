package io.patchproof.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A report template, read once, hashed and validated before any use.
 *
 * <p>Loading reads the bytes (at most 20 MB), computes their SHA-256 (recorded in the manifest),
 * inspects the zip package ({@link ZipGuard}: zip bombs, duplicate entries, DOCTYPE/ENTITY
 * declarations), opens it with POI (whose {@code ZipSecureFile} limits apply as well, left at
 * their defaults) and checks that every required sheet, placeholder and style row is there. Any
 * failure is a {@link TemplateException} naming the template, the problem and the fix.
 *
 * <p>The workbook is always opened from the bytes that were hashed, so the hash in the manifest
 * is the hash of the template actually used, even if the file changes afterwards. Immutable and
 * thread-safe; {@link #open()} returns a new workbook each time.
 */
public final class ReportTemplate {

    /** Where the monthly template lives in the repository and on the classpath. */
    public static final String MONTHLY_LOCATION = "reports/templates/monthly.xlsx";

    /** Where the quarterly CIO template lives in the repository and on the classpath. */
    public static final String CIO_LOCATION = "reports/templates/cio.xlsx";

    /** Where the audit template lives in the repository and on the classpath. */
    public static final String AUDIT_LOCATION = "reports/templates/audit.xlsx";

    static final long MAX_TEMPLATE_BYTES = 20L * 1024 * 1024;

    private static final String MONTHLY_FIX = "restore it from the repository (" + MONTHLY_LOCATION
            + "), or when restyling keep every sheet, its header and style rows and every required ${placeholder}";

    private static final String CIO_FIX = "restore it from the repository (" + CIO_LOCATION
            + "), or when restyling keep every sheet, every required ${placeholder}, one row of each table's"
            + " ${table.field} placeholders and each ${chart.name} in the top-left cell of its merged area";

    private static final String AUDIT_FIX = "restore it from the repository (" + AUDIT_LOCATION
            + "), or when restyling keep every sheet, its header and style rows, every required ${placeholder} and one"
            + " row of each table's ${table.field} placeholders";

    /** What one report profile's template must satisfy, and how to mend one that does not. */
    private record Profile(Function<XSSFWorkbook, List<String>> problems, String fix) {
    }

    private static final Profile MONTHLY = new Profile(TemplateStructure::problems, MONTHLY_FIX);
    private static final Profile CIO = new Profile(CioLayout::problems, CIO_FIX);
    private static final Profile AUDIT = new Profile(AuditLayout::problems, AUDIT_FIX);

    private final String location;
    private final byte[] bytes;
    private final String sha256;

    private ReportTemplate(String location, byte[] bytes, String sha256) {
        this.location = location;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /** Loads and validates the monthly template from a file. */
    public static ReportTemplate monthly(Path path) {
        return load(path, MONTHLY);
    }

    /** Loads and validates the monthly template from a Spring resource (classpath: or file:). */
    public static ReportTemplate monthly(Resource resource) {
        return load(resource, MONTHLY);
    }

    /** The monthly template shipped on the classpath. */
    public static ReportTemplate monthlyFromClasspath() {
        return monthly(new ClassPathResource(MONTHLY_LOCATION));
    }

    /** Loads and validates the quarterly CIO template from a file. */
    public static ReportTemplate cio(Path path) {
        return load(path, CIO);
    }

    /** Loads and validates the quarterly CIO template from a Spring resource (classpath: or file:). */
    public static ReportTemplate cio(Resource resource) {
        return load(resource, CIO);
    }

    /** The quarterly CIO template shipped on the classpath. */
    public static ReportTemplate cioFromClasspath() {
        return cio(new ClassPathResource(CIO_LOCATION));
    }

    /** Loads and validates the audit template from a file. */
    public static ReportTemplate audit(Path path) {
        return load(path, AUDIT);
    }

    /** Loads and validates the audit template from a Spring resource (classpath: or file:). */
    public static ReportTemplate audit(Resource resource) {
        return load(resource, AUDIT);
    }

    /** The audit template shipped on the classpath. */
    public static ReportTemplate auditFromClasspath() {
        return audit(new ClassPathResource(AUDIT_LOCATION));
    }

    private static ReportTemplate load(Path path, Profile profile) {
        String location = path.toString();
        String fix = profile.fix();
        try {
            long size = Files.size(path);
            if (size > MAX_TEMPLATE_BYTES) {
                throw tooLarge(location, size, fix);
            }
            return validated(location, Files.readAllBytes(path), profile);
        } catch (NoSuchFileException e) {
            throw new TemplateException(location + ": file not found; " + fix, e);
        } catch (IOException e) {
            throw new TemplateException(location + ": cannot be read (" + e + "); " + fix, e);
        }
    }

    private static ReportTemplate load(Resource resource, Profile profile) {
        String location = locationOf(resource);
        String fix = profile.fix();
        if (!resource.exists()) {
            throw new TemplateException(location + ": not found; " + fix);
        }
        try (InputStream in = resource.getInputStream()) {
            byte[] bytes = in.readNBytes((int) MAX_TEMPLATE_BYTES + 1);
            if (bytes.length > MAX_TEMPLATE_BYTES) {
                throw tooLarge(location, bytes.length, fix);
            }
            return validated(location, bytes, profile);
        } catch (IOException e) {
            throw new TemplateException(location + ": cannot be read (" + e + "); " + fix, e);
        }
    }

    /**
     * Pins the template to a known hash, so that a changed template is refused rather than used.
     *
     * @return this template when its SHA-256 equals {@code expectedSha256} (any case)
     */
    public ReportTemplate requireSha256(String expectedSha256) {
        if (!sha256.equalsIgnoreCase(expectedSha256 == null ? "" : expectedSha256.trim())) {
            throw new TemplateException(location + ": SHA-256 is " + sha256 + " but " + expectedSha256
                    + " is required; use the pinned template or update the pinned hash after reviewing the change");
        }
        return this;
    }

    /** How the template was named when loaded (file path or classpath location). */
    public String location() {
        return location;
    }

    /** SHA-256 of the template's bytes, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    public long size() {
        return bytes.length;
    }

    /** A fresh workbook from the validated bytes; the caller closes it. */
    XSSFWorkbook open() throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static ReportTemplate validated(String location, byte[] bytes, Profile profile) {
        String fix = profile.fix();
        String sha256 = Sha256.hex(bytes);
        String zipProblem;
        try {
            zipProblem = ZipGuard.check(bytes);
        } catch (RuntimeException e) {
            zipProblem = "not a readable zip package (" + e + ")";
        }
        if (zipProblem != null) {
            throw new TemplateException(location + ": rejected, " + zipProblem + "; " + fix);
        }
        ReportTemplate template = new ReportTemplate(location, bytes, sha256);
        List<String> problems;
        try (XSSFWorkbook workbook = template.open()) {
            problems = profile.problems().apply(workbook);
        } catch (IOException | RuntimeException e) {
            throw new TemplateException(location + ": cannot be opened as an xlsx workbook ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); " + fix, e);
        }
        if (!problems.isEmpty()) {
            throw new TemplateException(location + ": " + String.join("; ", problems) + "; " + fix);
        }
        return template;
    }

    private static TemplateException tooLarge(String location, long size, String fix) {
        return new TemplateException(String.format(Locale.ROOT, "%s: %d bytes, larger than the %d allowed for a template; %s",
                location, size, MAX_TEMPLATE_BYTES, fix));
    }

    private static String locationOf(Resource resource) {
        if (resource instanceof ClassPathResource cp) {
            return cp.getPath();
        }
        if (resource instanceof FileSystemResource fs) {
            return fs.getPath();
        }
        return resource.getDescription();
    }

    @Override
    public String toString() {
        return location + " (sha256 " + sha256 + ")";
    }
}
