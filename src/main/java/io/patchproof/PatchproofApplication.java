package io.patchproof;

import io.patchproof.cli.PatchproofCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The executable: see {@code --help}. */
@SpringBootApplication
public class PatchproofApplication {

    public static void main(String[] args) {
        System.exit(PatchproofCli.run(args, System.out, System.err));
    }
}
