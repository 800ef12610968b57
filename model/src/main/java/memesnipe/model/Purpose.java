package memesnipe.model;

/** Whether an order adds risk (ENTRY) or removes it (EXIT); exits are never blocked. */
public enum Purpose {
    ENTRY, EXIT
}
