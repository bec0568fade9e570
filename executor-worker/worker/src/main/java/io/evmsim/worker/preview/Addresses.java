package io.evmsim.worker.preview;

/** How a summary or warning writes an address: the first four and last four hex digits ("0x7099...79c8"). */
final class Addresses {
    private Addresses() {
    }

    static String shortForm(String address) {
        return address.length() <= 12 ? address : address.substring(0, 6) + "..." + address.substring(address.length() - 4);
    }
}
