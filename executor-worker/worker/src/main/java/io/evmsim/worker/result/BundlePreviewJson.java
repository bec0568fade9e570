package io.evmsim.worker.result;

import io.evmsim.worker.preview.Preview;
import java.math.BigInteger;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bundle's preview, in its summary: each transaction's sentences under its number
 * ({@code "Transaction 1: Sends 5 USDC to 0x7099...79c8"}), every warning with the transaction it is
 * about, and the fees of all of them together.
 */
public final class BundlePreviewJson {
    private BundlePreviewJson() {
    }

    public static void write(ObjectNode summary, List<Preview> previews) {
        ArrayNode sentences = summary.putArray("summary");
        ArrayNode warnings = summary.putArray("warnings");
        BigInteger fees = BigInteger.ZERO;
        for (int i = 0; i < previews.size(); i++) {
            Preview preview = previews.get(i);
            for (String sentence : preview.summary()) {
                sentences.add("Transaction " + i + ": " + sentence);
            }
            warnings.addAll(PreviewJson.warnings(preview.warnings(), i));
            fees = fees.add(preview.fee().total());
        }
        summary.put("totalFee", fees.toString());
    }
}
