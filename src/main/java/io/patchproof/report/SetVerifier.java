package io.patchproof.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a published set against its manifest: every file the manifest lists (under
 * {@code outputs}, by name, in the manifest's own folder) against its SHA-256, and where the
 * manifest says the set is signed, the detached signature {@code <manifest>.sig} against the
 * manifest's exact bytes with the certificate it carries, and that certificate against the one
 * the manifest names (and, when asked, against a fingerprint the caller trusts).
 *
 * <p>Reads files only; needs no configuration, store or database. Every problem is found, not
 * just the first, each as one line ({@link Result#problems()}). Stateless and thread-safe.
 */
public final class SetVerifier {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private SetVerifier() {
    }

    /**
     * What {@code verify} found.
     *
     * @param problems one line each; empty when the set is intact
     * @param files    the files the manifest lists, checked
     * @param signer   the fingerprint of the certificate that signed the manifest, when the
     *                 signature holds; null otherwise
     * @param summary  the one line of an intact set
     */
    public record Result(List<String> problems, int files, String signer, String summary) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * A fingerprint as people write it ({@code AB:CD:...}, upper or lower case) in the manifest's
     * form (64 lower-case hex digits), or null when it is not one.
     */
    public static String normalizeFingerprint(String given) {
        if (given == null) {
            return null;
        }
        String hex = given.strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256:")) {
            hex = hex.substring("sha256:".length());
        }
        hex = hex.replace(":", "");
        return HEX64.matcher(hex).matches() ? hex : null;
    }

    /**
     * @param manifest            the manifest; it must exist (the caller says so if it does not)
     * @param requiredFingerprint the signer's certificate fingerprint the caller requires
     *                            (normalized, {@link #normalizeFingerprint}), or null to accept any
     *                            signer, or an unsigned set
     */
    public static Result verify(Path manifest, String requiredFingerprint) throws IOException {
        List<String> problems = new ArrayList<>();
        String manifestName = manifest.getFileName().toString();
        Path folder = manifest.toAbsolutePath().getParent();
        byte[] bytes = Files.readAllBytes(manifest);

        Map<String, Object> root;
        try {
            Object parsed = JsonReader.parse(utf8(bytes));
            if (!(parsed instanceof Map<?, ?> map)) {
                problems.add("malformed manifest: " + manifestName + " is JSON but not an object; it is no manifest"
                        + " of a patchproof set");
                return new Result(problems, 0, null, null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            root = object;
        } catch (JsonReader.Malformed e) {
            problems.add("malformed manifest: " + manifestName + " is not JSON: " + e.getMessage()
                    + "; it was changed or cut short, or is no manifest");
            return new Result(problems, 0, null, null);
        } catch (CharacterCodingException e) {
            problems.add("malformed manifest: " + manifestName + " is not UTF-8 text; it was changed, or is no manifest");
            return new Result(problems, 0, null, null);
        }

        List<Listed> listed = listed(root, manifestName, problems);
        int checked = 0;
        for (Listed file : listed) {
            checked++;
            check(folder, file, problems);
        }

        String signer = null;
        String signatureNote;
        Object signed = root.get("signed");
        Path signatureFile = manifest.resolveSibling(manifestName + ".sig");
        if (Boolean.TRUE.equals(signed)) {
            signer = checkSignature(root, manifestName, bytes, signatureFile, requiredFingerprint, problems);
            signatureNote = signer == null ? null : "signed by the certificate sha256 " + signer + " ("
                    + subject(root) + ")" + (requiredFingerprint == null ? "" : ", the one required");
        } else if (signed == null || Boolean.FALSE.equals(signed)) {
            signatureNote = "not signed";
            if (requiredFingerprint != null) {
                problems.add("not signed: " + manifestName + " says the set is not signed, but"
                        + " --patchproof.verify.fingerprint requires a signature by the certificate sha256 "
                        + requiredFingerprint);
            }
        } else {
            signatureNote = null;
            problems.add("malformed manifest: " + manifestName + ": \"signed\" is " + signed + ", not true or false");
        }
        String summary = problems.isEmpty() ? "intact: " + manifestName + " and the " + checked + " files it lists ("
                + String.join(", ", listed.stream().map(Listed::name).toList()) + ") match their SHA-256; "
                + signatureNote : null;
        return new Result(List.copyOf(problems), checked, problems.isEmpty() ? signer : null, summary);
    }

    /** A file the manifest lists. */
    private record Listed(String name, String sha256, Long size) {
    }

    private static List<Listed> listed(Map<String, Object> root, String manifestName, List<String> problems) {
        Object outputs = root.get("outputs");
        if (!(outputs instanceof List<?> list)) {
            problems.add("malformed manifest: " + manifestName + " lacks the file list (\"outputs\": [{\"name\": ...,"
                    + " \"sha256\": ...}, ...]); it is no manifest of a patchproof set, or was cut");
            return List.of();
        }
        if (list.isEmpty()) {
            problems.add("malformed manifest: " + manifestName + " lists no files under \"outputs\"; a set has a"
                    + " workbook and a findings CSV");
            return List.of();
        }
        List<Listed> files = new ArrayList<>();
        int index = 0;
        for (Object entry : list) {
            index++;
            if (!(entry instanceof Map<?, ?> file) || !(file.get("name") instanceof String name)
                    || !(file.get("sha256") instanceof String sha)) {
                problems.add("malformed manifest: " + manifestName + ": entry " + index + " of \"outputs\" lacks a \"name\""
                        + " or a \"sha256\"");
                continue;
            }
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                    || name.indexOf('\0') >= 0 || name.contains(":")) {
                problems.add("malformed manifest: " + manifestName + ": \"" + name + "\" is not a file name in the"
                        + " manifest's folder; a set's files are beside their manifest");
                continue;
            }
            if (!HEX64.matcher(sha).matches()) {
                problems.add("malformed manifest: " + manifestName + ": the sha256 of " + name + " is not 64 lower-case"
                        + " hex digits");
                continue;
            }
            files.add(new Listed(name, sha, file.get("size") instanceof Long size ? size : null));
        }
        return files;
    }

    private static void check(Path folder, Listed file, List<String> problems) {
        Path path = folder.resolve(file.name());
        String actual;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            actual = Sha256.hex(in);
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            problems.add("missing: " + file.name() + ": the manifest lists it (sha256 " + file.sha256() + ") but it is"
                    + " not in " + folder);
            return;
        } catch (IOException e) {
            problems.add("unreadable: " + file.name() + ": " + ReportPublisher.reason(e));
            return;
        }
        if (!actual.equals(file.sha256())) {
            problems.add("changed: " + file.name() + ": sha256 expected " + file.sha256() + ", actual " + actual
                    + (file.size() != null && file.size() != size ? " (size expected " + file.size() + " bytes, actual "
                    + size + ")" : file.size() != null ? " (same size, " + size + " bytes)" : ""));
        }
    }

    /** Checks the signature; returns the signer's fingerprint when it holds (and is the one required). */
    private static String checkSignature(Map<String, Object> root, String manifestName, byte[] manifest,
            Path signatureFile, String required, List<String> problems) throws IOException {
        String sigName = signatureFile.getFileName().toString();
        String named = root.get("signer") instanceof Map<?, ?> signer && signer.get("certificateSha256") instanceof String fp
                ? fp : null;
        if (named == null || !HEX64.matcher(named).matches()) {
            problems.add("malformed manifest: " + manifestName + " says the set is signed but names no certificate"
                    + " (\"signer\": {\"certificateSha256\": ...})");
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(signatureFile);
        } catch (NoSuchFileException e) {
            problems.add("signature missing: " + sigName + ": the manifest says the set is signed by the certificate"
                    + " sha256 " + named + ", but its signature is not beside it; without it nothing proves who wrote"
                    + " the manifest");
            return null;
        }
        SignatureFile file;
        try {
            file = SignatureFile.parse(bytes);
        } catch (SignatureFile.Malformed e) {
            problems.add("signature wrong: " + sigName + " is not a patchproof signature file: " + e.getMessage());
            return null;
        }
        String carried = SignatureFile.fingerprint(file.certificate());
        boolean holds;
        try {
            if (!file.algorithm().equals(SignatureFile.algorithmFor(file.certificate().getPublicKey().getAlgorithm()))) {
                problems.add("signature wrong: " + sigName + ": its algorithm " + file.algorithm() + " does not fit the"
                        + " certificate's " + file.certificate().getPublicKey().getAlgorithm() + " key");
                return null;
            }
            Signature signature = Signature.getInstance(file.algorithm());
            signature.initVerify(file.certificate().getPublicKey());
            signature.update(manifest);
            holds = signature.verify(file.signature());
        } catch (GeneralSecurityException e) {
            holds = false;
        }
        String actualSha = Sha256.hex(manifest);
        if (!holds) {
            problems.add("signature wrong: " + sigName + " does not match " + manifestName + ": "
                    + (!file.manifestSha256().equals(actualSha)
                    ? "the manifest was changed after it was signed (sha256 when signed " + file.manifestSha256()
                            + ", now " + actualSha + ")"
                    : "the signature was not made with the key of the certificate it carries (sha256 " + carried
                            + "), or was altered"));
            return null;
        }
        if (!carried.equals(named)) {
            problems.add("signature wrong: " + sigName + " is signed by the certificate sha256 " + carried + ", but the"
                    + " manifest names " + named + "; the set was re-signed by someone else");
            return null;
        }
        if (!carried.equals(file.certificateSha256())) {
            problems.add("signature wrong: " + sigName + ": its certificate-sha256 line (" + file.certificateSha256()
                    + ") is not the fingerprint of the certificate it carries (" + carried + ")");
            return null;
        }
        if (required != null && !required.equals(carried)) {
            problems.add("wrong signer: " + manifestName + " is signed by the certificate sha256 " + carried + " ("
                    + file.certificate().getSubjectX500Principal().getName() + "), not by " + required
                    + " as --patchproof.verify.fingerprint requires");
            return null;
        }
        return carried;
    }

    private static String subject(Map<String, Object> root) {
        return root.get("signer") instanceof Map<?, ?> signer && signer.get("subject") instanceof String s ? s : "no subject";
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
