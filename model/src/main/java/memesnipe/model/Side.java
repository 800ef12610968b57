package memesnipe.model;

/** Order side. MemeSnipe trades long only: BUY opens or adds, SELL closes. */
public enum Side {
    BUY, SELL
}
