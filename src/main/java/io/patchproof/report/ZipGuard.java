package io.patchproof.report;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inspects an xlsx package before POI parses it, with limits of its own that are at least as
 * strict as POI's {@code ZipSecureFile} defaults (which stay in force when POI opens the file;
 * they are process-wide, so this class does not change them). Rejects: more than 1,000 entries,
 * duplicate entry names (CVE-2025-31672), an entry inflating to more than 50 MB or all entries
 * to more than 100 MB, an inflate ratio below 1 % beyond the first 100 KB of an entry (zip
 * bomb), and any XML part with a DOCTYPE or ENTITY declaration (XXE, entity expansion).
 *
 * <p>Entries are found through the central directory and inflated here with a bounded
 * {@link Inflater}, never trusting the declared sizes; {@code java.util.zip.ZipInputStream}
 * cannot be used because it misreads the zip64 data descriptors that POI itself writes.
 */
final class ZipGuard {

    static final int MAX_ENTRIES = 1000;
    static final long MAX_ENTRY_BYTES = 50L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long GRACE_BYTES = 100 * 1024;

    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    private static final List<String> XML_SUFFIXES = List.of(".xml", ".rels", ".vml");

    private ZipGuard() {
    }

    /** Returns null when the package passes, else the problem in a few words. */
    static String check(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = findEndOfCentralDirectory(zip);
        if (eocd < 0) {
            return "not a zip package (an xlsx file is one)";
        }
        int entries = Short.toUnsignedInt(b.getShort(eocd + 10));
        long cenOffset = Integer.toUnsignedLong(b.getInt(eocd + 16));
        if (entries == 0xFFFF || cenOffset == 0xFFFFFFFFL) {
            return "zip64 package, which no template needs";
        }
        if (entries > MAX_ENTRIES) {
            return "more than " + MAX_ENTRIES + " zip entries";
        }
        Set<String> names = new HashSet<>();
        long total = 0;
        int p = (int) cenOffset;
        for (int n = 0; n < entries; n++) {
            if (p < 0 || p + 46 > zip.length || b.getInt(p) != CEN) {
                return "damaged zip central directory";
            }
            int method = Short.toUnsignedInt(b.getShort(p + 10));
            long compressedSize = Integer.toUnsignedLong(b.getInt(p + 20));
            int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(b.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(b.getShort(p + 32));
            long locOffset = Integer.toUnsignedLong(b.getInt(p + 42));
            if (p + 46 + nameLength > zip.length) {
                return "damaged zip central directory";
            }
            String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
            p += 46 + nameLength + extraLength + commentLength;
            if (!names.add(name)) {
                return "zip entry '" + name + "' appears twice";
            }
            if (locOffset + 30 > zip.length || b.getInt((int) locOffset) != LOC) {
                return "zip entry '" + name + "' has no local header";
            }
            int loc = (int) locOffset;
            long dataStart = loc + 30L + Short.toUnsignedInt(b.getShort(loc + 26)) + Short.toUnsignedInt(b.getShort(loc + 28));
            if (compressedSize > zip.length || dataStart + compressedSize > zip.length) {
                return "zip entry '" + name + "' runs past the end of the file";
            }
            boolean xml = XML_SUFFIXES.stream().anyMatch(s -> name.toLowerCase(Locale.ROOT).endsWith(s));
            Inflated inflated = inflate(zip, (int) dataStart, (int) compressedSize, method, xml, MAX_TOTAL_BYTES - total);
            if (inflated.problem() != null) {
                return "zip entry '" + name + "' " + inflated.problem();
            }
            total += inflated.size();
            if (xml && declaresDoctype(inflated.content())) {
                return "XML part '" + name + "' contains a DOCTYPE or ENTITY declaration (XML entity expansion / external entities)";
            }
        }
        return null;
    }

    private record Inflated(long size, byte[] content, String problem) {
    }

    private static Inflated inflate(byte[] zip, int offset, int length, int method, boolean keep, long totalLeft) {
        ByteArrayOutputStream content = keep ? new ByteArrayOutputStream() : null;
        if (method == 0) {
            if (length > MAX_ENTRY_BYTES || length > totalLeft) {
                return new Inflated(length, null, "is larger than allowed");
            }
            if (keep) {
                content.write(zip, offset, length);
            }
            return new Inflated(length, keep ? content.toByteArray() : null, null);
        }
        if (method != 8) {
            return new Inflated(0, null, "uses compression method " + method + ", not deflate");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(zip, offset, length);
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                    continue;
                }
                size += n;
                if (keep) {
                    content.write(buffer, 0, n);
                }
                if (size > MAX_ENTRY_BYTES) {
                    return new Inflated(size, null, "inflates to more than " + MAX_ENTRY_BYTES / (1024 * 1024) + " MB");
                }
                if (size > totalLeft) {
                    return new Inflated(size, null, "takes the package past " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB inflated");
                }
                long consumed = Math.max(1, inflater.getBytesRead());
                if (size > GRACE_BYTES && (double) consumed / size < MIN_INFLATE_RATIO) {
                    return new Inflated(size, null, "is a zip bomb (inflate ratio below " + MIN_INFLATE_RATIO + ")");
                }
            }
            return new Inflated(size, keep ? content.toByteArray() : null, null);
        } catch (DataFormatException e) {
            return new Inflated(0, null, "is damaged (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static int findEndOfCentralDirectory(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int stop = Math.max(0, zip.length - 22 - 0xFFFF);
        for (int i = zip.length - 22; i >= stop; i--) {
            if (b.getInt(i) == EOCD) {
                return i;
            }
        }
        return -1;
    }

    static boolean declaresDoctype(byte[] xml) {
        String text;
        if (xml.length >= 2 && ((xml[0] == (byte) 0xFE && xml[1] == (byte) 0xFF) || (xml[0] == (byte) 0xFF && xml[1] == (byte) 0xFE))) {
            text = new String(xml, StandardCharsets.UTF_16);
        } else {
            text = new String(xml, StandardCharsets.UTF_8);
        }
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY");
    }
}
