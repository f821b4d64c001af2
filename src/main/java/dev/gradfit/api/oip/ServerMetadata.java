package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's server metadata: which server, which version, which extensions. */
@Schema(name = "OipServerMetadata", description = "Open Inference Protocol server metadata response.")
public record ServerMetadata(
        @Schema(description = "The server's name.", example = "gradfit", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(description = "The server's version.", example = "0.1.0", requiredMode = Schema.RequiredMode.REQUIRED)
        String version,

        @Schema(description = "Protocol extensions supported: none.", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> extensions) {}
