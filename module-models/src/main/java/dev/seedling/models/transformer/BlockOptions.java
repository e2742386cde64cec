package dev.seedling.models.transformer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The options of the residual schemes and norm layouts beyond their names ({@code block_options} in
 * {@code config.json}; keys left out keep {@link #DEFAULT}'s values). Documented in {@code docs/checkpoint-format.md}.
 *
 * @param rate            Hyper-Connections' expansion rate n, or Frac-Connections' frac rate m
 * @param dynamic         dynamic (token-dependent) rather than static connection weights (DHC, DFC)
 * @param scaleOutputProj Hyper-Connections only: initialise {@code o_proj} and {@code down_proj} with σ·√n (the
 *                        paper's "scale by √n", literal reading)
 * @param sddAlphaInit    initial α of SDD's output projections: {@code code} 1/√(2·layers) (released code, default)
 *                        or {@code paper} 1/√layers
 */
@lombok.Builder(toBuilder = true)
public record BlockOptions(
        @JsonProperty("rate") int rate,
        @JsonProperty("dynamic") boolean dynamic,
        @JsonProperty("scale_output_proj") boolean scaleOutputProj,
        @JsonProperty("sdd_alpha_init") String sddAlphaInit) {

    /** Rate 2, static, no output scaling, SDD α as in the released code. */
    public static final BlockOptions DEFAULT = new BlockOptions(2, false, false, "code");

    public BlockOptions {
        if (rate < 1) {
            throw new IllegalArgumentException("config: block_options.rate must be >= 1 but is " + rate);
        }
        if (!"code".equals(sddAlphaInit) && !"paper".equals(sddAlphaInit)) {
            throw new IllegalArgumentException("config: block_options.sdd_alpha_init is '" + sddAlphaInit
                    + "' but must be one of code, paper");
        }
    }
}
