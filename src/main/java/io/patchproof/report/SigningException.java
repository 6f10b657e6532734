package io.patchproof.report;

/**
 * The signing configuration cannot be used: no such keystore, a wrong password or alias, a key
 * of an unsupported type, a certificate out of its validity. The message is one line that names
 * the property or file and the fix; found before a run starts, it is a configuration error
 * (exit code 2).
 */
public class SigningException extends RuntimeException {

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
