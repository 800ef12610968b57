package memesnipe.model.event;

/**
 * An on-chain transfer of a symbol's token between labelled wallets.
 *
 * @param chain              chain name, e.g. "solana"
 * @param amountE8           tokens moved, base units at scale 10^8, &gt; 0
 * @param supplyBps          the transfer as a share of total supply, bps (0..10000)
 * @param senderRemainingBps share of supply the sender still holds afterwards, bps (0..10000)
 */
public record WalletTransfer(String symbol, long eventTimeMs, String chain, WalletLabel from, WalletLabel to,
                             long amountE8, int supplyBps, int senderRemainingBps) implements MarketSignal {
    public static final String KIND = "wallet_transfer";

    @Override
    public String kind() {
        return KIND;
    }
}
