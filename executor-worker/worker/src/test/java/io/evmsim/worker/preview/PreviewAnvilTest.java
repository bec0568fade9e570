package io.evmsim.worker.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.tx.Authorization;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.Solc;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.simulation.RecordingSink;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.CodeStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Previews of simulations on a real node's state: anvil with tokens of each kind deployed by solc. The
 * worker's executor reads anvil's state the way it reads the state cache's, so every metadata read and
 * receiver probe is a read of chain state through the simulation's own fetching.
 */
class PreviewAnvilTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Address DEV = Address.fromHex(Anvil.DEV_ACCOUNT);
    /** Anvil's second development account (its key below). */
    private static final Address SECOND = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final BigInteger SECOND_KEY =
            new BigInteger("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 16);
    private static final Address EOA = Address.fromHex("0x00000000000000000000000000000000000e0a01");
    private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

    private static Anvil anvil;
    private static SimulationExecutor executor;
    private static Previewer previewer;
    private static Address stringToken;
    private static Address bytes32Token;
    private static Address bareToken;
    private static Address collection;
    private static Address items;
    private static Address receiver;
    private static Address vault;
    private static Address owned;
    private static Address proxy;
    private static String vaultInitCode;
    private static String stringTokenAbi;
    private static String stringTokenInitCode;
    private static final List<Double> previewMillis = new ArrayList<>();

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        Map<String, Solc.Contract> contracts = Solc.compile(PreviewContracts.SOURCE);
        String supply = Hex.encodeBare(UInt256.valueOf(1_000_000_000_000L).toBytes32(), 0, 32);
        String bigSupply = Hex.encodeBare(UInt256.fromBigInteger(BigInteger.TEN.pow(24)).toBytes32(), 0, 32);
        stringToken = deployed(contracts.get("StringToken").bytecode() + supply);
        stringTokenAbi = contracts.get("StringToken").abi();
        stringTokenInitCode = contracts.get("StringToken").bytecode() + supply;
        bytes32Token = deployed(contracts.get("Bytes32Token").bytecode() + bigSupply);
        bareToken = deployed(contracts.get("BareToken").bytecode() + supply);
        collection = deployed(contracts.get("Collection").bytecode());
        items = deployed(contracts.get("Items").bytecode());
        receiver = deployed(contracts.get("Receiver").bytecode());
        vaultInitCode = contracts.get("Vault").bytecode();
        vault = deployed(vaultInitCode);
        owned = deployed(contracts.get("Owned").bytecode());
        proxy = deployed(contracts.get("Proxy").bytecode());
        AnvilStateClient state = new AnvilStateClient(anvil.rpc());
        previewer = new Previewer(new TokenMetadataCache(1_000, Duration.ofHours(1)), Set.of());
        executor = new SimulationExecutor(state, new CodeStore(state, 1 << 24), new CodeCache(256),
                ChainRules.of(ChainSchedule.fromGenesis(31337, "anvil", ChainFork.OSAKA)), 16,
                new SimulationExecutor.WorkerMetrics() {
                    @Override
                    public void record(String stage, long nanos) {
                        if (stage.equals("preview")) {
                            previewMillis.add(nanos / 1e6);
                        }
                    }

                    @Override
                    public void gasUsed(long gas) {
                    }
                }, previewer);
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
        if (!previewMillis.isEmpty()) {
            System.out.printf("preview cost: %d simulations, mean %.3f ms, max %.3f ms; %s%n", previewMillis.size(),
                    previewMillis.stream().mapToDouble(d -> d).average().orElse(0),
                    previewMillis.stream().mapToDouble(d -> d).max().orElse(0), previewer.cache());
        }
    }

    private static Address deployed(String initCode) {
        return Address.fromHex(anvil.deploy(initCode));
    }

    // ---- metadata and amounts ----

    @Test
    void aHarmlessTokenTransferIsNamedFormattedAndWarnsOfNothing() {
        JsonNode result = simulate(call(DEV, stringToken, "transfer(address,uint256)", word(SECOND),
                UInt256.valueOf(5_000_000)));
        assertEquals("success", result.get("status").asString(), result.toString());
        JsonNode sent = tokenEntry(result, DEV, stringToken);
        assertEquals("TUSD", sent.get("symbol").asString());
        assertEquals("Test Dollar", sent.get("name").asString());
        assertEquals(6, sent.get("decimals").intValue());
        assertEquals("-5000000", sent.get("delta").asString());
        assertEquals("-5", sent.get("formatted").asString());
        assertEquals("5", result.at("/assetChanges/transfers/0/formatted").asString());
        assertEquals(List.of("Sends 5 TUSD to 0x7099...79c8"), sentences(result));
        assertEquals(0, result.get("warnings").size(), result.get("warnings").toString());
    }

    @Test
    void bytes32MetadataIsReadAsMakersIs() {
        JsonNode result = simulate(call(DEV, bytes32Token, "transfer(address,uint256)", word(SECOND),
                UInt256.fromBigInteger(new BigInteger("1500000000000000000"))));
        JsonNode sent = tokenEntry(result, DEV, bytes32Token);
        assertEquals("MKR", sent.get("symbol").asString());
        assertEquals("Maker", sent.get("name").asString());
        assertEquals(18, sent.get("decimals").intValue());
        assertEquals("-1.5", sent.get("formatted").asString());
        assertEquals(List.of("Sends 1.5 MKR to 0x7099...79c8"), sentences(result));
    }

    @Test
    void aTokenWithoutMetadataHasNoneAndStillSucceeds() {
        JsonNode result = simulate(call(DEV, bareToken, "transfer(address,uint256)", word(SECOND), UInt256.valueOf(7)));
        assertEquals("success", result.get("status").asString());
        JsonNode sent = tokenEntry(result, DEV, bareToken);
        assertFalse(sent.has("symbol") || sent.has("name") || sent.has("decimals") || sent.has("formatted"),
                sent.toString());
        assertEquals(List.of("Sends 7 units of " + Addresses.shortForm(bareToken.toString()) + " to 0x7099...79c8"),
                sentences(result));
    }

    @Test
    void collectionsAreNamedAndAnNftToAReceiverIsFine() {
        JsonNode result = simulate(call(DEV, collection, "transferFrom(address,address,uint256)", word(DEV),
                word(receiver), UInt256.ONE));
        JsonNode sent = tokenEntry(result, DEV, collection);
        assertEquals("TCOL", sent.get("symbol").asString());
        assertEquals("Test Collection", sent.get("name").asString());
        assertFalse(sent.has("decimals"));
        assertEquals(List.of("Sends TCOL #1 to " + Addresses.shortForm(receiver.toString())), sentences(result));
        assertEquals(0, result.get("warnings").size(), result.get("warnings").toString());
    }

    // ---- warnings, each by a case of its own ----

    @Test
    void anNftToCodeWithoutAReceiverHookIsWarnedOf() {
        JsonNode result = simulate(call(DEV, collection, "transferFrom(address,address,uint256)", word(DEV),
                word(vault), UInt256.valueOf(2)));
        assertWarnings(result, "TRANSFER_TO_CONTRACT_WITHOUT_RECEIVER");
        assertEquals(List.of(DEV.toString(), vault.toString()), addresses(result.get("warnings").get(0)));
    }

    @Test
    void erc1155ItemsToCodeWithoutAReceiverHookAreWarnedOf() {
        JsonNode result = simulate(call(DEV, items, "safeTransferFrom(address,address,uint256,uint256,bytes)",
                word(DEV), word(vault), UInt256.valueOf(7), UInt256.valueOf(3), UInt256.valueOf(160), UInt256.ZERO));
        assertEquals("ITEM", tokenEntry(result, DEV, items).get("symbol").asString());
        assertEquals(List.of("Sends 3 of ITEM #7 to " + Addresses.shortForm(vault.toString())), sentences(result));
        assertWarnings(result, "TRANSFER_TO_CONTRACT_WITHOUT_RECEIVER");
    }

    @Test
    void tokensSentToTheirOwnContractAreWarnedOf() {
        JsonNode result = simulate(call(DEV, stringToken, "transfer(address,uint256)", word(stringToken),
                UInt256.valueOf(1)));
        assertWarnings(result, "TRANSFER_TO_CONTRACT_WITHOUT_RECEIVER");
        assertEquals("critical", result.at("/warnings/0/severity").asString());
    }

    @Test
    void anUnlimitedApprovalIsWarnedOf() {
        JsonNode result = simulate(call(DEV, stringToken, "approve(address,uint256)", word(receiver), UInt256.MAX));
        assertWarnings(result, "UNLIMITED_APPROVAL");
        assertEquals(List.of("Approves " + Addresses.shortForm(receiver.toString()) + " to spend unlimited TUSD"),
                sentences(result));
        assertEquals(List.of(DEV.toString(), receiver.toString(), stringToken.toString()),
                addresses(result.get("warnings").get(0)));
    }

    @Test
    void anApprovalToAnAccountWithoutCodeIsWarnedOf() {
        JsonNode result = simulate(call(DEV, stringToken, "approve(address,uint256)", word(EOA),
                UInt256.valueOf(10_000_000)));
        assertWarnings(result, "APPROVAL_TO_EOA");
        assertEquals(List.of("Approves 0x0000...0a01 to spend 10 TUSD"), sentences(result));
    }

    @Test
    void anApprovalForAllIsWarnedOf() {
        JsonNode result = simulate(call(DEV, collection, "setApprovalForAll(address,bool)", word(receiver),
                UInt256.ONE));
        assertWarnings(result, "APPROVAL_FOR_ALL");
        assertEquals(List.of("Approves " + Addresses.shortForm(receiver.toString()) + " to transfer all your TCOL"),
                sentences(result));
    }

    @Test
    void aRevertIsWarnedOfAndSaysWhy() {
        JsonNode result = simulate(call(EOA, bytes32Token, "transfer(address,uint256)", word(DEV), UInt256.ONE));
        assertEquals("reverted", result.get("status").asString());
        assertWarnings(result, "REVERTS");
        assertEquals(List.of("Reverts: ERC20: transfer amount exceeds balance"), sentences(result));
    }

    @Test
    void anInvalidTransactionIsWarnedOf() {
        CallRequest broke = new CallRequest(null, EOA, SECOND, null, UInt256.fromBigInteger(BigInteger.TEN.pow(18)),
                21_000L, null, null, null, null, null, null, null, null);
        JsonNode result = simulate(broke);
        assertEquals("invalid", result.get("status").asString());
        assertWarnings(result, "INVALID");
        assertEquals("critical", result.at("/warnings/0/severity").asString());
        assertTrue(sentences(result).getFirst().startsWith("Cannot be included: insufficient funds"), sentences(result).toString());
    }

    @Test
    void aDelegationToUnrecognisedCodeIsWarnedOf() {
        Authorization auth = Authorization.sign(UInt256.valueOf(31337), vault, 0, SECOND_KEY);
        CallRequest call = new CallRequest(4, DEV, SECOND, calldata("ping()"), null, 100_000L, null, null, null, null,
                null, null, null, List.of(auth));
        JsonNode result = simulate(call);
        assertEquals("success", result.get("status").asString(), result.toString());
        assertWarnings(result, "DELEGATION");
        assertEquals("critical", result.at("/warnings/0/severity").asString());
        assertEquals(List.of("Delegates 0x7099...79c8 to " + Addresses.shortForm(vault.toString()) + " (EIP-7702)",
                "Calls 0x7099...79c8, moving no assets"), sentences(result));
    }

    @Test
    void aTransactionThatLeavesTooLittleForTheNextFeeIsWarnedOfAndItsFeeIsGasTimesPrice() {
        Address sender = Address.fromLong(0xd0a1);
        UInt256 price = GWEI.multiplyExact(2);
        BigInteger balance = BigInteger.TEN.pow(18);
        BigInteger fee = price.toBigInteger().multiply(BigInteger.valueOf(21_000));
        UInt256 value = UInt256.fromBigInteger(balance.subtract(fee).subtract(BigInteger.valueOf(5)));
        CallRequest call = new CallRequest(0, sender, SECOND, null, value, 21_000L, price, null, null, null, null,
                null, null, null);
        JsonNode result = simulate(call, Map.of(sender, new AccountOverride(UInt256.fromBigInteger(balance), null,
                null, null, null, null)));
        assertEquals("success", result.get("status").asString(), result.toString());
        assertWarnings(result, "DRAINS_BALANCE");
        BigInteger expected = BigInteger.valueOf(result.get("gasUsed").longValue())
                .multiply(UInt256.parse(result.get("effectiveGasPrice").asString()).toBigInteger());
        assertEquals(expected.toString(), result.at("/assetChanges/fee/total").asString());
        assertEquals(fee.toString(), expected.toString());
        JsonNode feeEntry = entries(result, sender).stream().filter(e -> e.has("kind")).findFirst().orElseThrow();
        assertEquals("FEE", feeEntry.get("kind").asString());
        assertEquals(fee.negate().toString(), feeEntry.get("delta").asString());
        assertEquals("-0.000042", feeEntry.get("formatted").asString());
        assertTrue(sentences(result).contains("Pays 0.000042 ETH in fees"), sentences(result).toString());
    }

    @Test
    void theFeeOfATokenTransferIsGasUsedTimesTheEffectiveGasPrice() {
        UInt256 price = GWEI.multiplyExact(3);
        byte[] data = calldata("transfer(address,uint256)", word(SECOND), UInt256.ONE);
        CallRequest call = new CallRequest(0, DEV, stringToken, data, null, 200_000L, price, null, null, null, null,
                null, null, null);
        JsonNode result = simulate(call);
        long gasUsed = result.get("gasUsed").longValue();
        assertEquals(price, UInt256.parse(result.get("effectiveGasPrice").asString()));
        assertEquals(price.toBigInteger().multiply(BigInteger.valueOf(gasUsed)).toString(),
                result.at("/assetChanges/fee/total").asString());
        assertEquals(DEV.toString(), result.at("/assetChanges/fee/payer").asString());
        assertEquals("0", result.at("/assetChanges/fee/blobFee").asString());
        assertEquals(0, result.get("warnings").size(), result.get("warnings").toString());
    }

    @Test
    void anOwnershipTransferIsWarnedOf() {
        JsonNode result = simulate(call(DEV, owned, "transferOwnership(address)", word(EOA)));
        assertWarnings(result, "OWNERSHIP_CHANGE");
        assertEquals(List.of(owned.toString(), DEV.toString(), EOA.toString()), addresses(result.get("warnings").get(0)));
    }

    @Test
    void aProxyUpgradeIsWarnedOf() {
        JsonNode result = simulate(call(DEV, proxy, "upgradeTo(address)", word(receiver)));
        assertWarnings(result, "OWNERSHIP_CHANGE");
        assertTrue(result.at("/warnings/0/message").asString().contains("implementation"), result.toString());
    }

    // ---- decoding ----

    @Test
    void aCustomErrorIsDecodedWithTheClientsAbi() {
        CallRequest call = call(EOA, stringToken, "transfer(address,uint256)", word(DEV), UInt256.valueOf(5));
        JsonNode plain = simulate(call);
        assertEquals("reverted", plain.get("status").asString());
        assertFalse(plain.get("revert").has("decoded"), plain.get("revert").toString());
        assertTrue(sentences(plain).getFirst().startsWith("Reverts with custom error 0x"), sentences(plain).toString());

        SimulationRequest withAbi = new SimulationRequest("preview", "test", SimulationKind.SINGLE, "latest",
                List.of(call), Map.of(), null, false, false, 30_000_000L, 60_000, System.currentTimeMillis(), null,
                ResultPart.ALL, Map.of(stringToken, stringTokenAbi));
        JsonNode result = run(withAbi, new ArrayList<>());
        JsonNode decoded = result.at("/revert/decoded");
        assertEquals("InsufficientBalance", decoded.get("name").asString(), result.get("revert").toString());
        assertEquals("InsufficientBalance(address,uint256,uint256)", decoded.get("signature").asString());
        assertEquals(List.of("account address " + EOA, "needed uint256 5", "available uint256 0"),
                StreamSupport.stream(decoded.get("arguments").spliterator(), false).map(a -> a.get("name").asString()
                        + " " + a.get("type").asString() + " " + a.get("value").asString()).toList());
        assertEquals(List.of("Reverts: InsufficientBalance(account: " + EOA + ", needed: 5, available: 0)"),
                sentences(result));
        assertEquals("InsufficientBalance", result.at("/callTree/revert/decoded/name").asString());
        assertEquals("transfer", result.at("/callTree/decoded/name").asString());
    }

    @Test
    void callsAndEventsOfTheStandardInterfacesAreDecodedWithoutAnAbi() {
        JsonNode result = simulate(call(DEV, collection, "setApprovalForAll(address,bool)", word(vault), UInt256.ZERO));
        JsonNode call = result.at("/callTree/decoded");
        assertEquals("setApprovalForAll(address,bool)", call.get("signature").asString());
        assertEquals(vault.toString(), call.at("/arguments/0/value").asString());
        assertFalse(call.at("/arguments/1/value").booleanValue());
        JsonNode event = result.at("/logs/0/decoded");
        assertEquals("ApprovalForAll", event.get("name").asString(), result.get("logs").toString());
        assertEquals(List.of(DEV.toString(), vault.toString(), "false"),
                StreamSupport.stream(event.get("arguments").spliterator(), false)
                        .map(a -> a.get("value").asString(a.get("value").toString())).toList());
        assertEquals(List.of("Revokes " + Addresses.shortForm(vault.toString()) + "'s approval for all your TCOL"),
                sentences(result));
    }

    // ---- summaries of the other kinds ----

    @Test
    void anEtherTransferAndADeploymentAreSummarised() {
        JsonNode sent = simulate(new CallRequest(null, DEV, SECOND, null, UInt256.fromBigInteger(BigInteger.TEN.pow(18)),
                null, null, null, null, null, null, null, null, null));
        assertEquals(List.of("Sends 1 ETH to 0x7099...79c8"), sentences(sent));
        assertEquals(0, sent.get("warnings").size());
        JsonNode deployed = simulate(new CallRequest(null, DEV, null, Hex.decode(vaultInitCode), null, null, null, null,
                null, null, null, null, null, null));
        assertEquals(List.of("Deploys a contract at " + deployed.get("contractAddress").asString()), sentences(deployed));
    }

    @Test
    void aBundleIsSummarisedTransactionByTransaction() {
        List<String> events = new ArrayList<>();
        SimulationRequest request = request(SimulationKind.BUNDLE, List.of(
                call(DEV, stringToken, "transfer(address,uint256)", word(SECOND), UInt256.valueOf(2_500_000)),
                call(DEV, stringToken, "approve(address,uint256)", word(EOA), UInt256.MAX)), Map.of());
        JsonNode summary = run(request, events);
        assertEquals(2, events.size());
        assertEquals(List.of("Transaction 0: Sends 2.5 TUSD to 0x7099...79c8",
                "Transaction 1: Approves 0x0000...0a01 to spend unlimited TUSD"), sentences(summary));
        List<String> codes = StreamSupport.stream(summary.get("warnings").spliterator(), false)
                .map(w -> w.get("transaction").intValue() + " " + w.get("code").asString()).toList();
        assertEquals(List.of("1 UNLIMITED_APPROVAL", "1 APPROVAL_TO_EOA"), codes);
    }

    @Test
    void metadataIsCachedPerToken() {
        simulate(call(DEV, bareToken, "approve(address,uint256)", word(receiver), UInt256.ONE));
        long hits = previewer.cache().hits();
        long misses = previewer.cache().misses();
        JsonNode again = simulate(call(DEV, bareToken, "approve(address,uint256)", word(receiver), UInt256.ONE));
        assertTrue(previewer.cache().hits() > hits);
        assertEquals(misses, previewer.cache().misses(), "the token was not read again");
        assertNotNull(again.get("summary"));
    }

    /**
     * A rough measure of what a preview adds to a simulation of a token transfer once the metadata is
     * cached: the preview stage's mean (metadata lookups, receiver probes, summary, warnings) beside the
     * execution's, both as the executor times them; and that the token is read only once.
     */
    @Test
    void aCachedPreviewCostsLittleAndReadsNoMetadata() {
        CallRequest transfer = call(DEV, stringToken, "transfer(address,uint256)", word(SECOND), UInt256.ONE);
        for (int i = 0; i < 50; i++) {
            simulate(transfer); // warm-up: the JIT and the cache
        }
        long misses = previewer.cache().misses();
        double preview = 0;
        double execution = 0;
        int runs = 200;
        for (int i = 0; i < runs; i++) {
            JsonNode result = simulate(transfer);
            preview += result.at("/timings/previewMs").doubleValue();
            execution += result.at("/timings/executionMs").doubleValue();
        }
        assertEquals(misses, previewer.cache().misses(), "a cached token is not read again");
        System.out.printf("token transfer, %d runs: preview %.3f ms, execution (with the preview) %.3f ms per "
                + "simulation; %s%n", runs, preview / runs, execution / runs, previewer.cache());
    }

    /** With less than half its deadline left, a simulation reads no more state for its preview. */
    @Test
    void aSimulationShortOfTimeGetsAPartialPreviewNotAnError() {
        Address fresh = deployed(stringTokenInitCode);
        CallRequest transfer = call(DEV, fresh, "transfer(address,uint256)", word(SECOND), UInt256.valueOf(5_000_000));
        SimulationRequest late = new SimulationRequest("preview", "test", SimulationKind.SINGLE, "latest",
                List.of(transfer), Map.of(), null, false, false, 30_000_000L, 60_000,
                System.currentTimeMillis() - 40_000);
        JsonNode result = run(late, new ArrayList<>());
        assertEquals("success", result.get("status").asString());
        assertTrue(result.get("previewPartial").booleanValue(), result.toString());
        assertFalse(tokenEntry(result, DEV, fresh).has("symbol"), "no metadata read");
        assertEquals(List.of("Sends 5000000 units of " + Addresses.shortForm(fresh.toString()) + " to 0x7099...79c8"),
                sentences(result));

        JsonNode inTime = simulate(transfer);
        assertFalse(inTime.has("previewPartial"));
        assertEquals("TUSD", tokenEntry(inTime, DEV, fresh).get("symbol").asString());
    }

    // ---- helpers ----

    private static void assertWarnings(JsonNode result, String... codes) {
        List<String> found = StreamSupport.stream(result.get("warnings").spliterator(), false)
                .map(w -> w.get("code").asString()).toList();
        assertEquals(List.of(codes), found, result.get("warnings").toString());
    }

    private static List<String> addresses(JsonNode warning) {
        return StreamSupport.stream(warning.get("addresses").spliterator(), false).map(JsonNode::asString).toList();
    }

    private static List<String> sentences(JsonNode result) {
        return StreamSupport.stream(result.get("summary").spliterator(), false).map(JsonNode::asString).toList();
    }

    private static List<JsonNode> entries(JsonNode result, Address address) {
        JsonNode list = result.at("/assetChanges/byAddress/" + address);
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    private static JsonNode tokenEntry(JsonNode result, Address holder, Address token) {
        return entries(result, holder).stream().filter(e -> token.toString().equals(e.path("token").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no change of " + token + " in " + result));
    }

    private static UInt256 word(Address address) {
        return UInt256.fromBytes(address.toArray());
    }

    private static byte[] calldata(String signature, UInt256... words) {
        byte[] data = new byte[4 + 32 * words.length];
        System.arraycopy(Keccak.hash(signature.getBytes(StandardCharsets.US_ASCII)).toArray(), 0, data, 0, 4);
        for (int i = 0; i < words.length; i++) {
            words[i].writeTo(data, 4 + 32 * i);
        }
        return data;
    }

    private static CallRequest call(Address from, Address to, String signature, UInt256... words) {
        return new CallRequest(null, from, to, calldata(signature, words), null, null, null, null, null, null, null,
                null, null, null);
    }

    private static JsonNode simulate(CallRequest call) {
        return simulate(call, Map.of());
    }

    private static JsonNode simulate(CallRequest call, Map<Address, AccountOverride> overrides) {
        return run(request(SimulationKind.SINGLE, List.of(call), overrides), new ArrayList<>());
    }

    private static SimulationRequest request(SimulationKind kind, List<CallRequest> calls,
            Map<Address, AccountOverride> overrides) {
        return new SimulationRequest("preview", "test", kind, "latest", calls, overrides, null, false, false,
                30_000_000L, 60_000, System.currentTimeMillis());
    }

    /** Runs the request; returns its final document and adds a bundle's transaction documents to {@code events}. */
    private static JsonNode run(SimulationRequest request, List<String> events) {
        RecordingSink sink = new RecordingSink();
        executor.run(request, RunBudget.of(request), sink);
        assertEquals(List.of(), sink.errors());
        sink.transactions().forEach(record -> events.add(record.json()));
        assertEquals(1, sink.summaries().size());
        return JSON.readTree(sink.summaries().getFirst().json());
    }
}
