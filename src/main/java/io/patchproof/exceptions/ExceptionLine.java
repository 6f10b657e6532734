package io.patchproof.exceptions;

import java.time.LocalDate;

/**
 * One line of the exceptions register ({@code config/exceptions.csv}), as read and validated.
 *
 * @param lineNumber          the line in the file (the header is line 1)
 * @param host                what it covers on the host side, as written: a host name, a host name
 *                            pattern with {@code *} and {@code ?}, or {@code collection:<CollectionID>}
 * @param update              what it covers on the update side, as written: a KB number, a bulletin ID or {@code *}
 * @param reason              why the update is not in effect and accepted
 * @param compensatingControl what reduces the risk meanwhile
 * @param approver            who approved it
 * @param approvedOn          the approval date
 * @param expiresOn           the last day it covers
 */
public record ExceptionLine(int lineNumber, String host, String update, String reason, String compensatingControl,
        String approver, LocalDate approvedOn, LocalDate expiresOn) {
}
