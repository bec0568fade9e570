package io.evmsim.evm.precompile.bls12381;

/** BLS12_G2MSM at 0x0e (EIP-2537): 288 * k bytes in, one G2 point (256 bytes) out. */
public final class Bls12G2Msm extends MultiScalarMultiplicationPrecompile<Fp2> {
    /** The cost of one G2 multiplication that the discount applies to. */
    public static final long MULTIPLICATION_COST = 22500;

    /** EIP-2537 G2 discount table, entries for k = 1..128; k > 128 uses the last (524). */
    static final int[] DISCOUNTS = {
        1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717,
        711, 704, 699, 693, 688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646,
        643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615, 613, 611, 609, 607,
        606, 604, 602, 600, 598, 597, 595, 593, 592, 590, 589, 587, 586, 584, 583, 582,
        580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562,
        561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548, 547,
        546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535,
        534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
    };

    public Bls12G2Msm() {
        super(Bls12Group.G2, MULTIPLICATION_COST, DISCOUNTS);
    }
}
