package io.evmsim.evm.precompile.bls12381;

/** BLS12_G1MSM at 0x0c (EIP-2537): 160 * k bytes in, one G1 point (128 bytes) out. */
public final class Bls12G1Msm extends MultiScalarMultiplicationPrecompile<Fp> {
    /** The cost of one G1 multiplication that the discount applies to. */
    public static final long MULTIPLICATION_COST = 12000;

    /** EIP-2537 G1 discount table, entries for k = 1..128; k > 128 uses the last (519). */
    static final int[] DISCOUNTS = {
        1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677,
        673, 669, 665, 661, 658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627,
        625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604, 603, 601, 599, 598,
        596, 595, 593, 592, 591, 589, 588, 586, 585, 584, 582, 581, 580, 579, 577, 576,
        575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559,
        558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545, 544,
        543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531,
        530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
    };

    public Bls12G1Msm() {
        super(Bls12Group.G1, MULTIPLICATION_COST, DISCOUNTS);
    }
}
