package io.patchproof;

import io.patchproof.cli.PatchproofCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;

/**
 * The executable: see {@code --help}. Boot's own Quartz scheduler is left out: only {@code schedule}
 * has one, on the local store (io.patchproof.schedule.RunScheduler), and no other command starts
 * scheduler threads.
 */
@SpringBootApplication(exclude = QuartzAutoConfiguration.class)
public class PatchproofApplication {

    public static void main(String[] args) {
        System.exit(PatchproofCli.run(args, System.out, System.err));
    }
}
