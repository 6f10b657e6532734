package io.patchproof.source;

/** How a snapshot column is read from the source and written to the store. */
enum ColumnType {
    INT, TEXT, TIME
}
