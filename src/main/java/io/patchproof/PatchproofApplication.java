package io.patchproof;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PatchproofApplication {
}
