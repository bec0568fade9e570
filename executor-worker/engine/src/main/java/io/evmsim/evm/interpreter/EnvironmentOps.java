package io.evmsim.evm.interpreter;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.word.WordMath;
import java.util.List;

/** Instructions that read accounts, calldata and the block. */
final class EnvironmentOps {
    private EnvironmentOps() {
    }

    static void balance(Frame f) {
        Address address = f.popAddress();
        if (!f.charge(f.evm.accountAccessCost(address))) {
            return;
        }
        f.push(f.evm.state.account(address).balance());
    }

    static void extCodeSize(Frame f) {
        Address address = f.popAddress();
        if (!f.charge(f.evm.accountAccessCost(address))) {
            return;
        }
        f.pushLong(f.evm.state.account(address).code().size());
    }

    /** EIP-1052: the code hash, or zero for an account that does not exist or is empty. */
    static void extCodeHash(Frame f) {
        Address address = f.popAddress();
        if (!f.charge(f.evm.accountAccessCost(address))) {
            return;
        }
        Account account = f.evm.state.account(address);
        if (!account.exists() || account.isEmpty()) {
            f.pushLong(0);
        } else {
            f.pushBytes(account.code().hash().toArray(), 0, 32);
        }
    }

    static void callDataLoad(Frame f) {
        byte[] input = f.message.input();
        long offset = f.popClamped();
        byte[] word = new byte[32];
        if (offset < input.length) {
            System.arraycopy(input, (int) offset, word, 0, (int) Math.min(32, input.length - offset));
        }
        f.pushBytes(word, 0, 32);
    }

    /** BLOCKHASH: the hash of one of the 256 blocks before the current one, else zero. */
    static void blockHash(Frame f) {
        long requested = f.popClamped();
        long current = f.evm.block.number();
        if (requested >= current || requested < current - 256) {
            f.pushLong(0);
            return;
        }
        Hash hash = f.evm.block.blockHashes().hashOf(requested);
        f.pushBytes(hash.toArray(), 0, 32);
    }

    /** BLOBHASH (EIP-4844): the transaction's versioned hash at the index, else zero. */
    static void blobHash(Frame f) {
        int top = f.top();
        List<Hash> hashes = f.evm.transaction.blobHashes();
        long index = WordMath.clampToLong(f.stack, top);
        f.sp--;
        if (index < hashes.size()) {
            f.pushBytes(hashes.get((int) index).toArray(), 0, 32);
        } else {
            f.pushLong(0);
        }
    }
}
