package io.patchproof.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * Signs a manifest's exact bytes with a private key from a PKCS#12 keystore, by the standard JCA
 * ({@code SHA256withRSA} for an RSA key, {@code SHA256withECDSA} for an EC key), and writes the
 * detached signature file ({@link SignatureFile}) that carries the signer's certificate.
 *
 * <p>{@link #load} checks everything that can be checked before a run: the keystore opens with
 * the password, the alias holds a private key with a certificate, the key's type is supported,
 * the certificate is valid now, and key and certificate belong together (a probe is signed and
 * verified). Each failure is a {@link SigningException} naming the property and the fix.
 * Immutable and thread-safe (a new {@link Signature} per call).
 */
public final class ManifestSigner {

    private static final String FIX_KEYSTORE = "make one with keytool -genkeypair -storetype PKCS12 (docs/verify.md)";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Signer signer;

    /**
     * Who signs: what the manifest records of the signer before it is signed.
     *
     * @param certificateSha256 SHA-256 of the certificate's DER encoding, lower-case hex
     * @param subject           the certificate's subject (RFC 2253)
     * @param algorithm         {@code SHA256withRSA} or {@code SHA256withECDSA}
     * @param notAfter          the end of the certificate's validity
     */
    public record Signer(String certificateSha256, String subject, String algorithm, Instant notAfter) {
    }

    private ManifestSigner(PrivateKey key, X509Certificate certificate, String algorithm) {
        this.key = key;
        this.certificate = certificate;
        this.signer = new Signer(SignatureFile.fingerprint(certificate), certificate.getSubjectX500Principal().getName(),
                algorithm, certificate.getNotAfter().toInstant());
    }

    /**
     * Opens the keystore and checks the key, as of {@code now}.
     *
     * @param alias    the entry to sign with; blank: the keystore's only private key entry
     * @param password the keystore's password (PKCS#12 keeps the key under the same one)
     * @throws SigningException when any of it cannot be used, naming what and the fix
     */
    public static ManifestSigner load(Path keystore, String alias, char[] password, Instant now) {
        if (password == null || password.length == 0) {
            throw new SigningException("patchproof.signing.keystore is set (" + keystore + ") but no password is: set"
                    + " PATCHPROOF_SIGNING_PASSWORD to the keystore's password");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new SigningException("patchproof.signing.keystore: " + keystore + " does not exist; give the path of"
                    + " the PKCS#12 keystore, or " + FIX_KEYSTORE, e);
        } catch (AccessDeniedException e) {
            throw new SigningException("patchproof.signing.keystore: " + keystore + " cannot be read (access denied);"
                    + " let the account that runs patchproof read it", e);
        } catch (IOException e) {
            if (wrongPassword(e)) {
                throw new SigningException("patchproof.signing.password is wrong for the keystore " + keystore
                        + "; set PATCHPROOF_SIGNING_PASSWORD to the password it was made with", e);
            }
            throw new SigningException("patchproof.signing.keystore: " + keystore + " is not a PKCS#12 keystore ("
                    + reason(e) + "); give a .p12 file, or " + FIX_KEYSTORE, e);
        } catch (GeneralSecurityException e) {
            throw new SigningException("patchproof.signing.keystore: " + keystore + " cannot be opened (" + reason(e)
                    + "); give a PKCS#12 file, or " + FIX_KEYSTORE, e);
        }
        try {
            List<String> keys = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keys.add(a);
                }
            }
            String chosen = alias == null || alias.isBlank() ? onlyKey(keystore, keys) : alias.trim();
            if (!store.containsAlias(chosen)) {
                throw new SigningException("patchproof.signing.alias: '" + chosen + "' is not in the keystore " + keystore
                        + "; " + (keys.isEmpty() ? "it holds no private key: " + FIX_KEYSTORE
                        : "its private keys are " + String.join(", ", keys) + ": give one of them"));
            }
            if (!store.isKeyEntry(chosen)) {
                throw new SigningException("patchproof.signing.alias: '" + chosen + "' in the keystore " + keystore
                        + " is a certificate without its private key; give the alias of a key pair ("
                        + (keys.isEmpty() ? "it holds none: " + FIX_KEYSTORE : String.join(", ", keys)) + ")");
            }
            Key key;
            try {
                key = store.getKey(chosen, password);
            } catch (UnrecoverableKeyException e) {
                throw new SigningException("the key '" + chosen + "' in the keystore " + keystore + " has another password"
                        + " than the keystore; give it the keystore's (keytool -keypasswd), patchproof uses one password", e);
            }
            Certificate certificate = store.getCertificate(chosen);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new SigningException("patchproof.signing.alias: '" + chosen + "' in the keystore " + keystore
                        + " holds no private key with an X.509 certificate; " + FIX_KEYSTORE);
            }
            String algorithm = SignatureFile.algorithmFor(privateKey.getAlgorithm());
            if (algorithm == null) {
                throw new SigningException("patchproof.signing.alias: the key '" + chosen + "' is a " + privateKey.getAlgorithm()
                        + " key; patchproof signs with RSA or EC keys: make one with keytool -genkeypair -keyalg RSA"
                        + " -keysize 3072 (or -keyalg EC)");
            }
            try {
                x509.checkValidity(Date.from(now));
            } catch (CertificateExpiredException e) {
                throw new SigningException("the certificate of '" + chosen + "' in the keystore " + keystore + " expired on "
                        + x509.getNotAfter().toInstant() + "; make a new key pair (docs/verify.md) and give auditors its"
                        + " fingerprint", e);
            } catch (CertificateNotYetValidException e) {
                throw new SigningException("the certificate of '" + chosen + "' in the keystore " + keystore + " is not valid"
                        + " before " + x509.getNotBefore().toInstant() + "; check the machine's clock, or make the key pair"
                        + " again", e);
            }
            ManifestSigner signer = new ManifestSigner(privateKey, x509, algorithm);
            signer.probe(chosen, keystore);
            return signer;
        } catch (KeyStoreException | java.security.NoSuchAlgorithmException e) {
            throw new SigningException("patchproof.signing.keystore: " + keystore + " cannot be read (" + reason(e) + ")", e);
        }
    }

    /** Who signs, as the manifest records it. */
    public Signer signer() {
        return signer;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The detached signature file of a manifest's exact bytes. */
    byte[] sign(String manifestName, byte[] manifest) {
        try {
            Signature signature = Signature.getInstance(signer.algorithm());
            signature.initSign(key);
            signature.update(manifest);
            return new SignatureFile(manifestName, Sha256.hex(manifest), signer.algorithm(), signer.certificateSha256(),
                    signature.sign(), certificate).render().getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new SigningException("the manifest " + manifestName + " could not be signed: " + reason(e), e);
        }
    }

    /** Signs and verifies a probe: the key and the certificate must be a pair. */
    private void probe(String alias, Path keystore) {
        try {
            byte[] probe = "patchproof".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(signer.algorithm());
            s.initSign(key);
            s.update(probe);
            byte[] signed = s.sign();
            Signature v = Signature.getInstance(signer.algorithm());
            v.initVerify(certificate.getPublicKey());
            v.update(probe);
            if (v.verify(signed)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new SigningException("the key '" + alias + "' in the keystore " + keystore + " cannot sign: " + reason(e), e);
        }
        throw new SigningException("the key '" + alias + "' in the keystore " + keystore + " does not belong to its"
                + " certificate; make the key pair again (docs/verify.md)");
    }

    private static String onlyKey(Path keystore, List<String> keys) {
        if (keys.size() == 1) {
            return keys.get(0);
        }
        throw new SigningException("patchproof.signing.alias is not set and the keystore " + keystore + " holds "
                + (keys.isEmpty() ? "no private key: " + FIX_KEYSTORE
                : keys.size() + " private keys (" + String.join(", ", keys) + "): set patchproof.signing.alias to one"));
    }

    private static boolean wrongPassword(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException || t instanceof javax.crypto.BadPaddingException) {
                return true;
            }
        }
        return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("password");
    }

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
